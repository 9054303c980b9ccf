import * as fs from 'fs';
import { parseOrganization } from '../../config';
import { synthOrganization } from '../../stacks/synth';
import { GENERATED_REGIONS, SINGLETON_ROLES, generateOrganization } from '../../scripts/lib/generate-org';
import { countResources } from '../../scripts/lib/bench-resources';
import { tempDir } from '../support/synth';

describe('generateOrganization', () => {
  it('produces a config that parses, with the requested accounts and Regions', () => {
    const org = parseOrganization(generateOrganization(12, 3), 'generated');
    expect(org.accounts).toHaveLength(12);
    expect(org.organizationId).toBe('o-a1b2c3d4e5');
    expect(org.homeRegion).toBe('us-east-1');
    expect(org.allowedRegions).toEqual(GENERATED_REGIONS.slice(0, 3));
    for (const account of org.accounts) {
      expect(account.id).toMatch(/^\d{12}$/);
      expect(account.regions).toEqual(GENERATED_REGIONS.slice(0, 3));
    }
    expect(org.accounts[0]!.id).toBe('100000000000');
    expect(org.accounts[7]).toMatchObject({ id: '100000000007', name: 'workload-0007', role: 'workload' });
  });

  it('gives each singleton role to exactly one account and the rest to workloads', () => {
    const org = parseOrganization(generateOrganization(9, 1), 'generated');
    for (const role of SINGLETON_ROLES) expect(org.accounts.filter((a) => a.role === role)).toHaveLength(1);
    expect(org.accounts.filter((a) => a.role === 'workload')).toHaveLength(9 - SINGLETON_ROLES.length);
  });

  it('refuses sizes it cannot generate', () => {
    expect(() => generateOrganization(3, 1)).toThrow(RangeError);
    expect(() => generateOrganization(5, 0)).toThrow(RangeError);
    expect(() => generateOrganization(5, GENERATED_REGIONS.length + 1)).toThrow(RangeError);
  });

  it('synthesizes one stack per account and Region', () => {
    const outdir = tempDir('generate-org-');
    const result = synthOrganization(parseOrganization(generateOrganization(6, 2), 'generated'), outdir);
    expect(result.stackNames).toHaveLength(12);
    expect(result.stackNames).toContain('management-us-east-1');
    expect(result.stackNames).toContain('workload-0005-eu-west-1');
    for (const name of result.stackNames) expect(fs.existsSync(`${outdir}/stacks/${name}/cdk.tf.json`)).toBe(true);
    expect(countResources(outdir)).toBeGreaterThan(0);
  });
});
