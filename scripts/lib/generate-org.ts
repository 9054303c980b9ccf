import type { AccountRole, OrganizationInput } from '../../config/schema';
import type { AwsRegion } from '../../config/regions';

/**
 * Commercial Regions a generated organisation draws from, in order. The home Region comes first, so an
 * organisation of `n` Regions always uses the first `n` of this list.
 */
export const GENERATED_REGIONS: readonly AwsRegion[] = [
  'us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1',
  'us-east-2', 'eu-west-2', 'ca-central-1', 'ap-south-1', 'sa-east-1', 'eu-north-1',
];

/** Roles held by exactly one account each, given to the first accounts in this order. */
export const SINGLETON_ROLES: readonly Exclude<AccountRole, 'workload'>[] = ['management', 'log-archive', 'security', 'network'];

/** Organisation id used by every generated organisation. */
export const GENERATED_ORGANIZATION_ID = 'o-a1b2c3d4e5';

const FIRST_ACCOUNT_ID = 100_000_000_000;

function roleOf(index: number): AccountRole {
  return SINGLETON_ROLES[index] ?? 'workload';
}

function accountName(index: number, role: AccountRole): string {
  return role === 'workload' ? `workload-${String(index).padStart(4, '0')}` : role;
}

/**
 * A synthetic organisation config (raw input, valid for `parseOrganization`) for benchmarks and scale tests:
 * management, log-archive, security and network accounts followed by `accounts - 4` workload accounts
 * (`workload-0004`, ...), account ids `100000000000 + i`, every account in the first `regions` entries of
 * {@link GENERATED_REGIONS} (home Region `us-east-1`).
 *
 * @param accounts - total number of accounts, at least 4 (one per singleton role)
 * @param regions - number of Regions, 1 to {@link GENERATED_REGIONS}`.length`
 */
export function generateOrganization(accounts: number, regions: number): OrganizationInput {
  if (!Number.isInteger(accounts) || accounts < SINGLETON_ROLES.length) {
    throw new RangeError(`accounts must be a whole number of at least ${SINGLETON_ROLES.length}, got ${accounts}`);
  }
  if (!Number.isInteger(regions) || regions < 1 || regions > GENERATED_REGIONS.length) {
    throw new RangeError(`regions must be a whole number from 1 to ${GENERATED_REGIONS.length}, got ${regions}`);
  }
  const allowedRegions = GENERATED_REGIONS.slice(0, regions);
  return {
    name: 'bench',
    organizationId: GENERATED_ORGANIZATION_ID,
    partition: 'aws',
    homeRegion: GENERATED_REGIONS[0]!,
    allowedRegions: [...allowedRegions],
    defaultTags: { owner: 'platform-security', 'cost-center': 'security-baseline' },
    alerts: { emails: ['security-alerts@example.com'], httpsEndpoints: [] },
    state: { mode: 'local', directory: 'terraform-state' },
    accounts: Array.from({ length: accounts }, (_, i) => {
      const role = roleOf(i);
      return {
        id: String(FIRST_ACCOUNT_ID + i),
        name: accountName(i, role),
        role,
        securityContact: { name: 'Security Operations', email: 'secops@example.com', phone: '+1 555 010 0100' },
      };
    }),
  };
}
