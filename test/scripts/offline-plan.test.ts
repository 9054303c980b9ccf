import { OFFLINE_PROVIDER_SETTINGS, toOfflinePlan, withLocalBackend } from '../support/offline-plan';

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
