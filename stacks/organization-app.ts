import type { Construct } from 'constructs';
import type { Organization } from '../config/organization';
import { AccountBaselineStack } from './baseline-stack';
import { StateBootstrapStack } from './state-bootstrap-stack';
import { stateHolders } from './backend';
import type { AccountStack } from './account-stack';

/** Builds every stack of the organisation: one per account and Region, plus the state bootstraps the s3 mode needs. */
export function buildOrganization(scope: Construct, org: Organization): AccountStack[] {
  const stacks: AccountStack[] = [];
  for (const holder of stateHolders(org)) stacks.push(new StateBootstrapStack(scope, org, holder));
  for (const account of org.accounts) {
    for (const region of account.regions) stacks.push(new AccountBaselineStack(scope, org, account, region));
  }
  return stacks;
}
