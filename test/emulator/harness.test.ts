import * as http from 'http';
import * as net from 'net';
import { ExclusionFileError, parseExclusions, acceptsChange, exclusionsForConfig } from '../../scripts/lib/emulator/exclusions';
import { deployWaves, runAppliesThenReplans } from '../../scripts/lib/emulator/order';
import { forwardTarget, startProxy } from '../../scripts/lib/emulator/proxy';
import { pruneStack } from '../../scripts/lib/emulator/prune';
import { errorsInJsonLines, replanChanges } from '../../scripts/lib/emulator/terraform';
import { EMULATOR_CREDENTIALS, toEmulator } from '../../scripts/lib/terraform/emulator-rewrite';
import { servicesFor } from '../../scripts/lib/terraform/emulator-services';

const ENDPOINT = 'http://127.0.0.1:4566';
const options = { endpoint: ENDPOINT, stateFile: '/tmp/state/me.tfstate', producerStateFile: (p: string) => `/tmp/state/${p}.tfstate` };

function stack(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    provider: { aws: [{ region: 'us-east-1', allowed_account_ids: ['111111111111'], assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/Deploy' }], profile: 'prod' }] },
    terraform: { backend: { local: { path: '../../../terraform-state/me.tfstate' } } },
    resource: { aws_kms_key: { key: { description: 'k' } }, aws_s3_account_public_access_block: { pab: {} } },
    ...extra,
  };
}

describe('emulator rewrite (scripts/lib/terraform/emulator-rewrite.ts)', () => {
  it('keeps the role assumption and the account pin, adds test credentials and endpoints for the services used', () => {
    const aws = ((toEmulator(stack(), options).provider as Record<string, unknown[]>).aws![0]) as Record<string, unknown>;
    expect(aws.assume_role).toEqual([{ role_arn: 'arn:aws:iam::111111111111:role/Deploy' }]);
    expect(aws.allowed_account_ids).toEqual(['111111111111']);
    expect(aws.profile).toBeUndefined();
    expect(aws.access_key).toBe(EMULATOR_CREDENTIALS.access_key);
    expect(aws.endpoints).toEqual([{ iam: ENDPOINT, kms: ENDPOINT, s3control: ENDPOINT, sts: ENDPOINT }]);
  });

  it('makes a local or cloud backend a local state file of the copy', () => {
    expect((toEmulator(stack(), options).terraform as Record<string, unknown>).backend).toEqual({ local: { path: '/tmp/state/me.tfstate' } });
    const cloud = stack({ terraform: { cloud: { organization: 'o', workspaces: { name: 'w' } } } });
    const rewritten = toEmulator(cloud, options).terraform as Record<string, unknown>;
    expect(rewritten.cloud).toBeUndefined();
    expect(rewritten.backend).toEqual({ local: { path: '/tmp/state/me.tfstate' } });
  });

  it('keeps an s3 backend (with its role) but points it at the emulator', () => {
    const s3 = stack({ terraform: { backend: { s3: { bucket: 'state', key: 'k', region: 'eu-west-1', assume_role: { role_arn: 'arn:aws:iam::1:role/x' } } } } });
    const backend = ((toEmulator(s3, options).terraform as Record<string, unknown>).backend as Record<string, Record<string, unknown>>).s3!;
    expect(backend).toMatchObject({ bucket: 'state', assume_role: { role_arn: 'arn:aws:iam::1:role/x' }, use_path_style: true, endpoints: { s3: ENDPOINT, sts: ENDPOINT } });
  });

  it('reads local and cloud remote state from the producer\'s emulator state', () => {
    const consumer = stack({ data: { terraform_remote_state: { 'cross-stack-reference-input-log-archive-us-east-1': { backend: 'remote', config: { organization: 'o' }, workspace: 'x' } } } });
    const remote = ((toEmulator(consumer, options).data as Record<string, Record<string, unknown>>).terraform_remote_state as Record<string, unknown>)['cross-stack-reference-input-log-archive-us-east-1'];
    expect(remote).toEqual({ backend: 'local', config: { path: '/tmp/state/log-archive-us-east-1.tfstate' } });
  });

  it('fails by name for a resource type with no known endpoint', () => {
    expect(() => servicesFor('aws_quantum_computer')).toThrow(/aws_quantum_computer.*emulator-services\.ts/);
    expect(servicesFor('aws_s3_bucket_logging')).toEqual(['s3']);
    expect(servicesFor('aws_s3_account_public_access_block')).toEqual(['s3control']);
  });
});

describe('exclusions and pruning', () => {
  it('fails on an entry without a reason or moto version', () => {
    expect(() => parseExclusions('exclusions:\n  - type: aws_x\n    moto: 5.2.5\n', 'f.yaml')).toThrow(ExclusionFileError);
    expect(() => parseExclusions('exclusions:\n  - type: aws_x\n    reason: r\n', 'f.yaml')).toThrow(/exclusions\[0\]\.moto/);
  });

  it('holds an entry with `configs` only for runs of the configs it names', () => {
    const exclusions = parseExclusions(
      'exclusions:\n  - type: aws_kms_key\n    reason: r\n    moto: 5.2.5\n  - type: aws_networkfirewall_rule_group\n    configs: examples/configs/network-*.yaml\n    reason: r\n    moto: 5.2.5\n',
      'f.yaml',
    );
    expect(exclusionsForConfig(exclusions, 'config/example-organization.yaml').map((e) => e.type)).toEqual(['aws_kms_key']);
    expect(exclusionsForConfig(exclusions, 'examples/configs/network-inspection.yaml').map((e) => e.type)).toEqual(['aws_kms_key', 'aws_networkfirewall_rule_group']);
    expect(() => parseExclusions('exclusions:\n  - type: aws_x\n    configs: 3\n    reason: r\n    moto: 5.2.5\n', 'f.yaml')).toThrow(/exclusions\[0\]\.configs must be a string/);
  });

  it('drops an excluded resource with everything that refers to it, outputs included, and what reads those outputs elsewhere', () => {
    const exclusions = parseExclusions('exclusions:\n  - type: aws_ram_resource_share\n    reason: not served\n    moto: 5.2.5\n', 'f.yaml');
    const producer = {
      resource: {
        aws_ram_resource_share: { share: { name: 's' } },
        aws_ram_resource_association: { assoc: { resource_share_arn: '${aws_ram_resource_share.share.arn}' } },
        aws_kms_key: { key: {} },
      },
      output: { share_arn: { value: '${aws_ram_resource_share.share.arn}' }, key_arn: { value: '${aws_kms_key.key.arn}' } },
    };
    const result = pruneStack('network', producer, exclusions, () => []);
    expect(result.dropped).toEqual([
      { address: 'aws_ram_resource_association.assoc', type: 'aws_ram_resource_association', root: false },
      { address: 'aws_ram_resource_share.share', type: 'aws_ram_resource_share', root: true },
    ]);
    expect(result.droppedOutputs).toEqual(['share_arn']);
    expect(Object.keys(result.stack.resource as object)).toEqual(['aws_kms_key']);
    const consumer = { resource: { aws_route: { r: { transit_gateway_id: '${data.terraform_remote_state.cross-stack-reference-input-network.outputs.share_arn}' } }, aws_vpc: { v: {} } } };
    const consumed = pruneStack('workload', consumer, exclusions, (p) => (p === 'network' ? result.droppedOutputs : []));
    expect(consumed.dropped.map((d) => d.address)).toEqual(['aws_route.r']);
  });

  it('accepts a re-plan change only for the named attribute', () => {
    const [e] = parseExclusions('exclusions:\n  - type: aws_kms_key\n    attribute: rotation_period_in_days\n    reason: r\n    moto: 5.2.5\n', 'f.yaml');
    expect(acceptsChange(e!, 's', 'aws_kms_key.k', 'rotation_period_in_days')).toBe(true);
    expect(acceptsChange(e!, 's', 'aws_kms_key.k', 'policy')).toBe(false);
  });
});

describe('deploy order', () => {
  const stacks = [
    { name: 'security', dependencies: ['log-archive', 'management'] },
    { name: 'management', dependencies: ['log-archive'] },
    { name: 'log-archive', dependencies: [] },
    { name: 'network', dependencies: ['log-archive'] },
  ];
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('puts each stack after the stacks it depends on', () => {
    expect(deployWaves(stacks)).toEqual([['log-archive'], ['management', 'network'], ['security']]);
  });

  it('fails on a cycle', () => {
    expect(() => deployWaves([{ name: 'a', dependencies: ['b'] }, { name: 'b', dependencies: ['a'] }])).toThrow(/cycle/);
  });

  it('starts consumers right after the producer applied, and re-plans a stack only after every consumer applied', async () => {
    const events: string[] = [];
    let running = 0;
    let most = 0;
    const step = async (event: string): Promise<void> => {
      running += 1;
      most = Math.max(most, running);
      events.push(`start ${event}`);
      await tick();
      events.push(`end ${event}`);
      running -= 1;
    };
    await runAppliesThenReplans(stacks, 2, {
      apply: async (name) => {
        await step(`apply ${name}`);
        return true;
      },
      replan: (name) => step(`replan ${name}`),
      skipped: () => undefined,
    });
    const at = (event: string): number => events.indexOf(event);
    expect(most).toBe(2);
    // Consumers do not wait for the producer's re-plan.
    expect(at('start apply management')).toBeLessThan(at('start replan log-archive'));
    // A re-plan never runs before (or beside) the apply of a stack that depends on it, directly or transitively.
    for (const consumer of ['management', 'network', 'security']) expect(at('start replan log-archive')).toBeGreaterThan(at(`end apply ${consumer}`));
    expect(at('start replan management')).toBeGreaterThan(at('end apply security'));
    expect(events.filter((e) => e.startsWith('end replan')).sort()).toEqual(['end replan log-archive', 'end replan management', 'end replan network', 'end replan security']);
  });

  it('never starts a stack before its dependencies applied, skips the consumers of one that did not, and re-plans only what applied', async () => {
    const started: string[] = [];
    const replanned: string[] = [];
    const skipped: string[] = [];
    await runAppliesThenReplans(stacks, 3, {
      apply: async (name) => {
        started.push(name);
        return name !== 'management';
      },
      replan: async (name) => void replanned.push(name),
      skipped: (name, failed) => skipped.push(`${name} <- ${failed}`),
    });
    expect(started[0]).toBe('log-archive');
    expect(started.sort()).toEqual(['log-archive', 'management', 'network']);
    expect(skipped).toEqual(['security <- management']);
    expect(replanned.sort()).toEqual(['log-archive', 'network']);
  });

  it('counts an apply that throws as not applied', async () => {
    const skipped: string[] = [];
    await runAppliesThenReplans(stacks, 1, {
      apply: async (name) => {
        if (name === 'log-archive') throw new Error('boom');
        return true;
      },
      replan: async () => undefined,
      skipped: (name) => skipped.push(name),
    });
    expect(skipped.sort()).toEqual(['management', 'network', 'security']);
  });
});

describe('terraform output parsing', () => {
  it('reads error diagnostics from -json output', () => {
    const lines = [
      JSON.stringify({ type: 'diagnostic', diagnostic: { severity: 'warning', summary: 'w' } }),
      JSON.stringify({ type: 'diagnostic', diagnostic: { severity: 'error', summary: 'creating X', detail: 'boom', address: 'aws_x.y' } }),
    ].join('\n');
    expect(errorsInJsonLines(lines)).toEqual([{ address: 'aws_x.y', summary: 'creating X', detail: 'boom' }]);
  });

  it('lists re-plan changes by address and attribute, ignoring no-ops', () => {
    const plan = {
      resource_changes: [
        { address: 'aws_kms_key.k', change: { actions: ['update'], before: { rotation_period_in_days: null, policy: 'p' }, after: { rotation_period_in_days: 90, policy: 'p' } } },
        { address: 'aws_vpc.v', change: { actions: ['no-op'], before: {}, after: {} } },
      ],
    };
    expect(replanChanges(JSON.stringify(plan))).toEqual([{ address: 'aws_kms_key.k', actions: ['update'], attributes: ['rotation_period_in_days'] }]);
  });
});

describe('proxy', () => {
  it('forwards only the emulator port, and S3 Control names to the S3 Control host moto routes', () => {
    expect(forwardTarget('127.0.0.1', 4566, 4566, undefined)).toEqual({ hostHeader: '127.0.0.1:4566' });
    expect(forwardTarget('111111111111.127.0.0.1', 4566, 4566, 'AWS4-HMAC-SHA256 Credential=AKIA/20260101/eu-west-1/s3/aws4_request')).toEqual({ hostHeader: '111111111111.s3-control.eu-west-1.amazonaws.com' });
    expect(forwardTarget('127.0.0.1', 22, 4566, undefined)).toBeUndefined();
    expect(forwardTarget('sts.amazonaws.com', 4566, 4566, undefined)).toBeUndefined();
  });

  it('listens on 127.0.0.1, forwards to the emulator and records every refusal (CONNECT included)', async () => {
    const upstream = http.createServer((req, res) => res.end(`upstream saw ${req.headers.host} ${req.url}`));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamPort = (upstream.address() as net.AddressInfo).port;
    const proxy = await startProxy(upstreamPort);
    try {
      const viaProxy = (target: string): Promise<string> =>
        new Promise((resolve, reject) => {
          http.get({ host: '127.0.0.1', port: proxy.port, path: target }, (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve(`${res.statusCode} ${text}`));
          }).on('error', reject);
        });
      expect(await viaProxy(`http://222222222222.127.0.0.1:${upstreamPort}/v20180820/configuration/publicAccessBlock`)).toBe('200 upstream saw 222222222222.s3-control.us-east-1.amazonaws.com /v20180820/configuration/publicAccessBlock');
      expect(await viaProxy('http://example.com/')).toMatch(/^403/);
      const connect = await new Promise<string>((resolve) => {
        const socket = net.connect(proxy.port, '127.0.0.1', () => socket.write('CONNECT sts.amazonaws.com:443 HTTP/1.1\r\nHost: sts.amazonaws.com:443\r\n\r\n'));
        socket.once('data', (d) => {
          resolve(d.toString().split('\r\n')[0]!);
          socket.destroy();
        });
      });
      expect(connect).toBe('HTTP/1.1 403 Forbidden');
      expect(proxy.refusals.map((r) => r.target)).toEqual(['example.com:80/', 'sts.amazonaws.com:443']);
      expect(proxy.forwarded()).toBe(1);
    } finally {
      await proxy.stop();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
