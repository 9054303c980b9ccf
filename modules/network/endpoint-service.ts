import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { ValidationError } from '../core/errors';
import { IAM_PRINCIPAL_ARN } from '../core/arn-patterns';

export interface EndpointServiceProps {
  /** Network Load Balancers (ARNs) that serve the endpoint service. */
  readonly networkLoadBalancerArns: readonly string[];
  /**
   * IAM principals (account roots, roles, users) allowed to request a connection. Wildcards are refused.
   * Security: only named principals can even ask; every request must then be accepted by the provider
   *   (acceptance is always required, Checkov CKV_AWS_123).
   */
  readonly allowedPrincipals: readonly string[];
  /** Tags for the endpoint service. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const NLB_ARN = /^arn:aws(-cn|-us-gov)?:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/net\/[\w-]{1,32}\/[0-9a-f]{16}$/;

/**
 * The provider side of PrivateLink: an endpoint service in front of Network Load Balancers. Connection requests are
 * never accepted automatically, and only the listed principals may make them. Consumers connect with
 * `InterfaceEndpoint` and `InterfaceEndpointTarget.endpointService(serviceName)` (or `Vpc.addEndpointServiceEndpoint`).
 */
export class EndpointService extends Construct {
  readonly resource: VpcEndpointService;
  /** The name consumers use, e.g. `com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0`. */
  readonly serviceName: string;
  readonly endpointServiceId: string;

  constructor(scope: Construct, id: string, props: EndpointServiceProps) {
    super(scope, id);
    if (props.networkLoadBalancerArns.length === 0) throw new ValidationError(this, 'networkLoadBalancerArns', [], 'must list at least one Network Load Balancer ARN');
    props.networkLoadBalancerArns.forEach((lb, i) => {
      if (!Token.isUnresolved(lb) && !NLB_ARN.test(lb)) {
        throw new ValidationError(this, `networkLoadBalancerArns[${i}]`, lb, 'must be a Network Load Balancer ARN (…:loadbalancer/net/<name>/<id>)');
      }
    });
    if (props.allowedPrincipals.length === 0) {
      throw new ValidationError(this, 'allowedPrincipals', [], 'must list at least one principal; nobody could connect otherwise');
    }
    props.allowedPrincipals.forEach((principal, i) => {
      if (!Token.isUnresolved(principal) && !IAM_PRINCIPAL_ARN.test(principal)) {
        throw new ValidationError(this, `allowedPrincipals[${i}]`, principal, 'must be an IAM principal ARN such as "arn:aws:iam::123456789012:root" (no wildcards)');
      }
    });
    this.resource = new VpcEndpointService(this, 'Resource', {
      acceptanceRequired: true,
      networkLoadBalancerArns: [...props.networkLoadBalancerArns],
      allowedPrincipals: [...props.allowedPrincipals],
      supportedIpAddressTypes: ['ipv4'],
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.serviceName = this.resource.serviceName;
    this.endpointServiceId = this.resource.id;
  }
}
