import type { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import type { Account, Organization } from '../config/organization';
import type { AwsRegion } from '../config/regions';
import type { AccountContext } from '../modules/core/account-context';
import { configureAwsProvider } from './provider';
import { configureBackend } from './backend';
import { prepareStackLean } from './synth/prepare';

export interface AccountStackProps {
  readonly org: Organization;
  readonly account: Account;
  readonly region: AwsRegion;
  /** Stack name (also its folder, state key and workspace). */
  readonly stackName: string;
  /** Use a local state file whatever the organisation's mode (the state bootstrap cannot store state in what it creates). */
  readonly forceLocalState?: boolean;
}

/** A stack bound to one account and one Region: its provider and backend come from the config. */
export abstract class AccountStack extends TerraformStack {
  readonly org: Organization;
  readonly account: Account;
  readonly region: AwsRegion;
  readonly stackName: string;

  protected constructor(scope: Construct, props: AccountStackProps) {
    super(scope, props.stackName);
    this.org = props.org;
    this.account = props.account;
    this.region = props.region;
    this.stackName = props.stackName;
    configureAwsProvider(this, props.org, props.account, props.region, props.stackName);
    const stateOrg = props.forceLocalState ? { ...props.org, state: { mode: 'local' as const, directory: 'terraform-state' } } : props.org;
    configureBackend(this, stateOrg, props.account, props.region, props.stackName);
  }

  /** The partition, account and Region every construct of this stack builds its ARNs from. */
  get accountContext(): AccountContext {
    return { partition: this.org.partition, accountId: this.account.id, region: this.region };
  }

  /** cdktf's preparing pass, skipping the elements that cannot make a cross-stack reference (stacks/synth/prepare.ts). */
  override prepareStack(): void {
    prepareStackLean(this);
  }

  /** True in the stack that holds the account's once-per-account (global) resources. */
  get isHomeRegion(): boolean {
    return this.region === this.org.homeRegion;
  }
}
