import type { Account, Organization } from '../config/organization';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const BASELINE_VERSION: string = (require('../package.json') as { version: string }).version;

export const MANAGED_BY = 'aws-security-baseline-cdktf';

/** Provider default tags: organisation defaults, then the account's own, then the baseline's (which always win). */
export function defaultTagsFor(org: Organization, account: Account): Record<string, string> {
  return {
    ...org.defaultTags,
    ...account.tags,
    'managed-by': MANAGED_BY,
    'baseline-version': BASELINE_VERSION,
    'account-role': account.role,
  };
}

export { BASELINE_VERSION };
