import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TransitGatewayAttachment, TransitGatewayHub, type TransitGatewayHubProps } from '../../modules/network';
import { resourcesOfType, stackJson, stackText, synthConstruct, testApp, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { testVpc } from './fixtures';

const SEGMENTS = { prod: { reaches: ['shared'] }, 'non-prod': { reaches: ['shared'] }, shared: { reaches: [] } };
const ORG_ARN = 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5';

function hubProps(overrides: Partial<TransitGatewayHubProps> = {}): TransitGatewayHubProps {
  return { name: 'test', segments: SEGMENTS, segmentCidrs: { prod: ['10.16.0.0/16'], 'non-prod': ['10.32.0.0/16'], shared: ['10.0.0.0/20'] }, sharePrincipals: [ORG_ARN], ...overrides };
}

describe('TransitGatewayHub', () => {
  const { stack, synthesized } = synthConstruct((scope) => new TransitGatewayHub(scope, 'hub', hubProps()));

  it('never auto-accepts and has no default association or propagation', () => {
    expect(resourcesOfType(stack, 'aws_ec2_transit_gateway')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(Ec2TransitGateway, { auto_accept_shared_attachments: 'disable', default_route_table_association: 'disable', default_route_table_propagation: 'disable', amazon_side_asn: 64512 });
  });

  it('has one route table per segment and blackholes only between segments that must not reach each other', () => {
    const tables = stack.resource?.aws_ec2_transit_gateway_route_table ?? {};
    const segmentOf = (ref: string) => (tables[/aws_ec2_transit_gateway_route_table\.([^.]+)\.id/.exec(ref)![1]!]!.tags as Record<string, string>).segment;
    expect(Object.values(tables).map((t) => (t.tags as Record<string, string>).segment).sort()).toEqual(['non-prod', 'prod', 'shared']);
    for (const [cidr] of [['10.16.0.0/16'], ['10.32.0.0/16']]) expect(synthesized).toHaveResourceWithProperties(Ec2TransitGatewayRoute, { destination_cidr_block: cidr, blackhole: true });
    expect(resourcesOfType(stack, 'aws_ec2_transit_gateway_route').map((r) => [segmentOf(r.transit_gateway_route_table_id as string), r.destination_cidr_block, r.blackhole]).sort()).toEqual([
      ['non-prod', '10.16.0.0/16', true],
      ['prod', '10.32.0.0/16', true],
    ]);
  });

  it('shares the Transit Gateway with the organisation only', () => {
    expect(resourcesOfType(stack, 'aws_ram_resource_share')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(RamResourceShare, { allow_external_principals: false });
    expect(resourcesOfType(stack, 'aws_ram_principal_association')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(RamPrincipalAssociation, { principal: ORG_ARN });
  });

  describe('fails on', () => {
    it.each([
      ['a segment reaching an unknown segment', { segments: { prod: { reaches: ['shard'] }, shared: { reaches: [] } } }, /segments\.prod\.reaches names no segment; use one of prod, shared/],
      ['a segment reaching itself', { segments: { prod: { reaches: ['prod'] } } }, /segments\.prod\.reaches must not name the segment itself/],
      ['blocks for an unknown segment', { segmentCidrs: { staging: ['10.64.0.0/16'] } }, /segmentCidrs\.staging names no segment/],
      ['overlapping blocks', { segmentCidrs: { prod: ['10.16.0.0/16'], 'non-prod': ['10.16.64.0/20'] } }, /segmentCidrs has overlapping blocks \(prod and non-prod\)/],
      ['a public ASN', { amazonSideAsn: 16509 }, /amazonSideAsn must be a private ASN/],
      ['a share outside the organisation', { sharePrincipals: ['arn:aws:iam::999999999999:root'] }, /sharePrincipals\[0\] must be an organisation ARN/],
    ])('%s', (_name, overrides, message) => {
      expect(() => synthConstruct((scope) => new TransitGatewayHub(scope, 'hub', hubProps(overrides as Partial<TransitGatewayHubProps>)))).toThrow(message);
    });
  });
});

describe('TransitGatewayAttachment', () => {
  it('fails on a segment the hub does not have', () => {
    expect(() =>
      synthConstruct((scope) => {
        const hub = new TransitGatewayHub(scope, 'hub', hubProps());
        new TransitGatewayAttachment(scope, 'attachment', { vpc: testVpc(scope), hub, segment: 'production' });
      }),
    ).toThrow(/attachment: segment names no segment of the hub; use one of non-prod, prod, shared \(got "production"\)/);
  });

  it('fails on a route to its own VPC block', () => {
    expect(() =>
      synthConstruct((scope) => {
        const hub = new TransitGatewayHub(scope, 'hub', hubProps());
        new TransitGatewayAttachment(scope, 'attachment', { vpc: testVpc(scope), hub, segment: 'prod', routeDestinations: ['10.10.0.0/20'] });
      }),
    ).toThrow(/routeDestinations\[0\] overlaps the VPC's own block/);
  });

  describe('across accounts: hub stack and spoke stack', () => {
    const app = testApp();
    const hubStack = testStack('hub', app);
    const hub = new TransitGatewayHub(hubStack, 'hub', hubProps());
    const spoke = new TerraformStack(app, 'spoke');
    new AwsProvider(spoke, 'aws', { region: 'us-east-1' });
    const owner = new AwsProvider(spoke, 'owner', { region: 'us-east-1', alias: 'owner' });
    const vpc = testVpc(spoke, { cidr: '10.32.0.0/16', tiers: { isolated: {} }, availabilityZoneCount: 2 });
    new TransitGatewayAttachment(spoke, 'attachment', { vpc, hub, segment: 'non-prod', routeDestinations: ['10.0.0.0/20'], ownerProvider: owner });
    app.synth();
    const json = stackJson(app.outdir, 'spoke');

    it('requests the attachment in the spoke account and accepts, associates, propagates it as the owner', () => {
      expect(resourcesOfType(json, 'aws_ec2_transit_gateway_vpc_attachment')).toEqual([
        expect.not.objectContaining({ transit_gateway_default_route_table_association: expect.anything() }),
      ]);
      expect(resourcesOfType(json, 'aws_ec2_transit_gateway_vpc_attachment_accepter')).toHaveLength(1);
      expect(stackText(app.outdir, 'spoke')).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachmentAccepter, { provider: 'aws.owner', transit_gateway_default_route_table_association: false, transit_gateway_default_route_table_propagation: false });
      const propagations = resourcesOfType(json, 'aws_ec2_transit_gateway_route_table_propagation');
      expect(propagations).toHaveLength(2); // non-prod and shared, never prod
      expect(propagations.every((p) => p.provider === 'aws.owner')).toBe(true);
      expect(Object.keys(json.resource?.aws_ec2_transit_gateway_route_table_propagation ?? {}).map((k) => k.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual([
        'attachment_propagation-non-prod',
        'attachment_propagation-shared',
      ]);
    });

    it('routes only the reachable blocks to the hub, after acceptance', () => {
      const routes = resourcesOfType(json, 'aws_route');
      expect(routes).toEqual([expect.objectContaining({ destination_cidr_block: '10.0.0.0/20', depends_on: [expect.stringMatching(/^aws_ec2_transit_gateway_vpc_attachment_accepter\./)] })]);
    });

    it('takes the hub ids through remote state', () => {
      expect(Object.keys(json.data?.terraform_remote_state ?? {})).toEqual(['cross-stack-reference-input-hub']);
    });
  });

  it('passes terraform validate and plan with hub and attachment in one account', () => {
    const app = testApp();
    const stack = testStack('network-hub', app);
    const hub = new TransitGatewayHub(stack, 'hub', hubProps());
    const vpc = testVpc(stack, { cidr: '10.0.0.0/20', tiers: { isolated: {} }, availabilityZoneCount: 2 });
    new TransitGatewayAttachment(stack, 'attachment', { vpc, hub, segment: 'shared', routeDestinations: ['10.16.0.0/16', '10.32.0.0/16'] });
    app.synth();
    const json = stackJson(app.outdir, 'network-hub');
    expect(resourcesOfType(json, 'aws_ec2_transit_gateway_vpc_attachment')).toHaveLength(1);
    expect(stackText(app.outdir, 'network-hub')).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachment, { transit_gateway_default_route_table_association: false, transit_gateway_default_route_table_propagation: false });
    expect(resourcesOfType(json, 'aws_ec2_transit_gateway_route_table_propagation')).toHaveLength(3);
    expectValidAndPlannable(app.outdir);
  });
});
