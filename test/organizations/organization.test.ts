import { AdoptedOrganization } from '../../modules/organizations/organization';
import { onlyResource, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

describe('AdoptedOrganization', () => {
  const { outdir, stack } = synthConstruct((scope) => {
    new AdoptedOrganization(scope, 'organization', {
      organizationId: 'o-a1b2c3d4e5',
      servicePrincipals: ['securityhub.amazonaws.com', 'guardduty.amazonaws.com', 'securityhub.amazonaws.com'],
    });
  });

  it('imports the organisation by its id, never creates or destroys it', () => {
    const json = stack as unknown as { import: Array<{ to: string; id: string }> };
    expect(json.import).toEqual([{ to: expect.stringMatching(/^aws_organizations_organization\./), id: 'o-a1b2c3d4e5' }]);
    expect(onlyResource(stack, 'aws_organizations_organization')).toMatchObject({ lifecycle: { prevent_destroy: true }, feature_set: 'ALL' });
  });

  it('owns trusted access (each principal once, sorted) and SCPs as the only policy type by default', () => {
    expect(onlyResource(stack, 'aws_organizations_organization')).toMatchObject({
      aws_service_access_principals: ['guardduty.amazonaws.com', 'securityhub.amazonaws.com'],
      enabled_policy_types: ['SERVICE_CONTROL_POLICY'],
    });
  });

  it('passes validate and plan (the offline plan leaves the import out)', () => {
    expectValidAndPlannable(outdir);
  });

  it.each([
    ['organizationId', { organizationId: 'org-1', servicePrincipals: [] }],
    ['servicePrincipals[]', { organizationId: 'o-a1b2c3d4e5', servicePrincipals: ['guardduty'] }],
  ])('fails on a bad %s', (prop, props) => {
    expect(() => new AdoptedOrganization(testStack(), 'organization', props)).toThrow(new RegExp(prop.replace(/[[\]]/g, '\\$&')));
  });
});
