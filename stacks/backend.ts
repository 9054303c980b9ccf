import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from 'cdktf';
import type { Account, Organization } from '../config/organization';
import type { AwsRegion } from '../config/regions';
import { arn } from '../modules/core/arn';

type S3State = Extract<Organization['state'], { mode: 's3' }>;

/** Folder depth from a stack's working directory (`cdktf.out/stacks/<stack>`) back to the project root. */
const PROJECT_ROOT_FROM_STACK = '../../..';

/** The account that holds an account's state bucket under the s3 mode. */
export function stateHolder(org: Organization, account: Account): Account {
  const state = org.state as S3State;
  if (state.layout !== 'central') return account;
  const holder = org.accounts.find((a) => a.name === state.centralAccount);
  if (!holder) throw new Error(`config rule bypassed at state.centralAccount`); // unreachable: schema crossFieldRules (centralAccount names an account)
  return holder;
}

/** Accounts that need a state bootstrap stack (none unless the mode is s3). */
export function stateHolders(org: Organization): Account[] {
  if (org.state.mode !== 's3') return [];
  const holders = org.accounts.map((a) => stateHolder(org, a));
  return holders.filter((a, i) => holders.findIndex((b) => b.id === a.id) === i);
}

export interface S3StateLocation {
  readonly bucketName: string;
  readonly region: AwsRegion;
  readonly keyAliasName: string;
  readonly keyAliasArn: string;
  readonly lockTableName: string | undefined;
  readonly roleArn: string;
}

/** Names of the s3-mode state resources in a holder account: all derived from config, so they are known before they exist. */
export function s3StateLocation(org: Organization, holder: Account): S3StateLocation {
  const state = org.state as S3State;
  const region = state.region ?? org.homeRegion;
  const prefix = state.bucketPrefix ?? `${org.name}-tfstate`;
  const keyAliasName = `${org.name}/terraform-state`;
  return {
    bucketName: `${prefix}-${holder.id}-${region}`,
    region,
    keyAliasName,
    keyAliasArn: arn.kmsAlias(org.partition, region, holder.id, `alias/${keyAliasName}`),
    lockTableName: state.locking === 'dynamodb' ? `${prefix}-lock` : undefined,
    roleArn: arn.role(org.partition, holder.id, state.roleName ?? org.deployRoleName),
  };
}

/** Relative path of a stack's local state file, so synth output does not depend on the machine it ran on. */
export function localStatePath(org: Organization, stackName: string): string {
  const directory = org.state.mode === 'local' ? org.state.directory : 'terraform-state';
  return `${PROJECT_ROOT_FROM_STACK}/${directory}/${stackName}.tfstate`;
}

/**
 * Configures a stack's backend from the organisation's state mode:
 * - local: a relative path under the project's state folder;
 * - s3: `<account>/<region>/<stack>.tfstate` in the holder's bucket, encrypted with its state key, locked by lock
 *   file or DynamoDB, reached through an assumed role in the holder account;
 * - cloud: one HCP Terraform workspace per stack.
 */
export function configureBackend(stack: TerraformStack, org: Organization, account: Account, region: AwsRegion, stackName: string): void {
  const state = org.state;
  switch (state.mode) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath(org, stackName) });
      return;
    case 's3': {
      const location = s3StateLocation(org, stateHolder(org, account));
      const backend = new S3Backend(stack, {
        bucket: location.bucketName,
        key: `${account.name}/${region}/${stackName}.tfstate`,
        region: location.region,
        encrypt: true,
        kmsKeyId: location.keyAliasArn,
        dynamodbTable: location.lockTableName,
        assumeRole: { roleArn: location.roleArn, sessionName: `state-${stackName}`.slice(0, 64) },
      });
      if (state.locking === 'lockfile') backend.addOverride('use_lockfile', true);
      return;
    }
    case 'cloud':
      new CloudBackend(stack, {
        hostname: state.hostname,
        organization: state.organization,
        workspaces: new NamedCloudWorkspace(cloudWorkspaceName(org, stackName), state.project),
      });
      return;
  }
}

/** `<prefix>-<account>-<region>` (the stack name carries account and Region). */
export function cloudWorkspaceName(org: Organization, stackName: string): string {
  const prefix = org.state.mode === 'cloud' ? (org.state.workspacePrefix ?? org.name) : org.name;
  return `${prefix}-${stackName}`;
}
