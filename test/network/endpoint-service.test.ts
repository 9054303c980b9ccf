import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { EndpointService, InterfaceEndpoint, InterfaceEndpointTarget, organizationEndpointPolicy } from '../../modules/network';
import { onlyResource, resourcesOfType, synthConstruct } from '../support/synth';
import { ORG_ID } from './fixtures';

const NLB = 'arn:aws:elasticloadbalancing:us-east-1:444444444444:loadbalancer/net/shared-api/0123456789abcdef';

describe('EndpointService (PrivateLink provider)', () => {
  it('always requires acceptance and lists its allowed principals', () => {
    const { synthesized } = synthConstruct((scope) => new EndpointService(scope, 'api', { networkLoadBalancerArns: [NLB], allowedPrincipals: ['arn:aws:iam::555555555555:root'] }));
    expect(synthesized).toHaveResourceWithProperties(VpcEndpointService, {
      acceptance_required: true,
      network_load_balancer_arns: [NLB],
      allowed_principals: ['arn:aws:iam::555555555555:root'],
    });
  });

  it.each([
    ['a wildcard principal', { networkLoadBalancerArns: [NLB], allowedPrincipals: ['*'] }, /allowedPrincipals\[0\] must be an IAM principal ARN/],
    ['no principal', { networkLoadBalancerArns: [NLB], allowedPrincipals: [] }, /allowedPrincipals must list at least one principal/],
    ['an application load balancer', { networkLoadBalancerArns: [NLB.replace('/net/', '/app/')], allowedPrincipals: ['arn:aws:iam::555555555555:root'] }, /networkLoadBalancerArns\[0\] must be a Network Load Balancer ARN/],
  ])('fails on %s', (_name, props, message) => {
    expect(() => synthConstruct((scope) => new EndpointService(scope, 'api', props))).toThrow(message);
  });
});

describe('InterfaceEndpoint (consumer side)', () => {
  const base = { vpcId: 'vpc-0123456789abcdef0', vpcCidr: '10.16.0.0/16', subnetIds: ['subnet-0123456789abcdef0'], partition: 'aws' as const, region: 'us-east-1' };

  it('connects to an endpoint service with its own group, without a policy or private DNS', () => {
    const { stack, synthesized } = synthConstruct(
      (scope) => new InterfaceEndpoint(scope, 'partner', { ...base, target: InterfaceEndpointTarget.endpointService('com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0'), ports: [8443] }),
    );
    expect(synthesized).toHaveResourceWithProperties(VpcEndpoint, { vpc_endpoint_type: 'Interface', private_dns_enabled: false, service_name: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0' });
    expect(onlyResource(stack, 'aws_vpc_endpoint').policy).toBeUndefined();
    expect(resourcesOfType(stack, 'aws_vpc_security_group_ingress_rule')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv4: '10.16.0.0/16', from_port: 8443, to_port: 8443 });
  });

  it.each([
    ['an AWS service endpoint without the organisation', { target: InterfaceEndpointTarget.awsService('kms') }, /organizationId is required for AWS service endpoints/],
    ['an unknown AWS service', { target: InterfaceEndpointTarget.awsService('secretmanager'), organizationId: ORG_ID }, /target is not a known interface endpoint service; did you mean "secretsmanager"/],
    ['a malformed endpoint service name', { target: InterfaceEndpointTarget.endpointService('vpce-svc-123') }, /target must be an endpoint service name/],
    ['a policy on an endpoint service', { target: InterfaceEndpointTarget.endpointService('com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0'), organizationId: ORG_ID }, /organizationId must not be set for endpoint services/],
  ])('fails on %s', (_name, props, message) => {
    expect(() => synthConstruct((scope) => new InterfaceEndpoint(scope, 'endpoint', { ...base, ...props }))).toThrow(message);
  });
});

describe('organizationEndpointPolicy', () => {
  it('refuses extra statements that let callers outside the organisation in', () => {
    expect(() =>
      synthConstruct((scope) =>
        organizationEndpointPolicy(scope, ORG_ID, [{ Sid: 'AmazonLinuxRepos', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::al2023-repos-us-east-1-de612dc2/*' }]),
      ),
    ).toThrow(/additionalStatements\[0\] must keep callers inside the organisation/);
  });

  it('accepts extra statements scoped to the organisation', () => {
    let json = '';
    synthConstruct((scope) => {
      json = organizationEndpointPolicy(scope, ORG_ID, [
        { Sid: 'AmazonLinuxRepos', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::al2023-repos-us-east-1-de612dc2/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } } },
      ]);
    });
    expect(JSON.parse(json).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['OrganizationPrincipalsToOrganizationResources', 'AmazonLinuxRepos']);
  });
});
