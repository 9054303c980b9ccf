import { execFileSync } from 'child_process';
import * as path from 'path';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { filesUnder, resourcesOfType, stackJson, tempDir } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { APP_LOADER_ARGS } from '../support/app-loader';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

describe('the example organisation', () => {
  const org = exampleOrg();
  const { outdir, stackNames } = synthOrg(org);

  it('has one stack per account and Region, named <account>-<region>', () => {
    expect([...stackNames].sort()).toEqual(
      ['log-archive', 'management', 'network', 'security', 'workload-dev', 'workload-prod']
        .flatMap((a) => [`${a}-eu-west-1`, `${a}-us-east-1`])
        .sort(),
    );
  });

  it.each(org.accounts.flatMap((a) => a.regions.map((r) => [a.name, a.id, a.role, r] as const)))(
    'pins %s (%s) to its account, Region, deploy role and tags',
    (name, id, role, region) => {
      const stack = stackJson(outdir, `${name}-${region}`);
      const provider = stack.provider?.aws?.[0];
      expect(provider).toMatchObject({
        region,
        allowed_account_ids: [id],
        assume_role: [{ role_arn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`, session_name: `baseline-${name}-${region}` }],
        default_tags: [{ tags: { 'managed-by': 'aws-security-baseline-cdktf', 'account-role': role, 'baseline-version': '0.1.0', owner: 'platform-security' } }],
      });
      expect(stack.terraform?.backend).toEqual({ local: { path: `../../../terraform-state/${name}-${region}.tfstate` } });
    },
  );

  it('reads nothing from AWS at plan time (no caller-identity, region or partition data sources)', () => {
    for (const name of stackNames) {
      const data = stackJson(outdir, name).data ?? {};
      expect(Object.keys(data).filter((type) => /caller_identity|aws_region|aws_partition|aws_organizations/.test(type))).toEqual([]);
    }
  });

  it('puts a rotating baseline key in each account home-Region stack only', () => {
    const baselineKeyAddress = (stack: ReturnType<typeof stackJson>): string | undefined => {
      const alias = resourcesOfType(stack, 'aws_kms_alias').find((a) => a.name === 'alias/example/baseline');
      return alias ? /^\$\{aws_kms_key\.([^.]+)\.key_id\}$/.exec(alias.target_key_id as string)?.[1] : undefined;
    };
    for (const account of org.accounts) {
      const home = stackJson(outdir, `${account.name}-us-east-1`);
      const address = baselineKeyAddress(home);
      expect(address).toMatch(/^baseline-key_[0-9A-F]{8}$/);
      const key = home.resource!.aws_kms_key![address!]!;
      expect(key).toMatchObject({
        enable_key_rotation: true,
        rotation_period_in_days: 365,
        deletion_window_in_days: account.name === 'workload-dev' ? 7 : 30,
        is_enabled: true,
        lifecycle: { prevent_destroy: true },
      });
      const policy = JSON.parse(key.policy as string) as { Statement: Array<{ Sid: string; Principal?: unknown }> };
      expect(policy.Statement[0]).toEqual({
        Sid: 'AccountRootAdministers',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account.id}:root` },
        Action: 'kms:*',
        Resource: '*',
      });
      // scoped to the account: no statement lets a principal outside it in, and no bare "*" principal
      for (const statement of policy.Statement) expect(statement.Principal).not.toBe('*');
      expect(JSON.stringify(policy)).not.toMatch(new RegExp(`arn:aws:iam::(?!${account.id})\\d{12}:`));
      expect(baselineKeyAddress(stackJson(outdir, `${account.name}-eu-west-1`))).toBeUndefined();
    }
  });

  it('passes terraform validate and plan in every stack', () => {
    expectValidAndPlannable(outdir);
  });
});

describe('synth output', () => {
  function synthIn(cwd: string): string {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.CDKTF_OUTDIR;
    delete env.BASELINE_CONFIG;
    execFileSync(process.execPath, [...APP_LOADER_ARGS, path.join(PROJECT_ROOT, 'main.ts')], {
      cwd,
      env,
      stdio: 'pipe',
    });
    return path.join(cwd, 'cdktf.out');
  }


  it('is byte-identical from two different working folders, with no absolute paths', () => {
    const first = filesUnder(synthIn(tempDir('synth-a-')));
    const second = filesUnder(synthIn(tempDir('synth-b-')));
    expect([...first.keys()].sort()).toEqual([...second.keys()].sort());
    expect(first.size).toBeGreaterThan(12);
    for (const [file, content] of first) {
      expect({ file, content }).toEqual({ file, content: second.get(file) });
      expect(content).not.toMatch(/\/tmp\/|\/work\/|\/home\/|\/root\//);
    }
  });
});
