import { OFFLINE_PROVIDER_SETTINGS, toOfflinePlan, withLocalBackend } from '../../scripts/lib/terraform/offline-rewrite';
import { offlineRemoteState, placeholderFor } from '../../scripts/lib/terraform/remote-state-placeholders';

const production = {
  terraform: { backend: { s3: { bucket: 'state', key: 'a/b.tfstate', assume_role: { role_arn: 'arn:aws:iam::111111111111:role/x' } } }, required_providers: { aws: { version: '5.100.0' } } },
  provider: {
    aws: [
      {
        region: 'eu-west-1',
        allowed_account_ids: ['111111111111'],
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/deploy' }],
        default_tags: [{ tags: { 'managed-by': 'x' } }],
      },
    ],
  },
  resource: { aws_kms_key: { k: { enable_key_rotation: true } } },
};

describe('offline plan rewrite (test only)', () => {
  const offline = toOfflinePlan(production) as typeof production & { provider: { aws: Array<Record<string, unknown>> } };

  it('replaces the role assumption and account pin with fake credentials and skip flags', () => {
    const provider = offline.provider.aws[0]!;
    expect(provider).not.toHaveProperty('assume_role');
    expect(provider).not.toHaveProperty('allowed_account_ids');
    expect(provider).toMatchObject({ ...OFFLINE_PROVIDER_SETTINGS, region: 'eu-west-1', default_tags: [{ tags: { 'managed-by': 'x' } }] });
  });

  it('makes the backend a local file and keeps everything else', () => {
    expect(offline.terraform).toEqual({ backend: { local: { path: 'terraform.tfstate' } }, required_providers: { aws: { version: '5.100.0' } } });
    expect(offline.resource).toEqual(production.resource);
  });

  it('drops an HCP Terraform cloud block', () => {
    const cloud = withLocalBackend({ terraform: { cloud: { organization: 'o', workspaces: { name: 'w' } } } });
    expect(cloud.terraform).toEqual({ backend: { local: { path: 'terraform.tfstate' } } });
  });

  it('never changes the production JSON it was given', () => {
    expect(production.provider.aws[0]).toHaveProperty('assume_role');
    expect(production.terraform.backend).toHaveProperty('s3');
  });
});

describe('offline remote state (test only)', () => {
  const consumer = {
    data: {
      terraform_remote_state: {
        'cross-stack-reference-input-network-us-east-1': { backend: 's3', config: { bucket: 'state', key: 'k' }, workspace: '${terraform.workspace}' },
      },
    },
    resource: {
      aws_ec2_transit_gateway_vpc_attachment: {
        a: { transit_gateway_id: '${data.terraform_remote_state.cross-stack-reference-input-network-us-east-1.outputs.cross-stack-output-tgw}' },
      },
      aws_sns_topic: { t: { kms_master_key_id: '${data.terraform_remote_state.cross-stack-reference-input-network-us-east-1.outputs.cross-stack-output-key}' } },
    },
  };
  const producerOutputs = {
    'cross-stack-output-tgw': { value: '${aws_ec2_transit_gateway.hub.id}', sensitive: true },
    'cross-stack-output-key': { value: '${aws_kms_key.alerts.arn}', sensitive: true },
  };

  it('reads a missing local state with defaults shaped like the producer values', () => {
    const rewritten = offlineRemoteState(consumer, (name) => (name === 'cross-stack-reference-input-network-us-east-1' ? producerOutputs : undefined));
    expect((rewritten.data as typeof consumer.data).terraform_remote_state['cross-stack-reference-input-network-us-east-1']).toEqual({
      backend: 'local',
      config: { path: 'offline-plan-empty.tfstate' },
      workspace: '${terraform.workspace}',
      defaults: {
        'cross-stack-output-tgw': 'tgw-0123456789abcdef0',
        'cross-stack-output-key': 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000000',
      },
    });
    expect(rewritten.resource).toBe(consumer.resource);
  });

  it.each([
    ['aws_s3_bucket', 'arn', 'arn:aws:s3:::offline-placeholder-bucket'],
    ['aws_sns_topic', 'arn', 'arn:aws:sns:us-east-1:123456789012:offline-placeholder'],
    ['aws_vpc', 'id', 'vpc-0123456789abcdef0'],
    ['aws_cloudwatch_log_group', 'arn', 'arn:aws:logs:us-east-1:123456789012:offline-placeholder'],
  ])('shapes a %s.%s placeholder', (type, attribute, expected) => {
    expect(placeholderFor(type, attribute)).toBe(expected);
  });
});
