import type { AwsPartition, AwsRegion } from './regions';
import { ConfigError, problemsFromZod } from './errors';
import type * as InputSchema from './input-schema';
import type { AccountConfig, AccountRole, OrganizationConfig } from './schema';

/** An account after validation: its Regions resolved, home Region first. */
export interface Account extends Omit<AccountConfig, 'regions'> {
  /** Regions the account runs in, home Region first when the account runs there. */
  readonly regions: readonly AwsRegion[];
}

/** The validated, normalised organisation every stack and module receives. */
export interface Organization extends Omit<OrganizationConfig, 'accounts'> {
  readonly partition: AwsPartition;
  readonly accounts: readonly Account[];
}

function orderRegions(regions: readonly AwsRegion[], home: AwsRegion): AwsRegion[] {
  return [...regions].sort((a, b) => (a === home ? -1 : b === home ? 1 : 0));
}

/**
 * The schema (zod and every settings module) is loaded on the first parse: the stacks import this module for the
 * types and {@link accountWithRole}, and a synth worker, which receives the organisation already parsed, never pays
 * for loading it (about a third of a worker's start-up).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load on purpose (see above); the type import is erased
const inputSchema = (): typeof InputSchema => require('./input-schema') as typeof InputSchema;

/** Validates raw config (parsed YAML/JSON) and returns the normalised organisation, or throws ConfigError. */
export function parseOrganization(input: unknown, source = 'config'): Organization {
  const result = inputSchema().organizationInputSchema.safeParse(input);
  if (!result.success) throw new ConfigError(source, problemsFromZod(result.error, input));
  const config = result.data;
  return {
    ...config,
    accounts: config.accounts.map((account) => ({
      ...account,
      regions: orderRegions(account.regions ?? config.allowedRegions, config.homeRegion),
    })),
  };
}

/** The single account holding a role the schema requires exactly once. */
export function accountWithRole(org: Organization, role: Exclude<AccountRole, 'workload'>): Account {
  const account = org.accounts.find((a) => a.role === role);
  if (!account) throw new Error(`config rule bypassed at accounts: no ${role} account`); // unreachable: schema crossFieldRules (exactly one per role)
  return account;
}

/** True when the account's home-Region stack should hold its global (once-per-account) resources. */
export function isHomeRegion(org: Organization, region: AwsRegion): boolean {
  return region === org.homeRegion;
}
