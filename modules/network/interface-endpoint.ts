import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { AwsPartition } from '../core/regions';
import { ValidationError } from '../core/errors';
import type { PolicyStatement } from '../iam/policy-document';
import { endpointServiceName, isInterfaceEndpointService, similarServiceNames } from './endpoint-catalogue';
import { organizationEndpointPolicy } from './endpoint-policy';
import { Peer, SecurityGroup } from './security-group';
import { Port } from './port';

/** What an interface endpoint connects to. */
export class InterfaceEndpointTarget {
  /** An AWS service by short name, e.g. `kms`, `ecr.api` (see INTERFACE_ENDPOINT_SERVICES). */
  static awsService(name: string): InterfaceEndpointTarget {
    return new InterfaceEndpointTarget('aws', name);
  }

  /** A PrivateLink endpoint service of another VPC, e.g. `com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0`. */
  static endpointService(serviceName: string): InterfaceEndpointTarget {
    return new InterfaceEndpointTarget('endpoint-service', serviceName);
  }

  private constructor(
    readonly kind: 'aws' | 'endpoint-service',
    readonly name: string,
  ) {}
}

export interface InterfaceEndpointProps {
  /** VPC of the endpoint. */
  readonly vpcId: string;
  /**
   * The VPC's IPv4 block: the only source the endpoint's security group admits.
   * Security: nothing outside the VPC can use the endpoint's network interfaces.
   */
  readonly vpcCidr: string;
  /** Subnets for the endpoint's network interfaces (one per zone). */
  readonly subnetIds: readonly string[];
  /** The AWS service or endpoint service to reach. */
  readonly target: InterfaceEndpointTarget;
  /** Partition of the account (for the service name). */
  readonly partition: AwsPartition;
  /** Region of the VPC (for the service name). */
  readonly region: string;
  /**
   * Organisation whose principals and resources the endpoint serves (`aws:PrincipalOrgID`, `aws:ResourceOrgID`).
   * Required for AWS services; endpoint services of other VPCs do not accept endpoint policies.
   * @default - none (only valid for endpoint services)
   * Security: without it, any credentials could be used through the endpoint, to any resource.
   */
  readonly organizationId?: string;
  /**
   * Extra Allow statements for the endpoint policy; each must require `aws:PrincipalOrgID`.
   * @default []
   * Security: the organisation condition cannot be dropped.
   */
  readonly additionalPolicyStatements?: readonly PolicyStatement[];
  /**
   * TCP ports the endpoint's security group admits from the VPC.
   * @default [443]
   * Security: AWS service endpoints only speak HTTPS; nothing else is opened.
   */
  readonly ports?: readonly number[];
  /**
   * Resolve the service's public DNS name to the endpoint inside the VPC.
   * @default true for AWS services, false for endpoint services (which need a verified private DNS name)
   * Security: with private DNS, SDKs use the endpoint without configuration, so traffic stays off the internet.
   */
  readonly privateDnsEnabled?: boolean;
  /** Tags for the endpoint and its security group. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An interface VPC endpoint with its own security group (HTTPS from the VPC only, no egress) and, for AWS services,
 * a policy limited to the organisation. Also the consumer side of PrivateLink (`InterfaceEndpointTarget.endpointService`).
 */
export class InterfaceEndpoint extends Construct {
  readonly resource: VpcEndpoint;
  readonly securityGroup: SecurityGroup;
  readonly vpcEndpointId: string;
  /** The endpoint policy JSON (AWS services only). */
  readonly policyJson: string | undefined;

  constructor(scope: Construct, id: string, props: InterfaceEndpointProps) {
    super(scope, id);
    const { target } = props;
    if (target.kind === 'aws' && !isInterfaceEndpointService(target.name)) {
      const similar = similarServiceNames(target.name);
      throw new ValidationError(
        this,
        'target',
        target.name,
        'is not a known interface endpoint service' + (similar.length > 0 ? `; did you mean ${similar.map((s) => `"${s}"`).join(', ')}?` : ''),
      );
    }
    if (target.kind === 'endpoint-service' && !Token.isUnresolved(target.name) && !/^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{8,17}$/.test(target.name)) {
      throw new ValidationError(this, 'target', target.name, 'must be an endpoint service name such as "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"');
    }
    if (target.kind === 'aws' && props.organizationId === undefined) {
      throw new ValidationError(this, 'organizationId', undefined, 'is required for AWS service endpoints: every endpoint policy is limited to the organisation');
    }
    if (target.kind === 'endpoint-service' && (props.organizationId !== undefined || props.additionalPolicyStatements !== undefined)) {
      throw new ValidationError(this, 'organizationId', props.organizationId, 'must not be set for endpoint services: they do not accept endpoint policies (the provider controls access with allowed principals and acceptance)');
    }
    if (props.subnetIds.length === 0) throw new ValidationError(this, 'subnetIds', [], 'must list at least one subnet');
    const ports = props.ports ?? [443];
    if (ports.length === 0) throw new ValidationError(this, 'ports', ports, 'must list at least one port');

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      vpcId: props.vpcId,
      description: `Endpoint ${target.kind === 'aws' ? target.name : id}: clients in the VPC only`,
      namePrefix: id,
      ingress: ports.map((port) => ({ peer: Peer.ipv4(props.vpcCidr), port: Port.tcp(port), description: `Clients in the VPC to the endpoint on ${port}` })),
      tags: props.tags,
    });
    this.policyJson =
      target.kind === 'aws' ? organizationEndpointPolicy(this, props.organizationId!, props.additionalPolicyStatements ?? []) : undefined;
    this.resource = new VpcEndpoint(this, 'Resource', {
      vpcId: props.vpcId,
      vpcEndpointType: 'Interface',
      serviceName: target.kind === 'aws' ? endpointServiceName(props.partition, props.region, target.name) : target.name,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [this.securityGroup.securityGroupId],
      privateDnsEnabled: props.privateDnsEnabled ?? target.kind === 'aws',
      policy: this.policyJson,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.vpcEndpointId = this.resource.id;
  }
}
