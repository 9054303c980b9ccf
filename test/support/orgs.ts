import * as fs from 'fs';
import { EXAMPLE_CONFIG_PATH, parseConfigText, parseOrganization, type Organization, type OrganizationInput } from '../../config';

let exampleParsed: unknown;

/**
 * The example organisation as raw input (a fresh deep copy each call, safe to mutate). The YAML is parsed once per
 * test file (it was 12 of the unit project's CPU-seconds, parsed again on every call); YAML parses to plain data, so
 * the copy is the same value a fresh parse gives.
 */
export function exampleInput(): OrganizationInput {
  exampleParsed ??= parseConfigText(fs.readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'), 'example');
  return structuredClone(exampleParsed) as OrganizationInput;
}

/** Settings owned by the modules (identity, data protection, network, WAF, detection, organisation policies), at both levels. */
const CONCERN_KEYS = ['identity', 'dataProtection', 'network', 'waf', 'detection', 'organizationPolicies'] as const;

/**
 * The example as raw input without the modules' settings, for tests of the core schema (accounts, Regions, state):
 * the example's VPCs and web ACLs would add their own Region problems when a test changes Regions.
 */
export function coreExampleInput(): OrganizationInput {
  const raw = JSON.parse(JSON.stringify(exampleInput())) as Record<string, unknown>;
  for (const key of CONCERN_KEYS) delete raw[key];
  for (const account of raw.accounts as Array<Record<string, unknown>>) for (const key of CONCERN_KEYS) delete account[key];
  return raw as OrganizationInput;
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
