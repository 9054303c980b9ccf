import { Construct } from 'constructs';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { AwsPartition } from '../core/regions';
import { ValidationError } from '../core/errors';
import type { PolicyStatement } from '../iam/policy-document';
import { GATEWAY_ENDPOINT_SERVICES, endpointServiceName, isGatewayEndpointService, type GatewayEndpointService } from './endpoint-catalogue';
import { organizationEndpointPolicy } from './endpoint-policy';

export interface GatewayEndpointProps {
  /** VPC of the endpoint. */
  readonly vpcId: string;
  /** `s3` or `dynamodb`. */
  readonly service: GatewayEndpointService;
  /**
   * Route tables that send the service's traffic to the endpoint (the private ones).
   * Security: those subnets reach the service without NAT or the internet.
   */
  readonly routeTableIds: readonly string[];
  /** Partition of the account (for the service name). */
  readonly partition: AwsPartition;
  /** Region of the VPC (for the service name). */
  readonly region: string;
  /**
   * Organisation whose principals and resources the endpoint serves (`aws:PrincipalOrgID`, `aws:ResourceOrgID`).
   * Security: data cannot be copied through the endpoint to buckets or tables outside the organisation.
   */
  readonly organizationId: string;
  /**
   * Extra Allow statements for the endpoint policy (e.g. AWS-owned package-repository buckets); each must require
   * `aws:PrincipalOrgID`.
   * @default []
   * Security: the organisation condition cannot be dropped.
   */
  readonly additionalPolicyStatements?: readonly PolicyStatement[];
  /** Tags for the endpoint. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A gateway VPC endpoint (S3 or DynamoDB) on the given route tables, with a policy limited to the organisation. */
export class GatewayEndpoint extends Construct {
  readonly resource: VpcEndpoint;
  readonly vpcEndpointId: string;
  /** The managed prefix list of the service, for security group egress rules. */
  readonly prefixListId: string;
  readonly policyJson: string;

  constructor(scope: Construct, id: string, props: GatewayEndpointProps) {
    super(scope, id);
    if (!isGatewayEndpointService(props.service)) {
      throw new ValidationError(this, 'service', props.service, `must be one of ${GATEWAY_ENDPOINT_SERVICES.join(', ')} (the only gateway endpoint services)`);
    }
    if (props.routeTableIds.length === 0) throw new ValidationError(this, 'routeTableIds', [], 'must list at least one route table');
    this.policyJson = organizationEndpointPolicy(this, props.organizationId, props.additionalPolicyStatements ?? []);
    this.resource = new VpcEndpoint(this, 'Resource', {
      vpcId: props.vpcId,
      vpcEndpointType: 'Gateway',
      serviceName: endpointServiceName(props.partition, props.region, props.service),
      routeTableIds: [...props.routeTableIds],
      policy: this.policyJson,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.vpcEndpointId = this.resource.id;
    this.prefixListId = this.resource.prefixListId;
  }
}
