import * as fs from 'fs';
import { EXAMPLE_CONFIG_PATH, parseConfigText, parseOrganization, type Organization, type OrganizationInput } from '../../config';
import { synthOrganization, type SynthResult } from '../../stacks/synth';
import { tempDir } from './synth';

/** The example organisation as raw input (a fresh deep copy each call, safe to mutate). */
export function exampleInput(): OrganizationInput {
  return parseConfigText(fs.readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'), 'example') as OrganizationInput;
}

/** The validated example organisation, optionally changed first. */
export function exampleOrg(change?: (input: OrganizationInput) => OrganizationInput | void): Organization {
  const input = exampleInput();
  const changed = change ? (change(input) ?? input) : input;
  return parseOrganization(changed, 'test');
}

/** A small organisation (the three required accounts, home Region only) for backend tests. */
export function smallOrg(change?: (input: OrganizationInput) => void): Organization {
  return exampleOrg((input) => {
    const base = {
      ...input,
      allowedRegions: [input.homeRegion],
      accounts: input.accounts
        .filter((a) => ['management', 'log-archive', 'security'].includes(a.role))
        .map((a) => ({ ...a, regions: undefined })),
    } as OrganizationInput;
    change?.(base);
    return base;
  });
}

/** Synthesizes an organisation into a temp folder. */
export function synthOrg(org: Organization): SynthResult {
  return synthOrganization(org, tempDir('org-out-'));
}
