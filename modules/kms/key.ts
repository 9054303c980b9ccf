import { Construct } from 'constructs';
import { Lazy, Token } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import type { AwsPartition } from '../core/regions';
import { arn } from '../core/arn';
import { ValidationError, requireIntegerInRange } from '../core/errors';
import { Grant, type IGrantable } from '../iam/grant';
import { Policy, policyProblems } from '../iam/policy';
import { renderPolicy, type PolicyStatement } from '../iam/policy-document';
import { Statement } from '../iam/statement';
import { CONFUSED_DEPUTY_CONDITION_KEYS, KEY_DECRYPT_ACTIONS, KEY_ENCRYPT_ACTIONS, KEY_USER_ACTIONS, type KeyServiceGrant, type KeyViaServiceGrant } from './grants';
import { KEY_POLICY_SIDS, keyPolicyStatements, serviceGrantSid, viaServiceGrantSid } from './key-policy';
import { IAM_PRINCIPAL_ARN } from '../core/arn-patterns';
import type { AccountContext } from '../core/account-context';

export { KEY_ADMIN_ACTIONS, KEY_DECRYPT_ACTIONS, KEY_ENCRYPT_ACTIONS, KEY_USER_ACTIONS, type KeyServiceGrant, type KeyViaServiceGrant } from './grants';

/** What other constructs need to use a key. */
export interface IEncryptionKey {
  /** ARN of the key. */
  readonly keyArn: string;
  /** ARN of the key's alias, known at synth time (usable where the key ARN is not yet known, e.g. a backend). */
  readonly aliasArn: string;
}

/** `accountId` owns the key: its root principal administers it, so IAM policies in the account can grant use. */
export interface EncryptionKeyProps extends AccountContext {
  /** Alias without the `alias/` prefix, e.g. `example/baseline`. Required: a key without an alias cannot be audited by name. */
  readonly aliasName: string;
  /** Human-readable purpose of the key. */
  readonly description: string;
  /**
   * Days between automatic rotations of the key material (90-2560). The key is always symmetric and rotation is
   * always on.
   * @default 365
   * Security: rotation limits how much data one key version protects.
   */
  readonly rotationPeriodDays?: number;
  /**
   * Waiting period before a scheduled deletion takes effect (7-30 days).
   * @default 30
   * Security: the longest window gives the most time to notice and cancel a malicious or mistaken deletion.
   */
  readonly deletionWindowDays?: number;
  /**
   * Create a multi-Region primary key.
   * @default false
   * Security: single-Region keys keep key material in one Region unless replication is chosen on purpose.
   */
  readonly multiRegion?: boolean;
  /**
   * IAM principals (role ARNs) that administer the key but are explicitly denied its cryptographic operations.
   * @default [] - only the account root administers, through IAM policies
   * Security: separates who manages a key from who can read the data it protects.
   */
  readonly administratorArns?: readonly string[];
  /**
   * IAM principals (role ARNs) that may encrypt, decrypt, re-encrypt, generate data keys and describe the key.
   * @default [] - use is granted only through IAM policies of the account
   * Security: nobody outside the account can use the key unless listed here by ARN.
   */
  readonly userArns?: readonly string[];
  /**
   * AWS service principals that may use the key, each with conditions naming this account or resource
   * (see `cloudWatchLogsKeyGrant`, `sourceAccountKeyGrant`).
   * @default []
   * Security: grants without a confused-deputy condition are refused.
   */
  readonly serviceGrants?: readonly KeyServiceGrant[];
  /**
   * Principals of one account may use the key only through named AWS services (`kms:ViaService` +
   * `kms:CallerAccount`), as EBS encryption by default needs (see `ebsKeyGrant`, `viaServiceKeyGrant`).
   * @default []
   * Security: the key cannot be called directly, nor by any other account.
   */
  readonly viaServiceGrants?: readonly KeyViaServiceGrant[];
  /**
   * Refuse `terraform destroy` of the key.
   * @default true
   * Security: destroying a key makes every object it encrypted unreadable.
   */
  readonly preventDestroy?: boolean;
  /** Tags for the key. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;
const VIA_SERVICE = /^[a-z0-9-]+\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com(\.cn)?$/;

/**
 * A symmetric customer-managed KMS key with rotation always on, the longest deletion window, `prevent_destroy`,
 * an alias, and a key policy generated from roles (account root, administrators, users, services). Grants added
 * after construction (`addUser`, `addServiceGrant`, ...) are included: the policy is rendered at synth.
 */
export class EncryptionKey extends Construct implements IEncryptionKey {
  readonly resource: KmsKey;
  readonly alias: KmsAlias;
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasArn: string;
  /** Alias name with the `alias/` prefix. */
  readonly aliasName: string;

  private readonly partition: AwsPartition;
  private readonly accountId: string;
  private readonly administratorArns: string[] = [];
  private readonly userArns: string[] = [];
  private readonly decrypterArns: string[] = [];
  private readonly encrypterArns: string[] = [];
  private readonly additionalStatements: Statement[] = [];
  private readonly serviceGrants: KeyServiceGrant[] = [];
  private readonly viaServiceGrants: KeyViaServiceGrant[] = [];

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const rotationPeriodDays = props.rotationPeriodDays ?? 365;
    const deletionWindowDays = props.deletionWindowDays ?? 30;
    requireIntegerInRange(this, 'rotationPeriodDays', rotationPeriodDays, 90, 2560, 'days');
    requireIntegerInRange(this, 'deletionWindowDays', deletionWindowDays, 7, 30, 'days');
    if (
      !Token.isUnresolved(props.aliasName) &&
      (!/^[a-zA-Z0-9/_-]{1,250}$/.test(props.aliasName) || props.aliasName.startsWith('aws/') || props.aliasName.startsWith('alias/'))
    ) {
      throw new ValidationError(this, 'aliasName', props.aliasName, 'must be letters, digits, "/", "_" or "-", without the "alias/" prefix and not starting with "aws/"');
    }
    if (!Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
      throw new ValidationError(this, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
    }
    this.partition = props.partition;
    this.accountId = props.accountId;
    for (const principal of props.administratorArns ?? []) this.addAdministrator(principal, 'administratorArns');
    for (const principal of props.userArns ?? []) this.addUser(principal, 'userArns');
    for (const grant of props.serviceGrants ?? []) this.addServiceGrant(grant, 'serviceGrants');
    for (const grant of props.viaServiceGrants ?? []) this.addViaServiceGrant(grant, 'viaServiceGrants');

    this.resource = new KmsKey(this, 'Resource', {
      description: props.description,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      enableKeyRotation: true,
      rotationPeriodInDays: rotationPeriodDays,
      deletionWindowInDays: deletionWindowDays,
      multiRegion: props.multiRegion ?? false,
      isEnabled: true,
      policy: Lazy.stringValue({ produce: () => this.policyJson }),
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.aliasName = `alias/${props.aliasName}`;
    this.alias = new KmsAlias(this, 'Alias', {
      name: this.aliasName,
      targetKeyId: this.resource.keyId,
    });
    this.keyArn = this.resource.arn;
    this.keyId = this.resource.keyId;
    this.aliasArn = arn.kmsAlias(props.partition, props.region, props.accountId, this.aliasName);
    // Statements can be added until synth (grants, addToResourcePolicy): the key policy is linted then.
    this.node.addValidation({ validate: () => policyProblems(Policy.fromJson(this.policyStatements), 'key').map((p) => `key policy ${p}`) });
  }

  /** The key policy statements as they stand now. */
  get policyStatements(): PolicyStatement[] {
    return keyPolicyStatements({
      partition: this.partition,
      accountId: this.accountId,
      administratorArns: this.administratorArns,
      userArns: this.userArns,
      decrypterArns: this.decrypterArns,
      encrypterArns: this.encrypterArns,
      additionalStatements: this.additionalStatements.map((st) => st.toJson()),
      serviceGrants: this.serviceGrants,
      viaServiceGrants: this.viaServiceGrants,
    });
  }

  /** The rendered key policy JSON (what AWS receives). */
  get policyJson(): string {
    return renderPolicy(this.policyStatements);
  }

  /** Lets an IAM principal administer, but never use, the key. */
  addAdministrator(principalArn: string, prop = 'administratorArns'): void {
    this.checkPrincipal(prop, principalArn);
    if (this.userArns.includes(principalArn)) {
      throw new ValidationError(this, `${prop}/userArns`, principalArn, 'must not list the same principal: key administrators are denied cryptographic use');
    }
    if (!this.administratorArns.includes(principalArn)) this.administratorArns.push(principalArn);
  }

  /** Lets an IAM principal encrypt, decrypt, re-encrypt, generate data keys and describe the key. */
  addUser(principalArn: string, prop = 'userArns'): void {
    this.checkPrincipal(prop, principalArn);
    if (this.administratorArns.includes(principalArn)) {
      throw new ValidationError(this, `${prop}/administratorArns`, principalArn, 'must not list the same principal: key administrators are denied cryptographic use');
    }
    if (!this.userArns.includes(principalArn)) this.userArns.push(principalArn);
  }

  /**
   * Lets the grantee encrypt, decrypt, re-encrypt, generate data keys and describe the key (the key users' statement).
   * Security: a key administrator cannot be granted use (administrators are denied cryptography).
   */
  grantEncryptDecrypt(grantee: IGrantable): Grant {
    this.addUser(grantee.grantPrincipalArn, 'grantEncryptDecrypt');
    return Grant.of(grantee, { actions: KEY_USER_ACTIONS, resourceArns: [this.keyArn] });
  }

  /** Lets the grantee decrypt (and describe the key), never encrypt: for readers of data others write. */
  grantDecrypt(grantee: IGrantable): Grant {
    this.addPrincipalTo(this.decrypterArns, grantee.grantPrincipalArn, 'grantDecrypt');
    return Grant.of(grantee, { actions: KEY_DECRYPT_ACTIONS, resourceArns: [this.keyArn] });
  }

  /** Lets the grantee encrypt and generate data keys (and describe the key), never decrypt: for writers only. */
  grantEncrypt(grantee: IGrantable): Grant {
    this.addPrincipalTo(this.encrypterArns, grantee.grantPrincipalArn, 'grantEncrypt');
    return Grant.of(grantee, { actions: KEY_ENCRYPT_ACTIONS, resourceArns: [this.keyArn] });
  }

  /**
   * Lets the grantee call the given `kms:` actions on the key (a statement of its own in the key policy).
   * Security: `kms:*` and non-KMS actions are refused; administration goes through `addAdministrator`.
   */
  grant(grantee: IGrantable, ...actions: string[]): Grant {
    this.checkPrincipal('grant', grantee.grantPrincipalArn);
    if (actions.length === 0 || actions.some((a) => !a.startsWith('kms:') || a === 'kms:*')) {
      throw new ValidationError(this, 'grant actions', actions, 'must list kms: actions (not "kms:*")');
    }
    this.addToResourcePolicy(Statement.allow({ principal: { AWS: grantee.grantPrincipalArn }, actions, resources: ['*'] }));
    return Grant.of(grantee, { actions, resourceArns: [this.keyArn] });
  }

  /**
   * Adds a statement to the key policy, after the generated ones. In a key policy `Resource` is `"*"` (the key
   * itself). The whole policy is linted at synth (principals, actions, an Allow to `*` needs a condition).
   */
  addToResourcePolicy(statement: Statement): void {
    const sid = statement.options.sid;
    if (sid !== undefined) this.requireNewSid('addToResourcePolicy', sid);
    this.additionalStatements.push(statement);
  }

  /** Lets an AWS service principal use the key under confused-deputy conditions. */
  addServiceGrant(grant: KeyServiceGrant, prop = 'serviceGrants'): void {
    if (!SERVICE_PRINCIPAL.test(grant.principal)) {
      throw new ValidationError(this, `${prop}[].principal`, grant.principal, 'must be an AWS service principal such as "logs.us-east-1.amazonaws.com"');
    }
    if (grant.actions.length === 0 || grant.actions.some((a) => !a.startsWith('kms:') || a === 'kms:*')) {
      throw new ValidationError(this, `${prop}[].actions`, grant.actions, 'must list kms: actions (not "kms:*"); services never administer a key');
    }
    const keys = Object.values(grant.conditions).flatMap((block) => Object.keys(block));
    const tied = keys.some((key) => (CONFUSED_DEPUTY_CONDITION_KEYS as readonly string[]).includes(key) || key.startsWith('kms:EncryptionContext:'));
    if (!tied) {
      throw new ValidationError(
        this,
        `${prop}[].conditions`,
        keys,
        `for ${grant.principal} must use ${CONFUSED_DEPUTY_CONDITION_KEYS.join(', ')} or a kms:EncryptionContext: key, so the service cannot use the key for another account`,
      );
    }
    this.requireNewSid(prop, serviceGrantSid(grant));
    this.serviceGrants.push(grant);
  }

  /** Lets principals of one account use the key only through named AWS services. */
  addViaServiceGrant(grant: KeyViaServiceGrant, prop = 'viaServiceGrants'): void {
    if (grant.viaServices.length === 0 || grant.viaServices.some((s) => !VIA_SERVICE.test(s))) {
      throw new ValidationError(this, `${prop}[].viaServices`, grant.viaServices, 'must list Regional service endpoints such as "ec2.us-east-1.amazonaws.com"');
    }
    if (!/^\d{12}$/.test(grant.callerAccount)) {
      throw new ValidationError(this, `${prop}[].callerAccount`, grant.callerAccount, 'must be a 12-digit AWS account id');
    }
    if (grant.actions && (grant.actions.length === 0 || grant.actions.some((a) => !a.startsWith('kms:') || a === 'kms:*'))) {
      throw new ValidationError(this, `${prop}[].actions`, grant.actions, 'must list kms: actions (not "kms:*")');
    }
    this.requireNewSid(prop, viaServiceGrantSid(grant));
    this.viaServiceGrants.push(grant);
  }

  private addPrincipalTo(list: string[], principalArn: string, prop: string): void {
    this.checkPrincipal(prop, principalArn);
    if (this.administratorArns.includes(principalArn)) {
      throw new ValidationError(this, `${prop}/administratorArns`, principalArn, 'must not list the same principal: key administrators are denied cryptographic use');
    }
    if (!list.includes(principalArn)) list.push(principalArn);
  }

  private checkPrincipal(prop: string, principalArn: string): void {
    if (Token.isUnresolved(principalArn)) return;
    if (!IAM_PRINCIPAL_ARN.test(principalArn)) {
      throw new ValidationError(this, prop, principalArn, 'must list IAM role, user or account-root ARNs such as "arn:aws:iam::123456789012:role/KeyAdmin" (no wildcards)');
    }
  }

  private requireNewSid(prop: string, sid: string): void {
    const taken = [
      ...this.serviceGrants.map(serviceGrantSid),
      ...this.viaServiceGrants.map(viaServiceGrantSid),
      ...this.additionalStatements.flatMap((st) => (st.options.sid !== undefined ? [st.options.sid] : [])),
    ];
    if (taken.includes(sid) || (Object.values(KEY_POLICY_SIDS) as string[]).includes(sid)) {
      throw new ValidationError(this, `${prop}[].sid`, sid, 'must be unique in the key policy; give the grant its own sid');
    }
  }
}
