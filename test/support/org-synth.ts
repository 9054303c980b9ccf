import type { Organization } from '../../config';
import { synthOrganization, type SynthResult } from '../../stacks/synth';
import { cachedSynth } from './synth-cache';
import { tempDir } from './synth';

/**
 * Synthesizes an organisation into a temp folder (a copy of this jest run's earlier synth of it, if there is one).
 * Apart from test/support/orgs.ts, so that a test of the config alone does not load the stacks, the modules and
 * cdktf (about 1 CPU-s per test file).
 */
export function synthOrg(org: Organization): SynthResult {
  return cachedSynth(org, tempDir('org-out-'), (outdir) => synthOrganization(org, outdir));
}
