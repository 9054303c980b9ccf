import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, stackText, type SynthesizedStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/**
 * The example organisation's hub-and-spoke network, read back from the synthesized JSON: segment isolation is
 * proven on what Terraform will create, across the network stack (route tables, blackholes) and the workload stacks
 * (attachments, associations, propagations and VPC routes, which refer to the hub through remote state).
 */

const org = exampleOrg();
const { outdir } = synthOrg(org);
const NETWORK = 'network-us-east-1';
const PROD = 'workload-prod-us-east-1';
const DEV = 'workload-dev-us-east-1';
const network = stackJson(outdir, NETWORK);

type Resource = Record<string, unknown>;

/** Segment of each hub route table, by its Terraform address `aws_ec2_transit_gateway_route_table.<name>`. */
const tableSegments = new Map<string, string>(
  Object.entries(network.resource?.aws_ec2_transit_gateway_route_table ?? {}).map(([name, table]) => [
    name,
    (table.tags as Record<string, string>).segment!,
  ]),
);

/** The hub route table a reference points at: a local `${aws_ec2_transit_gateway_route_table.X.id}` or a remote-state output. */
function tableSegmentOf(stack: SynthesizedStack, reference: string): string {
  const local = /^\$\{aws_ec2_transit_gateway_route_table\.([^.]+)\.id\}$/.exec(reference);
  const remote = /outputs\.([A-Za-z0-9_-]+)\}$/.exec(reference);
  let tableName: string | undefined = local?.[1];
  if (!tableName && remote) {
    const output = network.output?.[remote[1]!]?.value as string | undefined;
    tableName = output ? /^\$\{aws_ec2_transit_gateway_route_table\.([^.]+)\.id\}$/.exec(output)?.[1] : undefined;
  }
  const segment = tableName ? tableSegments.get(tableName) : undefined;
  if (!segment) throw new Error(`cannot resolve ${reference} in ${JSON.stringify(Object.keys(stack.data ?? {}))}`);
  return segment;
}

/** Segment of the attachment in a stack (its tag), and the route tables it is associated with and propagated to. */
function attachmentRouting(stackName: string): { segment: string; associatedWith: string[]; propagatedTo: string[] } {
  const stack = stackJson(outdir, stackName);
  const attachments = resourcesOfType(stack, 'aws_ec2_transit_gateway_vpc_attachment');
  expect(attachments).toHaveLength(1);
  const segment = (attachments[0]!.tags as Record<string, string>).segment!;
  const tables = (type: string) =>
    resourcesOfType(stack, type).map((r: Resource) => tableSegmentOf(stack, r.transit_gateway_route_table_id as string)).sort();
  return {
    segment,
    associatedWith: tables('aws_ec2_transit_gateway_route_table_association'),
    propagatedTo: tables('aws_ec2_transit_gateway_route_table_propagation'),
  };
}

function vpcCidr(stackName: string): string {
  const vpcs = resourcesOfType(stackJson(outdir, stackName), 'aws_vpc');
  expect(vpcs).toHaveLength(1);
  return vpcs[0]!.cidr_block as string;
}

function transitRoutes(stackName: string): string[] {
  return resourcesOfType(stackJson(outdir, stackName), 'aws_route')
    .filter((r) => r.transit_gateway_id !== undefined)
    .map((r) => r.destination_cidr_block as string);
}

describe('the example hub-and-spoke network', () => {
  it('has a hub that never auto-accepts or default-routes, with one route table per segment', () => {
    const networkText = stackText(outdir, NETWORK);
    expect(resourcesOfType(network, 'aws_ec2_transit_gateway')).toHaveLength(1);
    expect(networkText).toHaveResourceWithProperties(Ec2TransitGateway, {
      auto_accept_shared_attachments: 'disable',
      default_route_table_association: 'disable',
      default_route_table_propagation: 'disable',
    });
    expect([...tableSegments.values()].sort()).toEqual(['non-prod', 'prod', 'shared']);
    expect(networkText).toHaveResourceWithProperties(RamResourceShare, { allow_external_principals: false });
    expect(networkText).toHaveResourceWithProperties(RamPrincipalAssociation, { principal: 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5' });
    expect(resourcesOfType(network, 'aws_ram_principal_association')).toHaveLength(1);
  });

  it('associates each attachment with its own segment table only', () => {
    expect(attachmentRouting(PROD)).toMatchObject({ segment: 'prod', associatedWith: ['prod'] });
    expect(attachmentRouting(DEV)).toMatchObject({ segment: 'non-prod', associatedWith: ['non-prod'] });
    expect(attachmentRouting(NETWORK)).toMatchObject({ segment: 'shared', associatedWith: ['shared'] });
  });

  it('never propagates a prod attachment into the non-prod table, nor the reverse', () => {
    const prod = attachmentRouting(PROD);
    const dev = attachmentRouting(DEV);
    expect(prod.propagatedTo).not.toContain('non-prod');
    expect(dev.propagatedTo).not.toContain('prod');
    // What each may reach instead: its own segment and shared.
    expect(prod.propagatedTo).toEqual(['prod', 'shared']);
    expect(dev.propagatedTo).toEqual(['non-prod', 'shared']);
    // Shared reaches both.
    expect(attachmentRouting(NETWORK).propagatedTo).toEqual(['non-prod', 'prod', 'shared']);
  });

  it('blackholes the other segment in the prod and non-prod tables (and nothing in shared)', () => {
    const blackholes = resourcesOfType(network, 'aws_ec2_transit_gateway_route').map((r) => ({
      table: tableSegmentOf(network, r.transit_gateway_route_table_id as string),
      cidr: r.destination_cidr_block,
      blackhole: r.blackhole,
    }));
    expect(blackholes).toEqual(
      expect.arrayContaining([
        { table: 'prod', cidr: vpcCidr(DEV), blackhole: true },
        { table: 'non-prod', cidr: vpcCidr(PROD), blackhole: true },
      ]),
    );
    expect(blackholes.filter((b) => b.table === 'shared')).toEqual([]);
    // No route in any table sends traffic to an attachment (all routing is by propagation, checked above).
    expect(resourcesOfType(network, 'aws_ec2_transit_gateway_route').every((r) => r.blackhole === true)).toBe(true);
  });

  it('routes each workload VPC only to the shared VPC, never to the other workload', () => {
    expect([...new Set(transitRoutes(PROD))]).toEqual([vpcCidr(NETWORK)]);
    expect([...new Set(transitRoutes(DEV))]).toEqual([vpcCidr(NETWORK)]);
    expect([...new Set(transitRoutes(NETWORK))].sort()).toEqual([vpcCidr(PROD), vpcCidr(DEV)].sort());
  });

  it('accepts, associates and propagates workload attachments with the network account provider', () => {
    const prod = stackJson(outdir, PROD);
    const prodText = stackText(outdir, PROD);
    for (const type of ['aws_ec2_transit_gateway_vpc_attachment_accepter', 'aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation']) {
      for (const resource of resourcesOfType(prod, type)) expect(resource.provider).toBe('aws.network_account');
    }
    expect(prodText).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachmentAccepter, { provider: 'aws.network_account', transit_gateway_default_route_table_association: false });
    expect(prodText).toHaveProviderWithProperties(AwsProvider, {
      alias: 'network_account',
      allowed_account_ids: ['444444444444'],
      assume_role: [expect.objectContaining({ role_arn: 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole' })],
    });
    expect(prodText).toHaveProviderWithProperties(AwsProvider, { region: 'us-east-1', allowed_account_ids: [org.accounts.find((a) => a.name === 'workload-prod')!.id] });
    expect(resourcesOfType(prod, 'aws_ec2_transit_gateway_vpc_attachment')[0]!.provider).toBeUndefined();
  });

  it('passes terraform validate and plan in the network and workload stacks', () => {
    expectValidAndPlannable(outdir, [NETWORK, PROD, DEV]);
  });
});
