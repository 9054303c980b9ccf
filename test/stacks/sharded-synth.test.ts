import * as fs from 'fs';
import * as path from 'path';
import { loadOrganizationFile, parseOrganization, type Organization, type OrganizationInput } from '../../config';
import { dependable, Lazy, TerraformStack, Token } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AccountStack } from '../../stacks/account-stack';
import { placeFile } from '../../stacks/synth/files';
import { onlyLocalReferences } from '../../stacks/synth/prepare';
import { ConfigError } from '../../config/errors';
import { ValidationError } from '../../modules/core/errors';
import { synthOrganization, type SynthOptions } from '../../stacks/synth';
import { describeError, rebuildError, type WorkerError } from '../../stacks/synth/errors';
import { generateOrganization } from '../../scripts/lib/generate-org';
import { exampleOrg } from '../support/orgs';
import { filesUnder, tempDir, testApp, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
/** Workers are separate node processes: from TypeScript they need the app's loader. */
const LOADER = ['-r', path.join(PROJECT_ROOT, 'scripts', 'ts-register.js')];


/** Fails naming the first file that differs (a whole-map toEqual would print megabytes). */
function expectSameFiles(actual: string, expected: string): void {
  const a = filesUnder(actual);
  const e = filesUnder(expected);
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  for (const [file, content] of e) {
    if (a.get(file) !== content) expect({ file, content: a.get(file) }).toEqual({ file, content });
  }
}

function oneApp(org: Organization): string {
  return synthOrganization(org, tempDir('one-app-')).outdir;
}

function sharded(org: Organization, options: SynthOptions = {}) {
  return synthOrganization(org, tempDir('sharded-'), { workers: 2, stacksPerShard: 1, workerExecArgv: LOADER, ...options });
}

const sample = (file: string) => () => loadOrganizationFile(path.join(PROJECT_ROOT, 'examples', 'configs', file));
const withState = (state: OrganizationInput['state']) => () => exampleOrg((input) => ({ ...input, state }));

describe('sharded synth', () => {
  it.each<[string, () => Organization]>([
    ['the example', () => exampleOrg()],
    ['examples/configs/hcp-terraform.yaml', sample('hcp-terraform.yaml')],
    ['examples/configs/s3-central-dynamodb.yaml', sample('s3-central-dynamodb.yaml')],
    ['examples/configs/s3-per-account.yaml', sample('s3-per-account.yaml')],
    // the samples have no workload accounts: the example's workloads (Transit Gateway references, bootstraps,
    // HCP workspaces reading the hub) in each state mode cover what crosses shards
    ['the example in cloud mode', withState({ mode: 'cloud', organization: 'example-org', project: 'security-baseline', workspacePrefix: 'baseline' })],
    ['the example in s3 per-account mode', withState({ mode: 's3', layout: 'per-account', locking: 'lockfile' })],
  ])('writes byte for byte what one App writes: %s', (_name, org) => {
    const expected = oneApp(org());
    const result = sharded(org());
    expectSameFiles(result.outdir, expected);
    expect(fs.readdirSync(result.outdir).filter((f) => f.startsWith('.synth-shards'))).toEqual([]);
  });

  it('runs one worker process per shard and merges the hub the workloads of both shards read', () => {
    const org = exampleOrg();
    const result = sharded(org);
    expect(result.stats).toMatchObject({ inWorkers: true, freshAccounts: 2, reusedAccounts: 0 });
    expect(result.stats!.shards.map((s) => s.stacks)).toEqual([2, 2]);
    // each shard's copy of the network stack carries the outputs its own workload reads; the merge has both
    const hub = JSON.parse(fs.readFileSync(path.join(result.outdir, 'stacks', 'network-us-east-1', 'cdk.tf.json'), 'utf8')) as { output: Record<string, unknown> };
    const reads = ['workload-prod-us-east-1', 'workload-dev-us-east-1'].map((stack) =>
      [...fs.readFileSync(path.join(result.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8').matchAll(/outputs\.(cross-stack-output-[\w.-]+)/g)].map((m) => m[1]!),
    );
    for (const outputs of reads) {
      expect(outputs.length).toBeGreaterThan(0);
      for (const output of outputs) expect(Object.keys(hub.output)).toContain(output);
    }
    expect(result.stackNames).toEqual(synthOrganization(org, tempDir('one-app-')).stackNames);
    expectValidAndPlannable(result.outdir, ['network-us-east-1', 'workload-dev-us-east-1']);
  });

  it('writes byte for byte what one App writes: a generated organisation of 100 accounts in 4 Regions', () => {
    const org = () => parseOrganization(generateOrganization(100, 4), 'generated');
    const expected = oneApp(org());
    const result = sharded(org(), { stacksPerShard: 100 });
    expect(result.stats!.shards).toHaveLength(4);
    expectSameFiles(result.outdir, expected);
  });

  it('rebuilds a worker\'s error with its class and message (what main.ts prints for bad input)', () => {
    const config = new ConfigError('org.yaml', [{ path: 'accounts[4].tags', value: '"x"', message: 'must be a mapping' }]);
    const validation = new ValidationError(new TerraformStack(testApp(), 'workload-prod-us-east-1'), 'retentionDays', 3, 'must be at least 7');
    for (const error of [config, validation, new Error('boom')]) {
      // the worker writes its error as JSON; the caller rebuilds it
      const rebuilt = rebuildError(JSON.parse(JSON.stringify(describeError(error))) as WorkerError);
      expect(rebuilt.constructor).toBe(error.constructor);
      expect(rebuilt.message).toBe(error.message);
      expect(rebuilt.name).toBe(error.name);
    }
    expect((rebuildError(describeError(config)) as ConfigError).problems).toEqual(config.problems);
  });
});

describe('incremental synth', () => {
  const generated = (change?: (input: OrganizationInput) => void) => {
    const input = generateOrganization(20, 2);
    change?.(input);
    return parseOrganization(input, 'generated');
  };
  const workloads = 20 - 4;

  function cachedRun(cacheDir: string, org: Organization) {
    return synthOrganization(org, tempDir('incremental-'), { workers: 2, stacksPerShard: 8, workerExecArgv: LOADER, cacheDir });
  }

  it('reuses every unchanged account and writes what a fresh synth writes', () => {
    const cacheDir = tempDir('synth-cache-');
    const cold = cachedRun(cacheDir, generated());
    expect(cold.stats).toMatchObject({ freshAccounts: workloads, reusedAccounts: 0 });
    const warm = cachedRun(cacheDir, generated());
    expect(warm.stats).toMatchObject({ freshAccounts: 0, reusedAccounts: workloads, wholeOutputReused: true, shards: [] });
    expectSameFiles(warm.outdir, oneApp(generated()));
  });

  it('without the whole-output entry, rebuilds the shared stacks with the reused accounts\' references (the example)', () => {
    const cacheDir = tempDir('synth-cache-');
    cachedRun(cacheDir, exampleOrg());
    for (const entry of fs.readdirSync(cacheDir).filter((name) => name.startsWith('all-'))) fs.rmSync(path.join(cacheDir, entry), { recursive: true });
    const warm = cachedRun(cacheDir, exampleOrg());
    expect(warm.stats).toMatchObject({ freshAccounts: 0, reusedAccounts: 2, wholeOutputReused: false });
    expect(warm.stats!.shards).toHaveLength(1);
    expectSameFiles(warm.outdir, oneApp(exampleOrg()));
  });

  it('re-synthesizes only the changed account, and the result equals a fresh synth', () => {
    const cacheDir = tempDir('synth-cache-');
    cachedRun(cacheDir, generated());
    const change = (input: OrganizationInput) => {
      input.accounts[7]!.tags = { team: 'payments' };
    };
    const incremental = cachedRun(cacheDir, generated(change));
    expect(incremental.stats).toMatchObject({ freshAccounts: 1, reusedAccounts: workloads - 1 });
    expectSameFiles(incremental.outdir, oneApp(generated(change)));
  });

  it('links hundreds of reused stacks into the output while this process synthesizes the one changed account', () => {
    const big = (change?: (input: OrganizationInput) => void) => {
      const input = generateOrganization(55, 4);
      change?.(input);
      return parseOrganization(input, 'generated');
    };
    const cacheDir = tempDir('synth-cache-');
    const run = (org: Organization) => synthOrganization(org, tempDir('incremental-'), { workers: 2, stacksPerShard: 250, workerExecArgv: LOADER, cacheDir });
    run(big());
    const change = (input: OrganizationInput) => {
      input.accounts[30]!.tags = { team: 'payments' };
    };
    const incremental = run(big(change));
    // one shard: no worker process pays a start-up for it; 50 accounts' 200 stacks are linked from the cache
    expect(incremental.stats).toMatchObject({ inWorkers: false, freshAccounts: 1, reusedAccounts: 50 });
    expect(incremental.stats!.shards.map((s) => s.stacks)).toEqual([4]);
    expect(fs.statSync(path.join(incremental.outdir, 'stacks', 'workload-0010-us-east-1', 'cdk.tf.json')).nlink).toBeGreaterThan(1);
    expectSameFiles(incremental.outdir, oneApp(big(change)));
  });

  it('places a reused file as a hard link, replacing what the output held, and leaves a file that already is the link', () => {
    const dir = tempDir('place-');
    const [cached, output] = [path.join(dir, 'cached.json'), path.join(dir, 'output.json')];
    fs.writeFileSync(cached, '{"cached": true}');
    fs.writeFileSync(output, '{"stale": true}');
    placeFile(cached, output);
    expect(fs.readFileSync(output, 'utf8')).toBe('{"cached": true}');
    expect(fs.statSync(output).ino).toBe(fs.statSync(cached).ino);
    const before = fs.statSync(output, { bigint: true }).ctimeNs;
    placeFile(cached, output);
    expect(fs.statSync(output, { bigint: true }).ctimeNs).toBe(before);
  });

  it('does not reuse an entry whose file was rewritten in place through an output folder (its hard link)', () => {
    const cacheDir = tempDir('synth-cache-');
    const cold = cachedRun(cacheDir, generated());
    // what a one-App synth into the same folder does: truncate and write the file the cache entry shares
    fs.writeFileSync(path.join(cold.outdir, 'stacks', 'workload-0009-us-east-1', 'cdk.tf.json'), '{"tampered": true}');
    const warm = cachedRun(cacheDir, generated());
    expect(warm.stats).toMatchObject({ freshAccounts: 1, reusedAccounts: workloads - 1, wholeOutputReused: false });
    expectSameFiles(warm.outdir, oneApp(generated()));
  });

  it.each<[string, (input: OrganizationInput) => void]>([
    ['organisation-wide tags', (input) => void (input.defaultTags = { ...input.defaultTags, 'data-classification': 'internal' })],
    ['a guardrail SCP', (input) => void (input.identity = { serviceControlPolicies: { organizationRootId: 'r-a1b2', denyIamUsers: { enabled: true, targets: ['workload-0005'] } } })],
    ['a shared account (log archive)', (input) => void (input.accounts[1]!.tags = { team: 'logging' })],
  ])('re-synthesizes every account when %s change, and the result equals a fresh synth', (_name, change) => {
    const cacheDir = tempDir('synth-cache-');
    cachedRun(cacheDir, generated());
    const incremental = cachedRun(cacheDir, generated(change));
    expect(incremental.stats).toMatchObject({ freshAccounts: workloads, reusedAccounts: 0 });
    expectSameFiles(incremental.outdir, oneApp(generated(change)));
  });

  it('synthesizes an organisation in cloud mode as one App (its hcp-bootstrap stack needs every stack), cache or not', () => {
    const cloud = withState({ mode: 'cloud', organization: 'example-org', project: 'security-baseline', workspacePrefix: 'baseline' });
    const result = cachedRun(tempDir('synth-cache-'), cloud());
    expect(result.stats).toBeUndefined();
    expect(fs.existsSync(path.join(result.outdir, 'stacks', 'hcp-bootstrap', 'cdk.tf.json'))).toBe(true);
    expectSameFiles(result.outdir, oneApp(cloud()));
  });

  it('re-synthesizes the consumers of a changed producer (the example: workloads attach to the hub)', () => {
    const cacheDir = tempDir('synth-cache-');
    cachedRun(cacheDir, exampleOrg());
    const change = (input: OrganizationInput) => {
      input.network = { ...input.network, transitGateway: { ...input.network?.transitGateway, amazonSideAsn: 64600 } };
    };
    const incremental = cachedRun(cacheDir, exampleOrg(change));
    expect(incremental.stats).toMatchObject({ freshAccounts: 2, reusedAccounts: 0 });
    expectSameFiles(incremental.outdir, oneApp(exampleOrg(change)));
  });
});

describe('lean preparing pass (stacks/synth/prepare.ts)', () => {
  it.each<[string, () => Organization]>([
    ['the example', () => exampleOrg()],
    ['the example in cloud mode', withState({ mode: 'cloud', organization: 'example-org', project: 'security-baseline', workspacePrefix: 'baseline' })],
    ['the example in s3 per-account mode', withState({ mode: 's3', layout: 'per-account', locking: 'lockfile' })],
    ['examples/configs/s3-central-dynamodb.yaml', sample('s3-central-dynamodb.yaml')],
    ['a generated organisation of 20 accounts in 2 Regions', () => parseOrganization(generateOrganization(20, 2), 'generated')],
  ])("writes byte for byte what cdktf's own prepareStack writes: %s", (_name, org) => {
    const lean = oneApp(org());
    const cdktfOwn = jest.spyOn(AccountStack.prototype, 'prepareStack').mockImplementation(function (this: AccountStack) {
      TerraformStack.prototype.prepareStack.call(this);
    });
    try {
      expectSameFiles(lean, oneApp(org()));
      expect(cdktfOwn).toHaveBeenCalled();
    } finally {
      cdktfOwn.mockRestore();
    }
  });

  it('skips only values whose tokens are plain references to the same stack', () => {
    const app = testApp();
    const own = testStack('own', app);
    const other = testStack('other', app);
    const bucket = new S3Bucket(own, 'bucket', { bucketPrefix: 'logs-' });
    expect(onlyLocalReferences({ bucket: bucket.arn, list: [bucket.id, 'text', 7, true, null], nested: { depends_on: [dependable(bucket)] } }, own)).toBe(true);
    // read from another stack: the preparing pass must register the cross-stack output and remote state
    expect(onlyLocalReferences({ bucket: bucket.arn }, other)).toBe(false);
    expect(onlyLocalReferences({ depends_on: [dependable(bucket)] }, other)).toBe(false);
    expect(onlyLocalReferences({ policy: Lazy.stringValue({ produce: () => 'x' }) }, own)).toBe(false);
    expect(onlyLocalReferences({ ids: Token.asList(bucket.id) }, own)).toBe(false);
    expect(onlyLocalReferences({ size: Token.asNumber(bucket.id) }, own)).toBe(false);
    // a string cdktf could read as a number token, or an object that is not plain data, goes through cdktf
    expect(onlyLocalReferences({ name: 'o-a1b2c3d4e5' }, own)).toBe(false);
    expect(onlyLocalReferences({ when: new Date(0) }, own)).toBe(false);
  });
});
