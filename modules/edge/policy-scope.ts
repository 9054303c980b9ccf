import type { IConstruct } from 'constructs';
import type { FmsPolicyExcludeMap, FmsPolicyIncludeMap } from '@cdktf/provider-aws/lib/fms-policy';
import { ValidationError } from '../core/errors';

/**
 * Which accounts a Firewall Manager policy covers. Firewall Manager takes either an include map or an exclude map:
 * with an include map it ignores the exclude map, so giving both is refused rather than silently half-applied.
 */
export interface FmsPolicyScope {
  /**
   * Only these accounts (12-digit ids).
   * @default [] - with no include list, every account of the organisation except the excluded ones
   * Security: an include list leaves new accounts uncovered until they are added; prefer excludes.
   */
  readonly includeAccountIds?: readonly string[];
  /** Only these OUs (`ou-...`), with their child OUs. @default [] */
  readonly includeOrgUnitIds?: readonly string[];
  /**
   * Every account except these.
   * @default []
   * Security: an excluded account gets no baseline web ACL or security-group audit.
   */
  readonly excludeAccountIds?: readonly string[];
  /** Every account except those in these OUs. @default [] */
  readonly excludeOrgUnitIds?: readonly string[];
}

const ACCOUNT_ID = /^\d{12}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/** The `include_map` / `exclude_map` blocks of a scope, validated. */
export function renderPolicyScope(scope: IConstruct, prop: string, value: FmsPolicyScope = {}): { includeMap?: FmsPolicyIncludeMap; excludeMap?: FmsPolicyExcludeMap } {
  const lists = {
    includeAccountIds: [value.includeAccountIds ?? [], ACCOUNT_ID, 'a 12-digit AWS account id'],
    excludeAccountIds: [value.excludeAccountIds ?? [], ACCOUNT_ID, 'a 12-digit AWS account id'],
    includeOrgUnitIds: [value.includeOrgUnitIds ?? [], OU_ID, 'an OU id such as "ou-ab12-cdef3456"'],
    excludeOrgUnitIds: [value.excludeOrgUnitIds ?? [], OU_ID, 'an OU id such as "ou-ab12-cdef3456"'],
  } as const;
  for (const [name, [items, pattern, what]] of Object.entries(lists)) {
    items.forEach((item, i) => {
      if (!pattern.test(item)) throw new ValidationError(scope, `${prop}.${name}[${i}]`, item, `must be ${what}`);
    });
  }
  const include = lists.includeAccountIds[0].length + lists.includeOrgUnitIds[0].length > 0;
  const exclude = lists.excludeAccountIds[0].length + lists.excludeOrgUnitIds[0].length > 0;
  if (include && exclude) {
    throw new ValidationError(scope, prop, value, 'must include or exclude, not both: Firewall Manager ignores the exclude map when an include map is given');
  }
  const map = (accounts: readonly string[], units: readonly string[]) => ({
    account: accounts.length > 0 ? [...accounts] : undefined,
    orgunit: units.length > 0 ? [...units] : undefined,
  });
  if (include) return { includeMap: map(lists.includeAccountIds[0], lists.includeOrgUnitIds[0]) };
  if (exclude) return { excludeMap: map(lists.excludeAccountIds[0], lists.excludeOrgUnitIds[0]) };
  return {};
}

/** Firewall Manager policy names: 1-1,024 characters of letters, digits, spaces and `_.:/=+-@`. */
export const FMS_POLICY_NAME = /^[\w .:/=+\-@]{1,1024}$/;
