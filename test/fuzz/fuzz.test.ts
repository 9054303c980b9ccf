import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../../config/errors';
import { parseOrganization } from '../../config';
import { classifyError, outputTemplates, weakenings } from '../../scripts/lib/fuzz/oracles';
import { passed, runFuzz, summaryLine } from '../../scripts/lib/fuzz/run';
import { exampleInput } from '../support/orgs';
import { tempDir } from '../support/synth';

/** The fuzzer (scripts/fuzz.ts): its oracles catch what they are meant to, and a short run passes. */

describe('fuzz oracles', () => {
  test('an error in zod wording, a path-less ValidationError or a plain Error is not a clean rejection', () => {
    const zodWording = new ConfigError('x', [{ path: 'a.b', value: '1', message: 'Too big: expected number to be <=3' }]);
    expect(classifyError(zodWording).outcome).toBe('unclear');
    const leak = new ConfigError('x', [{ path: 'accounts[0].dataProtection.secrets[0]', value: '"hunter2-Fuzz-Secret-7Q"', message: 'must be a mapping' }]);
    expect(classifyError(leak).outcome).toBe('unclear');
    expect(classifyError(new RangeError('Invalid array length')).outcome).toBe('crashed');
    const clean = new ConfigError('x', [{ path: 'a.b', value: '5', message: 'must be 2 or 3' }]);
    expect(classifyError(clean).outcome).toBe('rejected');
  });

  test('a weakened model is reported', () => {
    const org = parseOrganization(exampleInput(), 'test');
    expect(weakenings(org)).toEqual([]);
    const weak = { ...org, identity: { ...org.identity, breakGlass: { ...org.identity.breakGlass, tagKey: 'Managed-By' } } };
    expect(weakenings(weak)).toEqual([expect.stringMatching(/break-glass tag key "Managed-By"/)]);
  });

  test('a live template in an output file is reported, an escaped one is not', () => {
    const dir = tempDir('fuzz-oracle-');
    fs.writeFileSync(path.join(dir, 'ok.json'), JSON.stringify({ a: 'arn:aws:s3:::b/$${aws:username}/*' }));
    expect(outputTemplates(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'live.json'), JSON.stringify({ tags: { owner: '${timestamp()}' } }));
    expect(outputTemplates(dir)).toEqual([expect.stringMatching(/live\.json: \$\{timestamp\(\)\}/)]);
  });
});

describe('a short fuzz run', () => {
  test('passes: no unclear error, crash, weakened guardrail or live template', () => {
    const summary = runFuzz({ cases: 400, seed: 7, buildEvery: 25, synthEvery: 200, log: () => undefined });
    expect(summary.failures).toEqual([]);
    expect(passed(summary)).toBe(true);
    expect(summary.rejected).toBeGreaterThan(0);
    expect(summary.accepted).toBeGreaterThan(0);
    expect(summary.synthesized).toBeGreaterThan(0);
    expect(summaryLine(summary)).toMatch(/^fuzz: 400 cases, rejected \d+, accepted \d+, unclear 0, crashed 0$/);
  });
});
