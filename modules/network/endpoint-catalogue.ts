import type { AwsPartition } from '../core/regions';

/**
 * AWS services the baseline knows how to reach through VPC endpoints, by the short name that follows
 * `com.amazonaws.<region>.` in the endpoint service name. A name outside these lists is refused at synth: a typo
 * (`secretmanager`) would otherwise surface only at apply, after the other endpoints were created.
 */

/** Services reached through gateway endpoints (route-table entries; free). */
export const GATEWAY_ENDPOINT_SERVICES = ['s3', 'dynamodb'] as const;
export type GatewayEndpointService = (typeof GATEWAY_ENDPOINT_SERVICES)[number];

/** Services reached through interface endpoints (ENIs in the VPC; PrivateLink). */
export const INTERFACE_ENDPOINT_SERVICES = [
  'access-analyzer', 'acm-pca', 'airflow.api', 'airflow.env', 'airflow.ops', 'application-autoscaling', 'appmesh-envoy-management',
  'athena', 'autoscaling', 'backup', 'batch', 'bedrock', 'bedrock-runtime', 'cloudformation', 'cloudtrail', 'codeartifact.api',
  'codeartifact.repositories', 'codebuild', 'codecommit', 'codepipeline', 'config', 'dynamodb', 'ebs', 'ec2', 'ec2messages', 'ecr.api',
  'ecr.dkr', 'ecs', 'ecs-agent', 'ecs-telemetry', 'eks', 'eks-auth', 'elasticache', 'elasticbeanstalk', 'elasticfilesystem',
  'elasticloadbalancing', 'elasticmapreduce', 'email-smtp', 'events', 'execute-api', 'firehose', 'glue', 'guardduty-data', 'imagebuilder',
  'kinesis-firehose', 'kinesis-streams', 'kms', 'kms-fips', 'lambda', 'logs', 'monitoring', 'rds', 'rds-data', 'redshift',
  'redshift-data', 's3', 'sagemaker.api', 'sagemaker.runtime', 'secretsmanager', 'securityhub', 'servicecatalog', 'sns', 'sqs', 'ssm',
  'ssm-contacts', 'ssm-incidents', 'ssmmessages', 'states', 'sts', 'sync-states', 'synthetics', 'transfer', 'xray',
] as const;
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

/**
 * The interface endpoints a VPC gets unless its config says otherwise: enough to manage instances with Session
 * Manager (no SSH, no bastion), fetch secrets and keys, assume roles and ship logs without the internet.
 */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly InterfaceEndpointService[] = [
  'sts', 'kms', 'secretsmanager', 'ssm', 'ssmmessages', 'ec2messages', 'logs',
];

/** True when `name` is a known interface endpoint service. */
export function isInterfaceEndpointService(name: string): name is InterfaceEndpointService {
  return (INTERFACE_ENDPOINT_SERVICES as readonly string[]).includes(name);
}

/** True when `name` is a known gateway endpoint service. */
export function isGatewayEndpointService(name: string): name is GatewayEndpointService {
  return (GATEWAY_ENDPOINT_SERVICES as readonly string[]).includes(name);
}

/** Known names that look like `name` (same prefix or one edit away), for "did you mean" hints. */
export function similarServiceNames(name: string, known: readonly string[] = INTERFACE_ENDPOINT_SERVICES): string[] {
  const lower = name.toLowerCase();
  return known.filter((k) => k.startsWith(lower.slice(0, 3)) || editDistance(k, lower) <= 2).slice(0, 5);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The full endpoint service name, e.g. `com.amazonaws.us-east-1.kms` (`cn.com.amazonaws...` in China). */
export function endpointServiceName(partition: AwsPartition, region: string, service: string): string {
  return `${partition === 'aws-cn' ? 'cn.' : ''}com.amazonaws.${region}.${service}`;
}
