/**
 * Module areas from construct paths. Every resource a stack synthesizes carries its construct path
 * (`"//": {"metadata": {"path": "<stack>/<top-level id>/<child id>/..."}}`); the top-level id names the area the
 * stack composition put it in (`detection`, `identity`, ...) and, for the composed areas, the child id names the
 * module inside it (`guardduty-detector`, `trail`, ...).
 */

/** A module area present in a stack, with the modules of it that were found, in a stable order. */
export interface ModuleArea {
  /** Readable area name, e.g. `Detection`. */
  readonly area: string;
  /** Readable module names inside the area, e.g. `GuardDuty`; empty for single-module areas. */
  readonly modules: readonly string[];
}

/** Where one construct path belongs. */
export interface ModuleRef {
  readonly area: string;
  /** Undefined when the area has no finer split (or the path stops at the area). */
  readonly module?: string;
}

type ChildRule = readonly [pattern: RegExp, module: string];

interface AreaRule {
  readonly area: string;
  /** Module name for every path under this id (single-module ids). */
  readonly module?: string;
  /** First match on the child id wins; unmatched children are shown by their id. */
  readonly children?: readonly ChildRule[];
}

const DETECTION_CHILDREN: readonly ChildRule[] = [
  [/^(security-logs-key|s3-access-logs-bucket|cloudtrail-bucket|config-bucket|findings-bucket)$/, 'log archive buckets'],
  [/^trail$/, 'CloudTrail'],
  [/^cis-alarms$/, 'CIS alarms'],
  [/^guardduty-/, 'GuardDuty'],
  [/^security-hub/, 'Security Hub'],
  [/^(config-|conformance-pack-)/, 'AWS Config'],
  [/^inspector-/, 'Inspector'],
  [/^macie/, 'Macie'],
  [/^alert-topic$/, 'alert topic'],
  [/^security-contact$/, 'security contact'],
];

const IDENTITY_CHILDREN: readonly ChildRule[] = [
  [/access-analyzer/, 'Access Analyzer'],
  [/^service-control-policies$/, 'SCPs'],
  [/^password-policy$/, 'password policy'],
  [/^require-mfa$/, 'MFA policy'],
  [/^permissions-boundary$/, 'permissions boundary'],
  [/^break-glass-role$/, 'break-glass role'],
  [/^support-role$/, 'support role'],
  [/^github-oidc-provider$/, 'GitHub OIDC provider'],
  [/^deploy-role-/, 'GitHub deploy roles'],
  [/^cross-account-role-/, 'cross-account roles'],
];

const NETWORK_CHILDREN: readonly ChildRule[] = [
  [/^vpc$/, 'VPC'],
  [/^transit-gateway$/, 'Transit Gateway hub'],
  [/^transit-gateway-attachment$/, 'TGW attachment'],
  [/^flow-log-key$/, 'flow-log key'],
  [/^ram-sharing-with-organization$/, 'RAM sharing'],
  [/^endpoint-service-/, 'PrivateLink services'],
];

/** Top-level construct ids, in the order areas are listed. */
const AREA_RULES: ReadonlyMap<string, AreaRule> = new Map<string, AreaRule>([
  ['baseline-key', { area: 'KMS', module: 'baseline key' }],
  ['ec2-defaults', { area: 'Data protection', module: 'EC2 defaults' }],
  ['s3-account-public-access-block', { area: 'Data protection', module: 'S3 Block Public Access' }],
  ['secrets', { area: 'Data protection', module: 'Secrets Manager' }],
  ['parameters', { area: 'Data protection', module: 'SSM parameters' }],
  ['identity', { area: 'Identity', children: IDENTITY_CHILDREN }],
  ['network', { area: 'Network', children: NETWORK_CHILDREN }],
  ['waf', { area: 'WAF', module: 'web ACL' }],
  ['detection', { area: 'Detection', children: DETECTION_CHILDREN }],
  ['state-key', { area: 'State bootstrap', module: 'state key' }],
  ['state-bucket', { area: 'State bootstrap', module: 'state bucket' }],
  ['state-access-logs', { area: 'State bootstrap', module: 'access-log bucket' }],
  ['lock-table', { area: 'State bootstrap', module: 'lock table' }],
]);

const AREA_ORDER: readonly string[] = [...new Set([...AREA_RULES.values()].map((r) => r.area))];

/** Module order inside an area: the order of its rules. */
const MODULE_ORDER: ReadonlyMap<string, readonly string[]> = new Map(
  AREA_ORDER.map((area) => [
    area,
    [...new Set([...AREA_RULES.values()].filter((r) => r.area === area).flatMap((r) => (r.module ? [r.module] : (r.children ?? []).map(([, m]) => m))))],
  ]),
);

/**
 * The area and module of one construct path (`<stack>/<top-level id>/<child id>/...`). Unknown top-level ids are
 * their own area (so a new composition still shows up, under its id); a path with no top-level id gives undefined.
 */
export function moduleOf(constructPath: string): ModuleRef | undefined {
  // A construct with the id `Default` (the log archive, the state backend) is left out, as cdktf leaves it out of
  // logical ids: its children read as if they stood where it stands.
  const [, top, child] = constructPath.split('/').filter((part, i) => i === 0 || part !== 'Default');
  if (top === undefined || top === '') return undefined;
  const rule = AREA_RULES.get(top);
  if (!rule) return { area: top };
  if (rule.module !== undefined) return { area: rule.area, module: rule.module };
  if (child === undefined) return { area: rule.area };
  const match = (rule.children ?? []).find(([pattern]) => pattern.test(child));
  return { area: rule.area, module: match ? match[1] : child };
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i === -1 ? order.length : i;
}

const byRankThenName =
  (order: readonly string[]) =>
  (a: string, b: string): number =>
    rank(order, a) - rank(order, b) || a.localeCompare(b);

/** The areas (and their modules) the given construct paths belong to: known areas first in a fixed order, then unknown ones by name. */
export function moduleAreas(constructPaths: Iterable<string>): ModuleArea[] {
  const found = new Map<string, Set<string>>();
  for (const p of constructPaths) {
    const ref = moduleOf(p);
    if (!ref) continue;
    const modules = found.get(ref.area) ?? new Set<string>();
    if (ref.module !== undefined) modules.add(ref.module);
    found.set(ref.area, modules);
  }
  return [...found.keys()].sort(byRankThenName(AREA_ORDER)).map((area) => ({
    area,
    modules: [...(found.get(area) ?? [])].sort(byRankThenName(MODULE_ORDER.get(area) ?? [])),
  }));
}

/** `Detection: GuardDuty, Security Hub; KMS: baseline key` style text for one stack. */
export function formatModuleAreas(areas: readonly ModuleArea[]): string {
  if (areas.length === 0) return '(none)';
  return areas.map((a) => (a.modules.length === 0 ? `**${a.area}**` : `**${a.area}**: ${a.modules.join(', ')}`)).join('; ');
}
