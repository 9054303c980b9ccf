import type { AwsPartition } from '../core/regions';
import { arn } from '../core/arn';
import type { PolicyStatement } from '../iam/policy-document';
import { KEY_ADMIN_ACTIONS, KEY_CRYPTO_ACTIONS, KEY_DECRYPT_ACTIONS, KEY_ENCRYPT_ACTIONS, KEY_USER_ACTIONS, type KeyServiceGrant, type KeyViaServiceGrant } from './grants';
import { oneOrList } from '../core/lists';

/** The roles a key policy is generated from. */
export interface KeyPolicyRoles {
  readonly partition: AwsPartition;
  readonly accountId: string;
  readonly administratorArns: readonly string[];
  readonly userArns: readonly string[];
  /** Principals that may only decrypt (`grantDecrypt`). */
  readonly decrypterArns?: readonly string[];
  /** Principals that may only encrypt (`grantEncrypt`). */
  readonly encrypterArns?: readonly string[];
  /** Statements added with `addToResourcePolicy` or `grant`, last. */
  readonly additionalStatements?: readonly PolicyStatement[];
  readonly serviceGrants: readonly KeyServiceGrant[];
  readonly viaServiceGrants: readonly KeyViaServiceGrant[];
}

/** The statement ids of the key policy's fixed statements: a grant may not take one of them. */
export const KEY_POLICY_SIDS = {
  rootAdministers: 'AccountRootAdministers',
  administratorsManage: 'KeyAdministratorsManageNotUse',
  administratorsCannotUse: 'KeyAdministratorsCannotUse',
  usersEncryptDecrypt: 'KeyUsersEncryptDecrypt',
  usersDecrypt: 'KeyUsersDecrypt',
  usersEncrypt: 'KeyUsersEncrypt',
} as const;

/** Statement id for a service grant without one: `logs.us-east-1.amazonaws.com` -> `ServiceLogs`. */
export function serviceGrantSid(grant: KeyServiceGrant): string {
  if (grant.sid) return grant.sid;
  const name = grant.principal.split('.')[0] ?? 'Service';
  return `Service${name.charAt(0).toUpperCase()}${name.slice(1).replace(/[^A-Za-z0-9]/g, '')}`;
}

/** Statement id prefix for a via-service grant without one: `ec2.us-east-1.amazonaws.com` -> `ViaEc2`. */
export function viaServiceGrantSid(grant: KeyViaServiceGrant): string {
  if (grant.sid) return grant.sid;
  const names = grant.viaServices.map((endpoint) => endpoint.split('.')[0] ?? '').map((n) => `${n.charAt(0).toUpperCase()}${n.slice(1)}`);
  return `Via${names.join('').replace(/[^A-Za-z0-9]/g, '')}`;
}

/**
 * The key policy: the account root administers (so IAM policies in the account can grant use, and the key can never
 * become unmanageable), administrators manage but are explicitly denied cryptography, users encrypt and decrypt,
 * services act only for this account, and via-service grants require both `kms:ViaService` and `kms:CallerAccount`.
 * No statement allows `Principal: "*"` without conditions.
 */
export function keyPolicyStatements(roles: KeyPolicyRoles): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: KEY_POLICY_SIDS.rootAdministers,
      Effect: 'Allow',
      Principal: { AWS: arn.accountRoot(roles.partition, roles.accountId) },
      Action: 'kms:*',
      Resource: '*',
    },
  ];
  if (roles.administratorArns.length > 0) {
    statements.push(
      {
        Sid: KEY_POLICY_SIDS.administratorsManage,
        Effect: 'Allow',
        Principal: { AWS: [...roles.administratorArns] },
        Action: [...KEY_ADMIN_ACTIONS],
        Resource: '*',
      },
      {
        Sid: KEY_POLICY_SIDS.administratorsCannotUse,
        Effect: 'Deny',
        Principal: { AWS: [...roles.administratorArns] },
        Action: [...KEY_CRYPTO_ACTIONS],
        Resource: '*',
      },
    );
  }
  if (roles.userArns.length > 0) {
    statements.push({
      Sid: KEY_POLICY_SIDS.usersEncryptDecrypt,
      Effect: 'Allow',
      Principal: { AWS: [...roles.userArns] },
      Action: [...KEY_USER_ACTIONS],
      Resource: '*',
    });
  }
  for (const [sid, principals, actions] of [
    [KEY_POLICY_SIDS.usersDecrypt, roles.decrypterArns ?? [], KEY_DECRYPT_ACTIONS],
    [KEY_POLICY_SIDS.usersEncrypt, roles.encrypterArns ?? [], KEY_ENCRYPT_ACTIONS],
  ] as const) {
    if (principals.length > 0) statements.push({ Sid: sid, Effect: 'Allow', Principal: { AWS: [...principals] }, Action: [...actions], Resource: '*' });
  }
  for (const grant of roles.serviceGrants) {
    statements.push({
      Sid: serviceGrantSid(grant),
      Effect: 'Allow',
      Principal: { Service: grant.principal },
      Action: [...grant.actions],
      Resource: '*',
      Condition: grant.conditions,
    });
  }
  for (const grant of roles.viaServiceGrants) {
    const sid = viaServiceGrantSid(grant);
    const viaService = oneOrList(grant.viaServices);
    const onlyThroughServices = { 'kms:CallerAccount': grant.callerAccount, 'kms:ViaService': viaService };
    statements.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: [...(grant.actions ?? KEY_USER_ACTIONS)],
      Resource: '*',
      Condition: { StringEquals: onlyThroughServices },
    });
    if (grant.allowGrantsForAwsResources) {
      statements.push({
        Sid: `${sid}Grants`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { StringEquals: onlyThroughServices, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      });
    }
  }
  statements.push(...(roles.additionalStatements ?? []));
  return statements;
}
