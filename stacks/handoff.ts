import type { IEncryptionKey } from '../modules/kms/key';
import type { EndpointService } from '../modules/network/endpoint-service';
import type { TransitGatewayHub } from '../modules/network/transit-gateway-hub';

/**
 * What a baseline stack's compositions hand to the stacks built after it (read through the registry; a reference
 * from another stack becomes remote state). Typed and on the stack, so a reader sees every cross-stack value here.
 */
export interface CrossStackHandoff {
  /** Network account: the Region's Transit Gateway hub, which workload VPCs attach to. */
  networkHub?: TransitGatewayHub;
  /** Network account: its endpoint services (PrivateLink) in this Region, by config name. */
  readonly endpointServices: Map<string, EndpointService>;
  /** Log-archive account, home Region: the key of the Config, findings and flow-log buckets. */
  securityLogsKey?: IEncryptionKey;
}
