import fc from 'fast-check';
import { getAt, nodesOf, parentOf, setAt, type Json, type PathPart } from './tree';
import { KEY_POOL, SECRET_MARKERS, TEMPLATE_MARKERS, VALUE_POOL, sameTypePool } from './values';

/**
 * Mutations of a seed config, as fast-check arbitraries. A case is a seed index and one to three mutations; each
 * mutation is data (a kind and a few numbers that pick the node and the value), so a case prints, replays and
 * shrinks. Generic mutations act on any node (replace, same-type replace, duplicate, delete, add a key, swap in a
 * value from elsewhere in the config); targeted ones write the settings that have weakened guardrails or crashed
 * the stacks before (break-glass tag keys, exempt actions, admin statements, ABAC and OIDC patterns, floors, ...).
 */

export const GENERIC_KINDS = ['replace', 'same-type', 'duplicate', 'delete', 'add-key', 'swap'] as const;

export interface Mutation {
  readonly kind: (typeof GENERIC_KINDS)[number] | 'targeted';
  /** Picks the node (index into the config's nodes, modulo their number) or the targeted mutation. */
  readonly at: number;
  /** Picks the value or variant. */
  readonly pick: number;
  /** A second choice (a key, an account). */
  readonly pick2: number;
}

export interface FuzzCase {
  readonly seed: number;
  readonly mutations: readonly Mutation[];
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.oneof(
    { weight: 3, arbitrary: fc.constant('replace' as const) },
    { weight: 4, arbitrary: fc.constant('same-type' as const) },
    { weight: 1, arbitrary: fc.constant('duplicate' as const) },
    { weight: 1, arbitrary: fc.constant('delete' as const) },
    { weight: 1, arbitrary: fc.constant('add-key' as const) },
    { weight: 1, arbitrary: fc.constant('swap' as const) },
    { weight: 3, arbitrary: fc.constant('targeted' as const) },
  ),
  at: fc.nat(),
  pick: fc.nat(),
  pick2: fc.nat(),
});

/** A case: which seed, and one to three mutations. */
export function caseArb(seedCount: number): fc.Arbitrary<FuzzCase> {
  return fc.record({ seed: fc.nat({ max: seedCount - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) });
}

const of = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

type Config = { [key: string]: Json };
type Targeted = (config: Config, pick: number, pick2: number) => void;

function accounts(config: Config): Config[] {
  return Array.isArray(config.accounts) ? (config.accounts.filter((a) => a !== null && typeof a === 'object' && !Array.isArray(a)) as Config[]) : [];
}

function accountIndex(config: Config, n: number, role?: string): number {
  const list = Array.isArray(config.accounts) ? config.accounts : [];
  const matching = list.map((a, i) => ({ a, i })).filter(({ a }) => role === undefined || (a !== null && typeof a === 'object' && (a as Config).role === role));
  return matching.length === 0 ? 0 : of(matching, n).i;
}

const STATEMENT_ACTIONS = ['*', '*:*', 's3:*', 's3:**', 'iam:*?*', 'S3:*', 's3:GetObject', 'ec2:Describe*', 'sts:AssumeRole'];
const STATEMENT_RESOURCES = ['*', 'arn:*', 'arn:*:*:*:*:*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/*', 'arn:aws:iam::*:*', 'arn:aws:s3:::example-bucket/*', 'arn:aws:s3:::b/${aws:username}/*'];
const REF_PATTERNS = ['*', '*/*', '**', '*-*', '?', 'main', 'release/*', 'v*', ''];
const REASON = 'decided by the security team on review; compensating control in place';

/** Targeted mutations: each writes one setting that matters to a guardrail or has crashed the build. */
const TARGETED: readonly Targeted[] = [
  // The break-glass tag key equal (in any case) to a tag the baseline or the config sets.
  (c, p) => {
    const tagKeys = [...Object.keys((c.defaultTags as Config | undefined) ?? {}), 'managed-by', 'Account-Role', 'owner', 'segment'];
    setAt(c, ['identity', 'breakGlass', 'tagKey'], of(tagKeys, p));
  },
  (c, p, q) => setAt(c, ['defaultTags', of(['break-glass', 'Break-Glass', 'BREAK-GLASS', 'owner'], p)], of(['true', 'yes', ''], q)),
  // Exempt actions of the Region SCP.
  (c, p) => setAt(c, ['identity', 'serviceControlPolicies', 'regionAllowlist', 'extraExemptActions'], [of(['*', 'ec2:*', 's3:Get*', 'iam:CreateRole', '*:*', 'nope:Nothing', 'iam:*'], p)]),
  // A statement on a deploy role, a cross-account role or a permission set.
  (c, p, q) => {
    const statement: Json = { actions: [of(STATEMENT_ACTIONS, p)], resources: [of(STATEMENT_RESOURCES, q)] };
    const targets: PathPart[][] = [];
    accounts(c).forEach((a, i) => {
      const identity = a.identity as Config | undefined;
      for (const list of ['githubDeployRoles', 'crossAccountRoles'] as const) {
        const roles = identity?.[list];
        if (Array.isArray(roles)) roles.forEach((_r, j) => targets.push(['accounts', i, 'identity', list, j, 'statements']));
      }
    });
    const sets = getAt(c, ['identity', 'identityCenter', 'permissionSets']);
    if (Array.isArray(sets)) sets.forEach((_s, j) => targets.push(['identity', 'identityCenter', 'permissionSets', j, 'statements']));
    if (targets.length === 0) return;
    const target = of(targets, p + q);
    const existing = getAt(c, target);
    setAt(c, target, Array.isArray(existing) ? [...existing, statement] : [statement]);
  },
  // ABAC with an empty or odd tag list.
  (c, p) => {
    for (const node of nodesOf(c)) {
      if (node.path[node.path.length - 2] === 'statements' && node.value !== null && typeof node.value === 'object' && !Array.isArray(node.value)) {
        setAt(c, [...node.path, 'matchPrincipalTags'], of([[], ['team'], ['team', 'team'], ['aws:x']], p));
        return;
      }
    }
  },
  // GitHub OIDC branch, environment and tag patterns, with or without a reason.
  (c, p, q) => {
    for (const node of nodesOf(c)) {
      if (node.path[node.path.length - 2] === 'repositories' && node.value !== null && typeof node.value === 'object' && !Array.isArray(node.value)) {
        setAt(c, [...node.path, of(['branches', 'environments', 'tags'], q)], [of(REF_PATTERNS, p)]);
        if (q % 3 === 0) setAt(c, [...node.path, 'openRefPatternsReason'], REASON);
        if (q % 5 === 1) setAt(c, [...node.path, 'repository'], 'example-org/*');
        return;
      }
    }
  },
  // Floors: Object Lock and log retentions.
  (c, p, q) => {
    setAt(c, ['detection', 'cloudTrail', 'objectLock', 'retentionDays'], of([1, 30, 364, 365, 36500, 36501], p));
    if (q % 2 === 0) setAt(c, ['detection', 'cloudTrail', 'objectLock', 'retentionBelowFloorReason'], REASON);
  },
  (c, p) => setAt(c, ['detection', 'cloudTrail', 'cloudWatchLogsRetentionDays'], of([1, 30, 90, 364, 365, 3653], p)),
  (c, p) => setAt(c, ['network', 'flowLogs', 'retentionDays'], of([1, 90, 365, 400], p)),
  // Numbers the subnet planner once trusted.
  (c, p) => {
    for (const node of nodesOf(c)) {
      if (node.path[node.path.length - 2] === 'vpcs') {
        setAt(c, [...node.path, 'availabilityZoneCount'], of([1e21, 1e6, 3e7, 2, 3, 4, -1, 2.5], p));
        return;
      }
    }
  },
  // Conformance packs: a folder as the template, duplicates.
  (c, p) => {
    const pack = { name: 'logging-essentials', templateFile: of(['modules', 'modules/detection/aws-config/templates/logging-essentials.yaml', 'nope.yaml', '/etc/passwd'], p) };
    setAt(c, ['detection', 'config', 'conformancePacks'], p % 2 === 0 ? [pack, pack] : [pack]);
  },
  // Duplicates that were construct-id collisions.
  (c, p) => {
    const lists: Array<[PathPart[], Json]> = [
      [['network', 'interfaceEndpoints'], ['kms', 'kms']],
      [['alerts', 'emails'], ['a@example.com', 'a@example.com']],
      [['alerts', 'httpsEndpoints'], ['https://hooks.example.com/x', 'https://hooks.example.com/x']],
      [['detection', 'securityHub', 'disabledControls'], [{ standard: 'aws-foundational-security-best-practices/v/1.0.0', controlId: 'Macie.1', reason: REASON }, { standard: 'aws-foundational-security-best-practices/v/1.0.0', controlId: 'Macie.1', reason: REASON }]],
    ];
    const [path, value] = of(lists, p);
    setAt(c, path, value);
  },
  // Macie job with Macie off; log-archive outside the home Region.
  (c, p, q) => {
    const i = accountIndex(c, q, 'workload');
    setAt(c, ['accounts', i, 'detection', 'macieClassificationJob'], { bucketNames: ['example-bucket'] });
    if (p % 2 === 0) setAt(c, ['detection', 'macie', 'enabled'], true);
  },
  (c, p) => {
    const i = accountIndex(c, 0, 'log-archive');
    const regions = getAt(c, ['allowedRegions']);
    if (Array.isArray(regions) && regions.length > 1) setAt(c, ['accounts', i, 'regions'], [regions[1 + (p % (regions.length - 1))]!]);
  },
  // Role names that collide (case-insensitively) with the baseline's roles.
  (c, p, q) => {
    for (const node of nodesOf(c)) {
      if (node.path[node.path.length - 1] === 'roleName' && node.path.includes('accounts')) {
        setAt(c, node.path, of(['break-glass', 'Break-Glass', 'aws-support', 'OrganizationAccountAccessRole', 'unique-role'], p + q));
        return;
      }
    }
  },
  // SCP targets: unknown names, too many policies on one target.
  (c, p) => {
    const names = ['denyLeaveOrganization', 'regionAllowlist', 'protectSecurityServices', 'denyRootUser', 'protectS3PublicAccessBlock', 'protectBreakGlass', 'denyIamUsers'];
    const target = of(['root', 'all-accounts', 'workload-prod', 'no-such-account', '123456789012'], p);
    for (const name of names.slice(0, 3 + (p % 5))) setAt(c, ['identity', 'serviceControlPolicies', name], { enabled: true, targets: [target] });
    setAt(c, ['identity', 'serviceControlPolicies', 'organizationRootId'], 'r-a1b2');
  },
  // Administrator-equivalent managed policies.
  (c, p) => {
    for (const node of nodesOf(c)) {
      if (node.path[node.path.length - 1] === 'awsManagedPolicies') {
        setAt(c, node.path, [of(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess', 'ReadOnlyAccess', 'ReadOnlyAccess'], p), 'ReadOnlyAccess']);
        return;
      }
    }
  },
  // Secrets typed where names are expected, or under secret-looking keys.
  (c, p, q) => {
    const i = accountIndex(c, q, 'workload');
    const secret = of(SECRET_MARKERS, p);
    const variants: Json[] = [
      [secret],
      [{ type: 'String', application: 'app', name: 'db/endpoint', value: 'db.example.com', password: secret }],
      [{ type: 'SecureString', application: 'app', name: 'db/password', value: secret }],
      [{ application: 'app', name: 'db', rotation: { lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:rotate' }, secretString: secret }],
    ];
    setAt(c, ['accounts', i, 'dataProtection', p % 2 === 0 ? 'parameters' : 'secrets'], of(variants, p + q));
  },
  // Template text in a tag, a name, a description or a policy resource.
  (c, p, q) => {
    const marker = of(TEMPLATE_MARKERS, p);
    const targets: PathPart[][] = [['defaultTags', 'owner'], ['defaultTags', marker], ['name'], ['accounts', 0, 'securityContact', 'name'], ['identity', 'breakGlass', 'tagValue']];
    setAt(c, of(targets, q), marker);
  },
  // WAF protected resources of another Region or account.
  (c, p) => {
    for (const node of nodesOf(c)) {
      if (node.path[node.path.length - 1] === 'protectedResourceArns' && Array.isArray(node.value) && node.value.length > 0) {
        const first = String(node.value[0]);
        setAt(c, node.path, [of([first.replace(/:\d{12}:/, ':999999999999:'), first.replace(/:[a-z]{2}-[a-z]+-\d:/, ':ap-south-1:'), first], p), first]);
        return;
      }
    }
  },
];

/** Applies a case's mutations to a copy of its seed (the caller passes the copy). */
export function applyMutations(config: Json, mutations: readonly Mutation[]): Json {
  for (const m of mutations) applyOne(config, m);
  return config;
}

function applyOne(root: Json, m: Mutation): void {
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return;
  if (m.kind === 'targeted') return of(TARGETED, m.at)(root, m.pick, m.pick2);
  const nodes = nodesOf(root);
  if (nodes.length === 0) return;
  const node = of(nodes, m.at);
  const place = parentOf(root, node.path);
  if (!place) return;
  const { parent, key } = place;
  switch (m.kind) {
    case 'replace':
      (parent as Record<PathPart, Json>)[key] = of(VALUE_POOL, m.pick);
      return;
    case 'same-type': {
      const pool = sameTypePool(node.value);
      if (pool.length > 0) (parent as Record<PathPart, Json>)[key] = of(pool, m.pick);
      return;
    }
    case 'duplicate':
      if (Array.isArray(node.value) && node.value.length > 0) node.value.push(JSON.parse(JSON.stringify(of(node.value, m.pick))) as Json);
      else if (Array.isArray(parent)) parent.push(JSON.parse(JSON.stringify(node.value)) as Json);
      return;
    case 'delete':
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete (parent as Record<PathPart, Json>)[key];
      return;
    case 'add-key':
      if (node.value !== null && typeof node.value === 'object' && !Array.isArray(node.value)) node.value[of(KEY_POOL, m.pick)] = of(VALUE_POOL, m.pick2);
      return;
    case 'swap': {
      const scalars = nodes.filter((n) => n.value === null || typeof n.value !== 'object');
      if (scalars.length > 0) (parent as Record<PathPart, Json>)[key] = of(scalars, m.pick).value;
      return;
    }
  }
}
