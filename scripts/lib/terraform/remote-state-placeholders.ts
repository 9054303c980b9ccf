/**
 * Test-only: offline plans cannot read another stack's state, so each `terraform_remote_state` is pointed at an
 * empty local state file ({@link EMPTY_STATE_FILE}, written next to the stack; Terraform refuses a missing file) and
 * given `defaults` for the outputs the stack reads. A default is shaped like the real value
 * (an ARN for `.arn`, a `tgw-...` id for a Transit Gateway), derived from the producer's output expression, so
 * provider-side validation of the consuming argument still runs.
 */

type Json = Record<string, unknown>;

/** Service part of ARNs by resource type, where it is not the second word of the type. */
const ARN_SERVICE: Readonly<Record<string, string>> = {
  aws_cloudwatch_log_group: 'logs',
  aws_ec2_transit_gateway: 'ec2',
  aws_ec2_transit_gateway_route_table: 'ec2',
  aws_vpc: 'ec2',
  aws_subnet: 'ec2',
  aws_wafv2_web_acl: 'wafv2',
};

/** Id prefixes by resource type, for attributes AWS shapes (`tgw-`, `vpc-`, ...). */
const ID_PREFIX: Readonly<Record<string, string>> = {
  aws_ec2_transit_gateway: 'tgw-',
  aws_ec2_transit_gateway_route_table: 'tgw-rtb-',
  aws_ec2_transit_gateway_vpc_attachment: 'tgw-attach-',
  aws_vpc: 'vpc-',
  aws_subnet: 'subnet-',
  aws_security_group: 'sg-',
  aws_route_table: 'rtb-',
};

/** Empty state the rewritten remote state data sources read (written into each plan working folder). */
export const EMPTY_STATE_FILE = 'offline-plan-empty.tfstate';
export const EMPTY_STATE = {
  version: 4,
  terraform_version: '1.11.4',
  serial: 1,
  lineage: '00000000-0000-4000-8000-000000000000',
  outputs: {},
  resources: [],
};

const OFFLINE_ACCOUNT = '123456789012';
const OFFLINE_REGION = 'us-east-1';

/** A placeholder shaped like `<type>.<attr>`. */
export function placeholderFor(resourceType: string | undefined, attribute: string): string {
  const type = resourceType ?? '';
  if (attribute === 'arn' || attribute.endsWith('_arn')) {
    if (type === 'aws_s3_bucket') return 'arn:aws:s3:::offline-placeholder-bucket';
    if (type === 'aws_iam_role' || type === 'aws_iam_policy') return `arn:aws:iam::${OFFLINE_ACCOUNT}:role/offline-placeholder`;
    const service = ARN_SERVICE[type] ?? (type.split('_')[1] || 'iam');
    if (service === 'kms') return `arn:aws:kms:${OFFLINE_REGION}:${OFFLINE_ACCOUNT}:key/00000000-0000-4000-8000-000000000000`;
    return `arn:aws:${service}:${OFFLINE_REGION}:${OFFLINE_ACCOUNT}:offline-placeholder`;
  }
  if (attribute === 'id' || attribute.endsWith('_id')) {
    if (type === 'aws_kms_key') return '00000000-0000-4000-8000-000000000000';
    const prefix = ID_PREFIX[type];
    if (prefix) return `${prefix}0123456789abcdef0`;
    if (type === 'aws_s3_bucket') return 'offline-placeholder-bucket';
  }
  return `offline-placeholder-${attribute}`;
}

const REMOTE_OUTPUT = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;
const PRODUCER_EXPRESSION = /^\$\{([a-z0-9_]+)\.[A-Za-z0-9_-]+\.([a-z0-9_]+)\}$/;

/** Rewrites every remote state data source of `stack`; `producerOutputs` finds the producing stack's outputs by name. */
export function offlineRemoteState(stack: Json, producerOutputs: (dataSourceName: string) => Json | undefined): Json {
  const data = stack.data as Record<string, Record<string, Json>> | undefined;
  const remote = data?.terraform_remote_state;
  if (!data || !remote) return stack;
  const text = JSON.stringify(stack);
  const wanted = new Map<string, Set<string>>();
  for (const match of text.matchAll(REMOTE_OUTPUT)) {
    const outputs = wanted.get(match[1]!) ?? new Set<string>();
    outputs.add(match[2]!);
    wanted.set(match[1]!, outputs);
  }
  const rewritten: Record<string, Json> = {};
  for (const [name, source] of Object.entries(remote)) {
    const produced = producerOutputs(name) ?? {};
    const defaults: Record<string, string> = {};
    for (const output of wanted.get(name) ?? []) {
      const expression = (produced[output] as Json | undefined)?.value;
      const parsed = typeof expression === 'string' ? PRODUCER_EXPRESSION.exec(expression) : null;
      const attribute = parsed?.[2] ?? (/arn$/i.test(output) ? 'arn' : /id$/i.test(output) ? 'id' : output);
      defaults[output] = placeholderFor(parsed?.[1], attribute);
    }
    rewritten[name] = { ...source, backend: 'local', config: { path: EMPTY_STATE_FILE }, defaults };
  }
  return { ...stack, data: { ...data, terraform_remote_state: rewritten } };
}
