import { ConfigError, type Organization, type OrganizationInput } from '../../config';
import { organizationNetworkProblems } from '../../config/settings/network';
import { exampleInput, exampleOrg } from '../support/orgs';

/**
 * Bad network settings: each case is the example organisation with one change, and the problem must name the
 * setting's path. Per-field rules run in the schema (parseOrganization); rules across accounts run in
 * `organizationNetworkProblems` (the main schema's cross-field check).
 */

type Raw = Record<string, unknown>;
type Path = readonly (string | number)[];

/** Sets the value at `path` in a raw config, creating mappings on the way. */
function set(root: Raw, path: Path, value: unknown): void {
  let current: Record<string | number, unknown> = root;
  for (const part of path.slice(0, -1)) {
    if (current[part] === undefined) current[part] = {};
    current = current[part] as Record<string | number, unknown>;
  }
  current[path[path.length - 1]!] = value;
}


const ACCOUNT = { network: 3, prod: 4, dev: 5 } as const;

function accountIndex(input: OrganizationInput, name: string): number {
  const index = input.accounts.findIndex((a) => a.name === name);
  if (index < 0) throw new Error(`test bug: no account ${name}`);
  return index;
}

/** The example as raw input, with YAML aliases unshared so one change touches one account. */
function raw(): Raw {
  return JSON.parse(JSON.stringify(exampleInput())) as Raw;
}

function schemaProblems(change: (input: Raw) => void): Array<{ path: string; message: string; value: string }> {
  try {
    exampleOrg((input) => {
      const copy = JSON.parse(JSON.stringify(input)) as Raw;
      change(copy);
      return copy as OrganizationInput;
    });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => ({ path: p.path, message: p.message, value: p.value }));
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

describe('network settings: one problem per bad value, at its path', () => {
  it('the example is valid and its account order is what these tests assume', () => {
    const input = exampleInput();
    expect(accountIndex(input, 'network')).toBe(ACCOUNT.network);
    expect(accountIndex(input, 'workload-prod')).toBe(ACCOUNT.prod);
    expect(accountIndex(input, 'workload-dev')).toBe(ACCOUNT.dev);
    expect(organizationNetworkProblems(raw())).toEqual([]);
  });

  it.each([
    [
      'a VPC block with host bits',
      `accounts[${ACCOUNT.prod}].network.vpcs.us-east-1.cidr`,
      /host bits set; the network address of this block is "10.16.0.0\/16"/,
      ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'cidr'], '10.16.3.0/16',
    ],
    [
      'a VPC block larger than AWS allows',
      `accounts[${ACCOUNT.prod}].network.vpcs.us-east-1.cidr`,
      /must be a \/16 to \/28 block/,
      // 100.0.0.0/8 overlaps no other VPC of the example, so the size rule is the only problem
      ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'cidr'], '100.0.0.0/8',
    ],
    [
      'subnets that do not fit the VPC',
      `accounts[${ACCOUNT.prod}].network.vpcs.us-east-1.tiers`,
      /do not fit the VPC block 10.16.0.0\/16: .*no room left/,
      ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'tiers'], { public: {}, privateWithEgress: { prefixLength: 17 }, isolated: {} },
    ],
    [
      'an unknown interface endpoint service, with a suggestion',
      `accounts[${ACCOUNT.dev}].network.vpcs.us-east-1.interfaceEndpoints[0]`,
      /not a known interface endpoint service.*did you mean "secretsmanager"/,
      ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'us-east-1', 'interfaceEndpoints'], ['secretmanager'],
    ],
    [
      'an unknown service in the organisation default list',
      'network.interfaceEndpoints[2]',
      /not a known interface endpoint service/,
      ['network', 'interfaceEndpoints'], ['sts', 'kms', 'not-a-service'],
    ],
    [
      'SSH opened to the internet in the public tier ACL',
      `accounts[${ACCOUNT.prod}].network.vpcs.us-east-1.publicIngressPorts[1]`,
      /remote administration port; it must never be open to the internet \(CIS 5.1\)/,
      ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'publicIngressPorts'], [443, 22],
    ],
    [
      'RDP opened to the internet in the public tier ACL',
      `accounts[${ACCOUNT.prod}].network.vpcs.us-east-1.publicIngressPorts[0]`,
      /remote administration port/,
      ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'publicIngressPorts'], [3389],
    ],
    [
      'a private tier with egress but no public tier for its NAT',
      `accounts[${ACCOUNT.dev}].network.vpcs.us-east-1.tiers.privateWithEgress`,
      /needs a public tier for its NAT gateways/,
      ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'us-east-1', 'tiers'], { privateWithEgress: {} },
    ],
    [
      'a segment reaching a segment that does not exist',
      'network.transitGateway.segments.prod.reaches[0]',
      /names no segment; use one of "prod", "non-prod", "shared"/,
      ['network', 'transitGateway', 'segments', 'prod', 'reaches'], ['shared-services'],
    ],
    [
      'a segment reaching itself',
      'network.transitGateway.segments.prod.reaches[0]',
      /names the segment itself/,
      ['network', 'transitGateway', 'segments', 'prod', 'reaches'], ['prod'],
    ],
    [
      'flow logs to S3 without a bucket',
      'network.flowLogs.s3BucketArn',
      /is required when destination is "s3"/,
      ['network', 'flowLogs'], { destination: 's3' },
    ],
    [
      'flow log retention under a year',
      'network.flowLogs.retentionDays',
      /at least a year/,
      ['network', 'flowLogs'], { retentionDays: 90 },
    ],
    [
      'an availability zone of another Region',
      `accounts[${ACCOUNT.dev}].network.vpcs.us-east-1.availabilityZones[1]`,
      /is not a zone of us-east-1/,
      ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'us-east-1'], { cidr: '10.32.0.0/16', availabilityZones: ['us-east-1a', 'eu-west-1b'] },
    ],
    [
      'an endpoint service open to a wildcard principal',
      `accounts[${ACCOUNT.network}].network.endpointServices.shared-api.allowedPrincipals[0]`,
      /IAM principal ARN .* \(no wildcards\)/,
      ['accounts', ACCOUNT.network, 'network', 'endpointServices', 'shared-api', 'allowedPrincipals'], ['*'],
    ],
    [
      'an endpoint service on a load balancer of another Region',
      `accounts[${ACCOUNT.network}].network.endpointServices.shared-api.networkLoadBalancerArns[0]`,
      /is in eu-west-1, not in the service's region us-east-1/,
      ['accounts', ACCOUNT.network, 'network', 'endpointServices', 'shared-api', 'networkLoadBalancerArns'], ['arn:aws:elasticloadbalancing:eu-west-1:444444444444:loadbalancer/net/shared-api/0123456789abcdef'],
    ],
    [
      'a misspelt VPC setting',
      `accounts[${ACCOUNT.prod}].network.vpcs.us-east-1.natGateway`,
      /.+/,
      ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'natGateway'], 'single',
    ],
  ])('fails on %s -> %s', (_name, path, message, at, value) => {
    const problems = schemaProblems((input) => set(input, at, value));
    expect(problems).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });
});

describe('network rules across accounts (organizationNetworkProblems)', () => {
  it('fails on overlapping VPCs, naming both accounts and both settings', () => {
    const config = raw();
    set(config, ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'us-east-1', 'cidr'], '10.16.128.0/20');
    const problems = organizationNetworkProblems(config);
    expect(problems).toEqual([
      {
        path: ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'us-east-1', 'cidr'],
        message: expect.stringMatching(
          /overlaps the VPC of account "workload-prod" in us-east-1 \(10.16.0.0\/16, accounts\[4\].network.vpcs.us-east-1.cidr\) with account "workload-dev" in us-east-1 \(10.16.128.0\/20\)/,
        ),
      },
    ]);
  });

  it('fails on overlapping VPCs in different Regions too (blocks are unique organisation-wide)', () => {
    const config = raw();
    set(config, ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'eu-west-1'], { cidr: '10.0.0.0/16' });
    const problems = organizationNetworkProblems(config);
    expect(problems).toEqual([
      expect.objectContaining({
        path: ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'eu-west-1', 'cidr'],
        message: expect.stringContaining('account "network" in us-east-1 (10.0.0.0/20'),
      }),
    ]);
  });

  it('fails on a VPC segment that does not exist', () => {
    const config = raw();
    set(config, ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'segment'], 'production');
    expect(organizationNetworkProblems(config)).toEqual([
      {
        path: ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'segment'],
        message: 'names no Transit Gateway segment; use one of "prod", "non-prod", "shared" (network.transitGateway.segments)',
      },
    ]);
  });

  it('fails on a segment in a Region without the hub', () => {
    const config = raw();
    set(config, ['accounts', ACCOUNT.network, 'regions'], ['us-east-1']);
    set(config, ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'eu-west-1'], { cidr: '10.48.0.0/16', segment: 'non-prod' });
    expect(organizationNetworkProblems(config)).toEqual([
      expect.objectContaining({
        path: ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'eu-west-1', 'segment'],
        message: expect.stringContaining('needs the Transit Gateway hub in eu-west-1, but the network account does not run there'),
      }),
    ]);
  });

  it('fails on a VPC in a Region the account does not run in', () => {
    const config = raw();
    set(config, ['accounts', ACCOUNT.dev, 'regions'], ['us-east-1']);
    set(config, ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'eu-west-1'], { cidr: '10.48.0.0/16' });
    expect(organizationNetworkProblems(config)).toEqual([
      expect.objectContaining({ path: ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'eu-west-1'], message: expect.stringContaining('does not run in (us-east-1)') }),
    ]);
  });

  it('fails on a PrivateLink endpoint naming no endpoint service of the network account', () => {
    const config = raw();
    set(config, ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'privateLinkEndpoints'], { billing: { networkEndpointService: 'billing-api' } });
    expect(organizationNetworkProblems(config)).toEqual([
      expect.objectContaining({
        path: ['accounts', ACCOUNT.prod, 'network', 'vpcs', 'us-east-1', 'privateLinkEndpoints', 'billing', 'networkEndpointService'],
      }),
    ]);
  });

  it('skips malformed parts instead of throwing (their own problems are reported by the schema)', () => {
    expect(organizationNetworkProblems({ allowedRegions: ['us-east-1'], accounts: [null, { network: { vpcs: { 'us-east-1': { cidr: 42 } } } }] })).toEqual([]);
    expect(organizationNetworkProblems('not an object')).toEqual([]);
  });

  it('is enforced when the config is parsed, as a ConfigError naming the setting', () => {
    const overlapping = (): Organization =>
      exampleOrg((input) => {
        const copy = JSON.parse(JSON.stringify(input)) as Raw;
        set(copy, ['accounts', ACCOUNT.dev, 'network', 'vpcs', 'us-east-1', 'cidr'], '10.16.0.0/16');
        return copy as OrganizationInput;
      });
    expect(overlapping).toThrow(ConfigError);
    expect(overlapping).toThrow(/accounts\[5\]\.network\.vpcs\.us-east-1\.cidr.*overlaps the VPC of account "workload-prod"/s);
  });

});
