import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import * as fs from 'fs';
import * as path from 'path';
import { loadOrganizationFile } from '../../config';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, stackText } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const SAMPLES = path.resolve(__dirname, '..', '..', 'examples', 'configs');
const sample = (file: string) => loadOrganizationFile(path.join(SAMPLES, file));

describe('s3 state, one bucket per account, S3 lock files', () => {
  const org = sample('s3-per-account.yaml');
  const { outdir, stackNames } = synthOrg(org);

  it('adds a state bootstrap stack for every account, before the stacks that use it', () => {
    expect(stackNames).toEqual([
      'management-state-bootstrap', 'log-archive-state-bootstrap', 'security-state-bootstrap',
      // producers of cross-account values first: log archive, security, then management
      'log-archive-eu-west-1', 'security-eu-west-1', 'management-eu-west-1',
    ]);
  });

  it.each([
    ['management', '210000000001'],
    ['log-archive', '210000000002'],
    ['security', '210000000003'],
  ])('keeps %s state in its own encrypted, lock-file-locked bucket through its own role', (name, id) => {
    const stack = stackJson(outdir, `${name}-eu-west-1`);
    expect(stack.terraform?.backend).toEqual({
      s3: {
        bucket: `sample-tfstate-${id}-eu-west-1`,
        key: `${name}/eu-west-1/${name}-eu-west-1.tfstate`,
        region: 'eu-west-1',
        encrypt: true,
        kms_key_id: `arn:aws:kms:eu-west-1:${id}:alias/sample/terraform-state`,
        use_lockfile: true,
        assume_role: { role_arn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`, session_name: `state-${name}-eu-west-1` },
      },
    });
  });

  it('keeps the bootstrap stacks on local state (they create the bucket)', () => {
    expect(stackJson(outdir, 'security-state-bootstrap').terraform?.backend).toEqual({
      local: { path: '../../../terraform-state/security-state-bootstrap.tfstate' },
    });
  });

  describe('the bootstrap stack', () => {
    const bootstrap = stackJson(outdir, 'log-archive-state-bootstrap');
    const bootstrapText = stackText(outdir, 'log-archive-state-bootstrap');
    const stateBucketName = 'sample-tfstate-210000000002-eu-west-1';
    const buckets = resourcesOfType(bootstrap, 'aws_s3_bucket');

    it('creates the state bucket and its access-log bucket, both protected from destroy', () => {
      expect(buckets).toHaveLength(2);
      for (const name of [stateBucketName, `${stateBucketName}-logs`]) {
        expect(bootstrapText).toHaveResourceWithProperties(S3Bucket, { bucket: name, force_destroy: false, lifecycle: { prevent_destroy: true } });
      }
    });

    it('encrypts state with its own rotating, destroy-protected key under the alias the backend names', () => {
      expect(bootstrapText).toHaveResourceWithProperties(KmsKey, {
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        lifecycle: { prevent_destroy: true },
      });
      expect(bootstrapText).toHaveResourceWithProperties(KmsAlias, { name: 'alias/sample/terraform-state' });
      expect(bootstrapText).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/) }, bucket_key_enabled: true }],
      });
    });

    it('versions the bucket, blocks all public access and disables ACLs', () => {
      expect(resourcesOfType(bootstrap, 'aws_s3_bucket_versioning')).toHaveLength(2);
      for (const v of resourcesOfType(bootstrap, 'aws_s3_bucket_versioning')) expect(v).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
      for (const pab of resourcesOfType(bootstrap, 'aws_s3_bucket_public_access_block')) {
        expect(pab).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      }
      for (const oc of resourcesOfType(bootstrap, 'aws_s3_bucket_ownership_controls')) expect(oc).toMatchObject({ rule: { object_ownership: 'BucketOwnerEnforced' } });
    });

    it('denies every non-TLS request to the state bucket', () => {
      const policies = resourcesOfType(bootstrap, 'aws_s3_bucket_policy').map((p) => JSON.parse(p.policy as string) as { Statement: Array<Record<string, unknown>> });
      const statePolicy = policies.find((p) => JSON.stringify(p).includes(`arn:aws:s3:::${stateBucketName}/*`) && !JSON.stringify(p).includes('logging.s3'));
      expect(statePolicy?.Statement).toContainEqual({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${stateBucketName}`, `arn:aws:s3:::${stateBucketName}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    });

    it('logs access to the state bucket into the access-log bucket', () => {
      expect(bootstrapText).toHaveResourceWithProperties(S3BucketLoggingA, { target_bucket: `${stateBucketName}-logs`, target_prefix: 'state-bucket/' });
    });

    it('creates no lock table when S3 lock files are used', () => {
      expect(bootstrapText).not.toHaveResource(DynamodbTable);
    });
  });

  it('passes validate and plan in every stack', () => {
    expectValidAndPlannable(outdir);
  });
});

describe('s3 state, one central bucket, DynamoDB locking', () => {
  const org = sample('s3-central-dynamodb.yaml');
  const { outdir, stackNames } = synthOrg(org);
  const central = '220000000001';

  it('bootstraps only the central account', () => {
    expect(stackNames.filter((n) => n.endsWith('state-bootstrap'))).toEqual(['management-state-bootstrap']);
  });

  it.each(['management-eu-central-1', 'log-archive-eu-central-1', 'security-eu-central-1', 'security-eu-west-1'])(
    'keeps %s state in the central bucket, locked by the table, through the state role',
    (name) => {
      const [account] = name.split(/-eu-/);
      const region = name.slice(account!.length + 1);
      expect(stackJson(outdir, name).terraform?.backend).toEqual({
        s3: {
          bucket: `sample-central-tfstate-${central}-eu-central-1`,
          key: `${account}/${region}/${name}.tfstate`,
          region: 'eu-central-1',
          encrypt: true,
          kms_key_id: `arn:aws:kms:eu-central-1:${central}:alias/sample-central/terraform-state`,
          dynamodb_table: 'sample-central-tfstate-lock',
          assume_role: { role_arn: `arn:aws:iam::${central}:role/terraform-state`, session_name: `state-${name}` },
        },
      });
    },
  );

  it('creates an encrypted, point-in-time-recoverable, destroy-protected lock table', () => {
    expect(stackText(outdir, 'management-state-bootstrap')).toHaveResourceWithProperties(DynamodbTable, {
      name: 'sample-central-tfstate-lock',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      billing_mode: 'PAY_PER_REQUEST',
      // encrypted with the state key, not an AWS owned key
      server_side_encryption: { enabled: true, kms_key_arn: expect.stringMatching(/^\$\{aws_kms_key\.state-key_[0-9A-F]{8}\.arn\}$/) },
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('passes validate and plan in every stack', () => {
    expectValidAndPlannable(outdir);
  });
});

describe('cloud state (HCP Terraform)', () => {
  const org = sample('hcp-terraform.yaml');
  const { outdir, stackNames } = synthOrg(org);

  it('has no bootstrap stacks', () => {
    expect(stackNames).toEqual(['log-archive-us-east-2', 'security-us-east-2', 'management-us-east-2']);
  });

  it.each(['management', 'log-archive', 'security'])('gives the %s stack its own workspace in the project', (name) => {
    const stack = stackJson(outdir, `${name}-us-east-2`);
    expect(stack.terraform?.backend).toBeUndefined();
    expect(stack.terraform?.cloud).toEqual({
      hostname: 'app.terraform.io',
      organization: 'example-org',
      workspaces: { name: `baseline-${name}-us-east-2`, project: 'security-baseline' },
    });
  });

  it('publishes every workspace with its account and Region tags for HCP Terraform', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'hcp-workspaces.json'), 'utf8')) as { organization: string; workspaces: unknown[] };
    expect(manifest.organization).toBe('example-org');
    expect(manifest.workspaces).toHaveLength(3);
    expect(manifest.workspaces).toContainEqual({
      name: 'baseline-log-archive-us-east-2',
      project: 'security-baseline',
      stack: 'log-archive-us-east-2',
      tags: { account: 'log-archive', 'account-id': '230000000002', 'account-role': 'log-archive', region: 'us-east-2', stack: 'log-archive-us-east-2' },
      remoteStateConsumers: ['baseline-security-us-east-2'],
    });
  });

  it('passes validate and plan in every stack', () => {
    expectValidAndPlannable(outdir);
  });
});
