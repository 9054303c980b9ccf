import { Construct } from 'constructs';
import { Lazy, Token, type ITerraformDependable } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import type { AwsPartition } from '../core/regions';
import { arn } from '../core/arn';
import { ValidationError, requireIntegerInRange } from '../core/errors';
import { Grant, type IGrantable } from '../iam/grant';
import { Policy, escapeForTerraform, policyProblems } from '../iam/policy';
import { renderPolicy, type PolicyStatement } from '../iam/policy-document';
import { Statement } from '../iam/statement';
import { EncryptionKey, KEY_DECRYPT_ACTIONS, KEY_USER_ACTIONS, type IEncryptionKey } from '../kms/key';

/** What `grantRead` allows: read objects and their versions and tags, list the bucket. */
export const BUCKET_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:ListBucket', 's3:GetBucketLocation'] as const;

/**
 * What `grantWrite` allows: put and tag objects, abort uploads, delete current objects (a delete marker in a versioned
 * bucket). Security: never `s3:DeleteObjectVersion`, `s3:PutObjectRetention` or `s3:PutObjectLegalHold`: history and
 * Object Lock stay out of a writer's reach.
 */
export const BUCKET_WRITE_ACTIONS = ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload', 's3:DeleteObject'] as const;

/** Where the bucket's server access logs go, or why it has none. */
export type AccessLogging =
  | {
      readonly targetBucket: string;
      readonly prefix?: string;
      /**
       * The resource that lets the S3 logging service (`logging.s3.amazonaws.com`) write to the target, usually the
       * target SecureBucket's `policy`. Logging is configured only after it exists.
       * Security / correctness: S3 refuses `PutBucketLogging` with `InvalidTargetBucketForLogging` while the target's
       * policy does not yet allow delivery, so without this ordering the first apply fails.
       * @default - no ordering (the target is outside this Terraform configuration, its policy already in place)
       */
      readonly targetBucketPolicy?: ITerraformDependable;
    }
  | {
      /** Why this bucket has no access logs (for example: it is the access-log bucket itself). */
      readonly disabledReason: string;
    };

/** Object Lock default retention. */
export interface ObjectLockSettings {
  /** GOVERNANCE lets specially permitted users shorten retention; COMPLIANCE lets nobody, not even root. */
  readonly mode: 'GOVERNANCE' | 'COMPLIANCE';
  /** Default retention in days (1-36500). */
  readonly retentionDays: number;
}

/** What other constructs need to write to or read from a bucket. */
export interface ISecureBucket {
  /** Bucket name. */
  readonly bucketName: string;
  /** Bucket ARN, known at synth from the name. */
  readonly bucketArn: string;
}

export interface SecureBucketProps {
  /** Globally unique bucket name (3-63 lower-case characters). Derived from config so ARNs are known at synth. */
  readonly bucketName: string;
  /** Partition of the account (`aws`, `aws-cn`, `aws-us-gov`), for the bucket ARN. */
  readonly partition: AwsPartition;
  /**
   * Customer-managed key for SSE-KMS (with an S3 Bucket Key). Omit only for a bucket that receives S3 server
   * access logs, which AWS can deliver only to SSE-S3 buckets; then `s3ManagedEncryptionReason` is required.
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Why this bucket uses SSE-S3 instead of a customer-managed key (a sentence). Required when `encryptionKey` is
   * omitted, refused when it is given.
   * @default - none: the bucket uses `encryptionKey`
   * Security: SSE-S3 keys cannot be restricted by a key policy, so every exception is written down.
   */
  readonly s3ManagedEncryptionReason?: string;
  /**
   * Server access logging (CIS 3.4 for trail buckets): a target bucket, or a written reason for none.
   * Security: access logs show who read or changed objects, which object-level CloudTrail events may not cover.
   */
  readonly accessLogging: AccessLogging;
  /**
   * Days after which non-current object versions expire.
   * @default 365
   * Security: old versions stay long enough to recover from an overwrite or ransomware, but not forever.
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which current objects move to S3 Glacier Flexible Retrieval (1-36500).
   * @default - no transition
   * Security: none; a cost setting. Transitioned objects keep their encryption and lock.
   */
  readonly transitionToGlacierDays?: number;
  /**
   * Days after which current objects expire (1-36500; later than the transition and not before Object Lock
   * retention ends).
   * @default - never
   * Security: log and state buckets keep evidence until someone decides otherwise.
   */
  readonly expirationDays?: number;
  /**
   * Object Lock default retention; the bucket is created with Object Lock enabled.
   * @default - no Object Lock
   * Security: write-once retention stops even an administrator from deleting evidence during the retention period.
   */
  readonly objectLock?: ObjectLockSettings;
  /**
   * Extra bucket policy statements (for example service delivery); TLS and encryption denies are always added first.
   * @default []
   * Security: an explicit deny in the baseline statements wins over any allow given here.
   */
  readonly policyStatements?: readonly PolicyStatement[];
  /**
   * Send object events to EventBridge.
   * @default true
   * Security: lets detection rules react to unexpected writes or deletes.
   */
  readonly eventBridgeNotifications?: boolean;
  /**
   * Refuse `terraform destroy` of the bucket.
   * @default true
   * Security: log and state buckets must survive a mistaken destroy.
   */
  readonly preventDestroy?: boolean;
  /** Tags for the bucket. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An S3 bucket with every guard on: public access blocked, ACLs disabled (BucketOwnerEnforced), versioning,
 * SSE-KMS with a bucket key, a TLS-only policy that refuses weaker encryption, access logging, lifecycle,
 * optional Object Lock, EventBridge notifications and `prevent_destroy`.
 */
export class SecureBucket extends Construct implements ISecureBucket {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  /** Known at synth from the name. */
  readonly bucketArn: string;
  readonly policy: S3BucketPolicy;
  /** The bucket's key, when SSE-KMS. */
  readonly encryptionKey: IEncryptionKey | undefined;

  private readonly policyStatementsGiven: readonly PolicyStatement[];
  private readonly additionalStatements: Statement[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    validate(this, props);
    this.bucketName = props.bucketName;
    this.bucketArn = arn.bucket(props.partition, props.bucketName);

    this.bucket = new S3Bucket(this, 'Resource', {
      bucket: props.bucketName,
      forceDestroy: false,
      objectLockEnabled: props.objectLock ? true : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    const bucket = this.bucket.id;

    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const versioning = new S3BucketVersioningA(this, 'Versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket,
      rule: [
        props.encryptionKey
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryptionKey.keyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });

    this.encryptionKey = props.encryptionKey;
    this.policyStatementsGiven = [...baselineDenies(this.bucketArn, props.encryptionKey !== undefined), ...(props.policyStatements ?? [])];
    this.policy = new S3BucketPolicy(this, 'Policy', {
      bucket,
      // Rendered at synth: grants and addToResourcePolicy may add statements after construction. Policy variables
      // (`${aws:SourceAccount}`) reach Terraform escaped, so AWS receives them unchanged.
      policy: Lazy.stringValue({ produce: () => escapeForTerraform(this.policyJson) }),
      dependsOn: [publicAccessBlock],
    });
    this.node.addValidation({ validate: () => policyProblems(Policy.fromJson(this.policyStatements), 'bucket').map((p) => `bucket policy ${p}`) });

    if ('targetBucket' in props.accessLogging) {
      new S3BucketLoggingA(this, 'AccessLogging', {
        bucket,
        targetBucket: props.accessLogging.targetBucket,
        targetPrefix: props.accessLogging.prefix ?? `${props.bucketName}/`,
        dependsOn: props.accessLogging.targetBucketPolicy ? [props.accessLogging.targetBucketPolicy] : undefined,
      });
    }

    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket,
      dependsOn: [versioning],
      rule: [
        {
          id: 'baseline-retention',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? 365 }],
          transition: props.transitionToGlacierDays !== undefined ? [{ days: props.transitionToGlacierDays, storageClass: 'GLACIER' }] : undefined,
          expiration: props.expirationDays !== undefined ? [{ days: props.expirationDays }] : undefined,
        },
      ],
    });

    if (props.objectLock) {
      new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
        bucket,
        dependsOn: [versioning],
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.retentionDays } },
      });
    }

    if (props.eventBridgeNotifications ?? true) {
      new S3BucketNotification(this, 'Notifications', { bucket, eventbridge: true });
    }
  }

  /** The bucket policy statements as they stand now: the baseline denies, the props' statements, then added ones. */
  get policyStatements(): PolicyStatement[] {
    return [...this.policyStatementsGiven, ...this.additionalStatements.map((st) => st.toJson())];
  }

  /** The rendered bucket policy JSON (what AWS receives). */
  get policyJson(): string {
    return renderPolicy(this.policyStatements);
  }

  /**
   * Adds a statement to the bucket policy, after the baseline denies (an explicit deny there still wins). The
   * whole policy is linted at synth (principals, resources, actions, an Allow to `*` needs a condition).
   */
  addToResourcePolicy(statement: Statement): void {
    this.additionalStatements.push(statement);
  }

  /**
   * Lets the grantee read objects (and list the bucket); with SSE-KMS also decrypt with the bucket's key. A key not
   * created in this app cannot be changed: the grantee then needs the key access from `identityPolicy()`.
   */
  grantRead(grantee: IGrantable): Grant {
    const key = this.encryptionKey;
    const keyGrant = key instanceof EncryptionKey ? key.grantDecrypt(grantee) : key ? Grant.of(grantee, { actions: KEY_DECRYPT_ACTIONS, resourceArns: [key.keyArn] }) : undefined;
    return this.grantOnBucket(grantee, BUCKET_READ_ACTIONS, keyGrant);
  }

  /**
   * Lets the grantee write objects (never delete versions or change retention); with SSE-KMS also use the key to
   * encrypt and decrypt (multipart uploads decrypt their parts).
   */
  grantWrite(grantee: IGrantable): Grant {
    return this.grantOnBucket(grantee, BUCKET_WRITE_ACTIONS, this.keyUse(grantee));
  }

  /** `grantRead` and `grantWrite` in one statement; with SSE-KMS the key's encrypt and decrypt. */
  grantReadWrite(grantee: IGrantable): Grant {
    return this.grantOnBucket(grantee, [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS], this.keyUse(grantee));
  }

  private keyUse(grantee: IGrantable): Grant | undefined {
    const key = this.encryptionKey;
    if (key instanceof EncryptionKey) return key.grantEncryptDecrypt(grantee);
    return key ? Grant.of(grantee, { actions: KEY_USER_ACTIONS, resourceArns: [key.keyArn] }) : undefined;
  }

  private grantOnBucket(grantee: IGrantable, actions: readonly string[], keyGrant: Grant | undefined): Grant {
    const resourceArns = [this.bucketArn, `${this.bucketArn}/*`];
    this.addToResourcePolicy(Statement.allow({ principal: { AWS: grantee.grantPrincipalArn }, actions, resources: resourceArns }));
    const grant = Grant.of(grantee, { actions, resourceArns });
    return keyGrant ? grant.and(keyGrant) : grant;
  }
}

function validate(scope: Construct, props: SecureBucketProps): void {
  if (!Token.isUnresolved(props.bucketName) && (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName) || props.bucketName.includes('..'))) {
    throw new ValidationError(scope, 'bucketName', props.bucketName, 'must be 3-63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit');
  }
  if (!props.encryptionKey && !props.s3ManagedEncryptionReason) {
    throw new ValidationError(scope, 'encryptionKey', undefined, 'is required; SSE-S3 is allowed only with s3ManagedEncryptionReason (e.g. an S3 access-log target)');
  }
  if (!props.encryptionKey && props.s3ManagedEncryptionReason !== undefined && props.s3ManagedEncryptionReason.trim().length < 10) {
    throw new ValidationError(scope, 's3ManagedEncryptionReason', props.s3ManagedEncryptionReason, 'must explain in a sentence why the bucket cannot use a customer-managed key');
  }
  if (props.encryptionKey && props.s3ManagedEncryptionReason !== undefined) {
    throw new ValidationError(scope, 's3ManagedEncryptionReason', props.s3ManagedEncryptionReason, 'must not be set together with encryptionKey; the bucket uses the key (remove one of the two)');
  }
  if ('disabledReason' in props.accessLogging && props.accessLogging.disabledReason.trim().length < 10) {
    throw new ValidationError(scope, 'accessLogging.disabledReason', props.accessLogging.disabledReason, 'must explain in a sentence why access logging is off');
  }
  if ('targetBucket' in props.accessLogging) {
    const target = props.accessLogging.targetBucket;
    if (!Token.isUnresolved(target) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(target)) {
      throw new ValidationError(scope, 'accessLogging.targetBucket', target, 'must be a bucket name (3-63 lower-case letters, digits, "." or "-")');
    }
    if (target === props.bucketName) {
      throw new ValidationError(scope, 'accessLogging.targetBucket', target, 'must be another bucket: a bucket logging into itself writes a log record for every log record');
    }
  }
  if (props.noncurrentVersionExpirationDays !== undefined) {
    requireIntegerInRange(scope, 'noncurrentVersionExpirationDays', props.noncurrentVersionExpirationDays, 1, 36500, 'days');
  }
  if (props.transitionToGlacierDays !== undefined) {
    requireIntegerInRange(scope, 'transitionToGlacierDays', props.transitionToGlacierDays, 1, 36500, 'days');
  }
  if (props.expirationDays !== undefined) {
    requireIntegerInRange(scope, 'expirationDays', props.expirationDays, 1, 36500, 'days');
  }
  if (props.objectLock) {
    if (!['GOVERNANCE', 'COMPLIANCE'].includes(props.objectLock.mode)) {
      throw new ValidationError(scope, 'objectLock.mode', props.objectLock.mode, 'must be "GOVERNANCE" or "COMPLIANCE"');
    }
    requireIntegerInRange(scope, 'objectLock.retentionDays', props.objectLock.retentionDays, 1, 36500, 'days');
    if (props.expirationDays !== undefined && props.expirationDays < props.objectLock.retentionDays) {
      throw new ValidationError(scope, 'expirationDays', props.expirationDays, `must not be shorter than objectLock.retentionDays (${props.objectLock.retentionDays}); locked objects cannot expire earlier`);
    }
  }
  if (props.transitionToGlacierDays !== undefined && props.expirationDays !== undefined && props.expirationDays <= props.transitionToGlacierDays) {
    throw new ValidationError(scope, 'expirationDays', props.expirationDays, `must be later than transitionToGlacierDays (${props.transitionToGlacierDays})`);
  }
}

/** Denies every request not made over TLS 1.2+, and any upload that asks for weaker encryption than the bucket's KMS default. */
function baselineDenies(bucketArn: string, kms: boolean): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Sid: 'DenyOutdatedTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
    },
  ];
  if (kms) {
    statements.push({
      Sid: 'DenyWeakerEncryptionOnPut',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `${bucketArn}/*`,
      // Only uploads that send the header are checked (no header: the KMS default applies). `...IfExists` would be
      // wrong here: a missing key makes it true, which would refuse every upload that relies on default encryption.
      Condition: {
        StringNotEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'aws:kms:dsse'] },
        Null: { 's3:x-amz-server-side-encryption': 'false' },
      },
    });
  }
  return statements;
}
