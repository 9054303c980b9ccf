import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { ValidationError, requireIntegerInRange } from '../core/errors';
import { Policy, policyProblems } from '../iam/policy';
import { renderPolicy, type PolicyStatement } from '../iam/policy-document';
import type { IEncryptionKey } from '../kms/key';
import { WriteOnlyVariable } from './write-only-variable';

/** How the secret gets its value. Never a literal: a literal would sit in the code, the synthesized JSON and the state. */
export type SecretValueSource =
  /** The rotation Lambda creates the first value (rotation starts immediately) and every later one. */
  | { readonly kind: 'rotation' }
  /**
   * The value is given at apply time in an ephemeral, sensitive Terraform variable and written with the write-only
   * argument `secret_string_wo`; bump `version` to write a new value.
   */
  | { readonly kind: 'write-only-variable'; readonly variableName: string; readonly version?: number };

/** Where the secret is rotated and how often. */
export interface SecretRotation {
  /** ARN of the rotation Lambda function, in the secret's Region. Its resource policy must let Secrets Manager invoke it. */
  readonly lambdaArn: string;
  /**
   * Days between rotations (1-365).
   * @default 30
   * Security: a leaked value stops working within a month; Checkov CKV_AWS_304 expects at most 90.
   */
  readonly automaticallyAfterDays?: number;
  /**
   * Rotate as soon as the rotation is configured.
   * @default - true when the value source is `rotation` (that creates the first value), false otherwise
   */
  readonly rotateImmediately?: boolean;
}

/** A copy of the secret in another Region, encrypted with a customer-managed key of that Region. */
export interface SecretReplica {
  readonly region: string;
  /** Key ARN (or alias ARN) in that Region. */
  readonly kmsKeyArn: string;
}

export interface ManagedSecretProps {
  /** Secret name, e.g. `example/prod/orders/db-credentials` (letters, digits and `/_+=.@-`, up to 512). */
  readonly name: string;
  /** What the secret is for. @default - none */
  readonly description?: string;
  /** Region of the secret (the stack's), used to check the rotation Lambda and replicas. */
  readonly region: string;
  /**
   * Customer-managed key that encrypts the secret. Required: the AWS-managed `aws/secretsmanager` key cannot be
   * restricted by a key policy or shared deliberately.
   */
  readonly encryptionKey: IEncryptionKey;
  /** AWS Organizations id (`o-...`): principals outside it are denied every action on the secret. */
  readonly organizationId: string;
  /**
   * Days a deleted secret can still be restored (7-30).
   * @default 30
   * Security: the longest window to notice and undo a mistaken or malicious deletion.
   */
  readonly recoveryWindowDays?: number;
  /** Rotation schedule and Lambda. Required: a secret that never changes stays useful to whoever copied it. */
  readonly rotation: SecretRotation;
  /**
   * Where the value comes from.
   * @default { kind: 'rotation' }
   * Security: no literal value is accepted, so none reaches the JSON or the state.
   */
  readonly valueSource?: SecretValueSource;
  /**
   * Replica Regions, each with its own customer-managed key.
   * @default [] - the secret lives in one Region
   * Security: copies only where chosen; each copy still uses a customer-managed key.
   */
  readonly replicas?: readonly SecretReplica[];
  /**
   * Extra resource-policy statements; the organisation deny is always first.
   * @default []
   * Security: the explicit deny for principals outside the organisation wins over any allow here.
   */
  readonly policyStatements?: readonly PolicyStatement[];
  /**
   * Refuse `terraform destroy` of the secret.
   * @default true
   * Security: a destroyed secret schedules its value for deletion; the credential it holds (and whatever depends on
   * it) is lost once the recovery window passes.
   */
  readonly preventDestroy?: boolean;
  /** Tags for the secret. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const LAMBDA_ARN = /^arn:aws(-cn|-us-gov)?:lambda:([a-z]{2}(-[a-z]+)+-\d):(\d{12}):function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/;
const KMS_ARN = /^arn:aws(-cn|-us-gov)?:kms:([a-z]{2}(-[a-z]+)+-\d):\d{12}:(key\/(mrk-)?[0-9a-f-]{32,36}|alias\/[A-Za-z0-9/_-]+)$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Denies every Secrets Manager action to principals outside the organisation (AWS services acting for it excepted). */
export function denyOutsideOrganization(organizationId: string): PolicyStatement {
  return {
    Sid: 'DenyOutsideOrganization',
    Effect: 'Deny',
    Principal: '*',
    Action: 'secretsmanager:*',
    Resource: '*',
    Condition: {
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': organizationId },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    },
  };
}

/**
 * A Secrets Manager secret under a customer-managed key, with a resource policy that denies principals outside the
 * organisation, rotation by a Lambda, a recovery window and optional replicas. Its value never appears in the
 * synthesized JSON or in Terraform state: rotation creates it, or an ephemeral variable feeds `secret_string_wo`.
 */
export class ManagedSecret extends Construct {
  readonly resource: SecretsmanagerSecret;
  readonly policy: SecretsmanagerSecretPolicy;
  readonly rotation: SecretsmanagerSecretRotation;
  /** The initial version, when the value comes from a write-only variable. */
  readonly version: SecretsmanagerSecretVersion | undefined;
  /** The apply-time variable, when the value comes from one. */
  readonly valueVariable: WriteOnlyVariable | undefined;
  readonly secretArn: string;
  readonly secretName: string;
  readonly policyJson: string;

  constructor(scope: Construct, id: string, props: ManagedSecretProps) {
    super(scope, id);
    const valueSource = props.valueSource ?? { kind: 'rotation' };
    const recoveryWindowDays = props.recoveryWindowDays ?? 30;
    const rotationDays = props.rotation.automaticallyAfterDays ?? 30;
    validate(this, props, recoveryWindowDays, rotationDays, valueSource);

    this.secretName = props.name;
    this.resource = new SecretsmanagerSecret(this, 'Resource', {
      name: props.name,
      description: props.description,
      kmsKeyId: props.encryptionKey.keyArn,
      recoveryWindowInDays: recoveryWindowDays,
      replica: props.replicas && props.replicas.length > 0 ? props.replicas.map((r) => ({ region: r.region, kmsKeyId: r.kmsKeyArn })) : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.secretArn = this.resource.arn;

    const policyStatements = [denyOutsideOrganization(props.organizationId), ...(props.policyStatements ?? [])];
    this.policyJson = renderPolicy(policyStatements);
    this.policy = new SecretsmanagerSecretPolicy(this, 'Policy', {
      secretArn: this.resource.arn,
      policy: this.policyJson,
      blockPublicPolicy: true,
    });
    this.node.addValidation({ validate: () => policyProblems(Policy.fromJson(policyStatements), 'secret').map((p) => `secret policy ${p}`) });

    if (valueSource.kind === 'write-only-variable') {
      this.valueVariable = new WriteOnlyVariable(this, 'Value', {
        variableName: valueSource.variableName,
        description: `Value of secret ${props.name}, given at apply time; never stored in plan or state.`,
      });
      this.version = new SecretsmanagerSecretVersion(this, 'Version', {
        secretId: this.resource.id,
        secretStringWo: this.valueVariable.value,
        secretStringWoVersion: valueSource.version ?? 1,
      });
    }

    this.rotation = new SecretsmanagerSecretRotation(this, 'Rotation', {
      secretId: this.resource.id,
      rotationLambdaArn: props.rotation.lambdaArn,
      rotationRules: { automaticallyAfterDays: rotationDays },
      rotateImmediately: props.rotation.rotateImmediately ?? valueSource.kind === 'rotation',
      dependsOn: this.version ? [this.policy, this.version] : [this.policy],
    });
  }
}

function validate(scope: Construct, props: ManagedSecretProps, recoveryWindowDays: number, rotationDays: number, valueSource: SecretValueSource): void {
  if (!SECRET_NAME.test(props.name)) {
    throw new ValidationError(scope, 'name', props.name, 'must be 1-512 letters, digits or "/_+=.@-"');
  }
  if (!ORGANIZATION_ID.test(props.organizationId)) {
    throw new ValidationError(scope, 'organizationId', props.organizationId, 'must be an AWS Organizations id such as "o-a1b2c3d4e5"');
  }
  requireIntegerInRange(scope, 'recoveryWindowDays', recoveryWindowDays, 7, 30, 'days');
  requireIntegerInRange(scope, 'rotation.automaticallyAfterDays', rotationDays, 1, 365, 'days');
  const lambda = LAMBDA_ARN.exec(props.rotation.lambdaArn);
  if (!Token.isUnresolved(props.rotation.lambdaArn)) {
    if (!lambda) {
      throw new ValidationError(scope, 'rotation.lambdaArn', props.rotation.lambdaArn, 'must be a Lambda function ARN such as "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"');
    }
    if (lambda[2] !== props.region) {
      throw new ValidationError(scope, 'rotation.lambdaArn', props.rotation.lambdaArn, `must be in the secret's Region (${props.region}); Secrets Manager invokes rotation functions in its own Region`);
    }
  }
  if (valueSource.kind === 'write-only-variable' && valueSource.version !== undefined) {
    requireIntegerInRange(scope, 'valueSource.version', valueSource.version, 1, Number.MAX_SAFE_INTEGER);
  }
  const seen = new Set<string>();
  for (const replica of props.replicas ?? []) {
    if (!REGION.test(replica.region) || replica.region === props.region || seen.has(replica.region)) {
      throw new ValidationError(scope, 'replicas[].region', replica.region, `must be a Region code, listed once, other than the secret's own Region (${props.region})`);
    }
    seen.add(replica.region);
    if (Token.isUnresolved(replica.kmsKeyArn)) continue;
    const key = KMS_ARN.exec(replica.kmsKeyArn);
    if (!key || key[2] !== replica.region) {
      throw new ValidationError(scope, 'replicas[].kmsKeyArn', replica.kmsKeyArn, `must be the ARN of a customer-managed key or alias in ${replica.region}`);
    }
  }
}
