import { DataTerraformRemoteState } from 'cdktf';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import * as fs from 'fs';
import * as path from 'path';
import type { OrganizationInput } from '../../config';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { stackJson, stackText, type SynthesizedStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { HCP_BOOTSTRAP_STACK } from '../../stacks/hcp-bootstrap-stack';

/**
 * Values that only exist after apply (the Transit Gateway id, the log-archive key ARN) flow between account stacks
 * through cdktf's cross-stack references: an output in the producer, a `terraform_remote_state` in the consumer that
 * reads the producer's own backend, and a dependency that orders deploys. These tests hold that wiring to every
 * state mode.
 */

interface Manifest {
  readonly stacks: Record<string, { readonly dependencies: readonly string[] }>;
}

const REMOTE_PREFIX = 'cross-stack-reference-input-';

function manifestOf(outdir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
}

function remoteStates(stack: SynthesizedStack): Record<string, { backend: string; config: Record<string, unknown> }> {
  return (stack.data?.terraform_remote_state ?? {}) as Record<string, { backend: string; config: Record<string, unknown> }>;
}

/** Kahn's algorithm: a deploy order, or the stacks left in a cycle. */
function deployOrder(manifest: Manifest): { order: string[]; cyclic: string[] } {
  const remaining = new Map(Object.entries(manifest.stacks).map(([name, s]) => [name, new Set(s.dependencies)]));
  const order: string[] = [];
  for (;;) {
    const ready = [...remaining].filter(([, deps]) => deps.size === 0).map(([name]) => name).sort();
    if (ready.length === 0) break;
    for (const name of ready) {
      order.push(name);
      remaining.delete(name);
      for (const deps of remaining.values()) deps.delete(name);
    }
  }
  return { order, cyclic: [...remaining.keys()] };
}

const withState = (state: OrganizationInput['state']) => exampleOrg((input) => ({ ...input, state }));

const MODES = [
  ['local', withState({ mode: 'local', directory: 'terraform-state' })],
  ['s3', withState({ mode: 's3', layout: 'per-account', locking: 'lockfile' })],
  ['cloud', withState({ mode: 'cloud', organization: 'example-org', project: 'baseline' })],
] as const;

describe.each(MODES)('cross-account values with %s state', (mode, org) => {
  const { outdir, stackNames } = synthOrg(org);
  const manifest = manifestOf(outdir);

  it('passes the hub Transit Gateway to each workload VPC attachment through remote state', () => {
    for (const workload of ['workload-prod-us-east-1', 'workload-dev-us-east-1']) {
      const stack = stackJson(outdir, workload);
      const text = stackText(outdir, workload);
      expect(Object.keys(remoteStates(stack))).toContain(`${REMOTE_PREFIX}network-us-east-1`);
      expect(text).toHaveDataSourceWithProperties(DataTerraformRemoteState, {
        backend: { local: 'local', s3: 's3', cloud: 'remote' }[mode],
      });
      const attachments = Object.values(stack.resource?.aws_ec2_transit_gateway_vpc_attachment ?? {});
      expect(attachments).toHaveLength(1);
      expect(text).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachment, {
        transit_gateway_id: expect.stringMatching(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.${REMOTE_PREFIX}network-us-east-1\\.outputs\\.[^}]+\\}$`)),
      });
      // the producer exports exactly that value
      const [, outputName] = /\.outputs\.([^}]+)\}$/.exec(attachments[0]!.transit_gateway_id as string)!;
      expect(stackJson(outdir, 'network-us-east-1').output?.[outputName!]).toMatchObject({ value: expect.stringMatching(/^\$\{aws_ec2_transit_gateway\..+\.id\}$/) });
    }
  });

  it('reads every producer through that producer\'s own backend', () => {
    let reads = 0;
    for (const consumer of stackNames) {
      for (const [name, remote] of Object.entries(remoteStates(stackJson(outdir, consumer)))) {
        reads += 1;
        const producer = name.slice(REMOTE_PREFIX.length);
        expect(stackNames).toContain(producer);
        const producerTerraform = stackJson(outdir, producer).terraform!;
        if (mode === 'local') {
          expect(remote).toMatchObject({ backend: 'local', config: { path: producerTerraform.backend!.local!.path } });
        } else if (mode === 's3') {
          const { use_lockfile: _lock, ...producerBackend } = producerTerraform.backend!.s3!;
          expect(remote).toMatchObject({ backend: 's3', config: producerBackend });
          // cross-account reads assume the role in the account that holds the producer's state
          expect((remote.config.assume_role as { role_arn: string }).role_arn).toBe((producerBackend.assume_role as { role_arn: string }).role_arn);
        } else {
          expect(remote).toMatchObject({
            backend: 'remote',
            config: { organization: 'example-org', hostname: 'app.terraform.io', workspaces: { name: (producerTerraform.cloud!.workspaces as { name: string }).name } },
          });
        }
      }
    }
    expect(reads).toBeGreaterThanOrEqual(4);
  });

  it('orders deploys so that every producer is applied before its consumers, with no cycle', () => {
    const { order: withHcp, cyclic } = deployOrder(manifest);
    expect(cyclic).toEqual([]);
    // cloud state: the hcp-bootstrap stack (workspaces, credentials) comes before every account stack
    expect(withHcp.includes(HCP_BOOTSTRAP_STACK)).toBe(mode === 'cloud');
    if (mode === 'cloud') expect(withHcp[0]).toBe(HCP_BOOTSTRAP_STACK);
    const order = withHcp.filter((name) => name !== HCP_BOOTSTRAP_STACK);
    expect([...order].sort()).toEqual([...stackNames].sort());
    for (const consumer of stackNames) {
      for (const name of Object.keys(remoteStates(stackJson(outdir, consumer)))) {
        const producer = name.slice(REMOTE_PREFIX.length);
        expect(manifest.stacks[consumer]!.dependencies).toContain(producer);
        expect(order.indexOf(producer)).toBeLessThan(order.indexOf(consumer));
      }
    }
    // s3 state: every stack after the state bootstrap of the account that holds its state
    const bootstraps = order.filter((name) => name.endsWith('-state-bootstrap'));
    expect(bootstraps).toHaveLength(mode === 's3' ? 6 : 0);
    for (const name of stackNames.filter((n) => !n.endsWith('-state-bootstrap') && mode === 's3')) {
      expect(manifest.stacks[name]!.dependencies).toContain(`${name.replace(/-(us-east-1|eu-west-1)$/, '')}-state-bootstrap`);
    }
    // the log archive (trail and Config buckets) first; delegation in management before the security account's organisation settings
    expect(order.filter((name) => !name.endsWith('-state-bootstrap'))[0]).toBe('log-archive-us-east-1');
    expect(order.indexOf('management-us-east-1')).toBeLessThan(order.indexOf('security-us-east-1'));
    expect(order.indexOf('network-us-east-1')).toBeLessThan(order.indexOf('workload-prod-us-east-1'));
  });

  it('plans the consumers and their producers', () => {
    expectValidAndPlannable(outdir, ['log-archive-us-east-1', 'network-us-east-1', 'security-us-east-1', 'workload-dev-us-east-1']);
  });
});

describe('HCP Terraform workspaces', () => {
  it('grant remote state sharing to exactly the workspaces that read them', () => {
    const { outdir } = synthOrg(MODES[2][1]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'hcp-workspaces.json'), 'utf8')) as {
      workspaces: Array<{ name: string; remoteStateConsumers: string[] }>;
    };
    const byName = new Map(manifest.workspaces.map((w) => [w.name, w.remoteStateConsumers]));
    expect(byName.get('example-network-us-east-1')).toEqual(['example-workload-prod-us-east-1', 'example-workload-dev-us-east-1']);
    expect(byName.get('example-log-archive-us-east-1')).toEqual(expect.arrayContaining(['example-security-us-east-1', 'example-security-eu-west-1']));
    expect(byName.get('example-workload-dev-us-east-1')).toEqual([]);
  });
});
