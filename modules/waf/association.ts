import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { ValidationError } from '../core/errors';
import type { IWebAcl } from './web-acl-ref';

/** The kinds of resource a regional web ACL is associated with here. */
export type ProtectedResourceKind = 'alb' | 'api-gateway-stage' | 'appsync';

const PARTITION = 'aws(?:-cn|-us-gov)?';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d';
const RESOURCE_ARN_PATTERNS: ReadonlyArray<{ readonly kind: ProtectedResourceKind; readonly pattern: RegExp; readonly example: string }> = [
  {
    kind: 'alb',
    pattern: new RegExp(`^arn:${PARTITION}:elasticloadbalancing:(${REGION}):\\d{12}:loadbalancer/app/([A-Za-z0-9-]{1,32})/([0-9a-f]{1,16})$`),
    example: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0123456789abcdef',
  },
  {
    kind: 'api-gateway-stage',
    pattern: new RegExp(`^arn:${PARTITION}:apigateway:(${REGION})::/restapis/([a-z0-9]{10})/stages/([A-Za-z0-9_-]{1,128})$`),
    example: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod',
  },
  {
    kind: 'appsync',
    pattern: new RegExp(`^arn:${PARTITION}:appsync:(${REGION}):\\d{12}:apis/([a-z0-9]{26})$`),
    example: 'arn:aws:appsync:us-east-1:123456789012:apis/abcdefghijklmnopqrstuvwxyz',
  },
];

/** What a protected resource ARN names: its kind, Region, and a short stable name for construct ids. */
export interface ProtectedResource {
  readonly kind: ProtectedResourceKind;
  readonly region: string;
  /** `alb-<name>`, `apigw-<api id>-<stage>` or `appsync-<api id>`. */
  readonly idSuffix: string;
}

/** Parses an ALB, API Gateway REST API stage or AppSync API ARN; undefined for anything else. */
export function parseProtectedResourceArn(resourceArn: string): ProtectedResource | undefined {
  for (const { kind, pattern } of RESOURCE_ARN_PATTERNS) {
    const match = pattern.exec(resourceArn);
    if (!match) continue;
    const [, region, a, b] = match;
    const idSuffix = kind === 'alb' ? `alb-${a}` : kind === 'api-gateway-stage' ? `apigw-${a}-${b}` : `appsync-${a}`;
    return { kind, region: region!, idSuffix };
  }
  return undefined;
}

/** The ARN shapes accepted, for error messages. */
export const PROTECTED_RESOURCE_EXAMPLES = RESOURCE_ARN_PATTERNS.map((p) => p.example);

export interface WebAclAssociationProps {
  /** A REGIONAL web ACL (CloudFront ACLs are attached on the distribution, `web_acl_id`). */
  readonly webAcl: IWebAcl;
  /**
   * ARN of the ALB, API Gateway REST API stage or AppSync API to protect, in the web ACL's Region.
   * Security: a resource behind no web ACL gets no WAF protection; Checkov's CKV2_AWS_28/29 look for this link.
   */
  readonly resourceArn: string;
}

/** Associates a regional web ACL with an ALB, API Gateway stage or AppSync API (`aws_wafv2_web_acl_association`). */
export class WebAclAssociation extends Construct {
  readonly resource: Wafv2WebAclAssociation;
  /** What the ARN names (undefined when it is a token). */
  readonly protectedResource: ProtectedResource | undefined;

  constructor(scope: Construct, id: string, props: WebAclAssociationProps) {
    super(scope, id);
    if (props.webAcl.scope === 'CLOUDFRONT') {
      throw new ValidationError(
        this,
        'webAcl',
        props.webAcl.webAclName,
        'must be a REGIONAL web ACL: a CLOUDFRONT ACL is attached on the distribution (web_acl_id), not with an association',
      );
    }
    if (Token.isUnresolved(props.resourceArn)) {
      this.protectedResource = undefined;
    } else {
      const parsed = parseProtectedResourceArn(props.resourceArn);
      if (!parsed) {
        throw new ValidationError(
          this,
          'resourceArn',
          props.resourceArn,
          `must be the ARN of an Application Load Balancer, an API Gateway REST API stage or an AppSync API, e.g. ${PROTECTED_RESOURCE_EXAMPLES.map((e) => `"${e}"`).join(', ')}`,
        );
      }
      if (parsed.region !== props.webAcl.region) {
        throw new ValidationError(
          this,
          'resourceArn',
          props.resourceArn,
          `is in ${parsed.region} but the web ACL is in ${props.webAcl.region}; a regional ACL protects resources of its own Region only`,
        );
      }
      this.protectedResource = parsed;
    }
    this.resource = new Wafv2WebAclAssociation(this, 'Resource', {
      webAclArn: props.webAcl.webAclArn,
      resourceArn: props.resourceArn,
    });
  }
}
