import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { App } from 'cdktf';
import { stringify as toYaml } from 'yaml';
import { parseConfigText } from '../../../config/load';
import { parseOrganization, type Organization } from '../../../config/organization';
import { buildOrganization } from '../../../stacks/organization-app';
import { synthOrganization, withPlainStackTraces } from '../../../stacks/synth';
import { applyMutations, caseArb, type FuzzCase } from './mutations';
import { classifyError, modelTemplates, outputTemplates, weakenings } from './oracles';
import { clone, loadSeeds, type Seed } from './seeds';
import type { Json } from './tree';

export interface FuzzOptions {
  /** Number of cases. */
  readonly cases: number;
  /** fast-check seed: the same seed gives the same cases. */
  readonly seed: number;
  /** Build the stacks (no synth) of every n-th accepted case. */
  readonly buildEvery: number;
  /** Fully synthesize the first accepted case at or after every n-th case, and scan its output. */
  readonly synthEvery: number;
  /** Progress lines go here (stderr by default). */
  readonly log?: (line: string) => void;
}

export interface FuzzFailure {
  readonly index: number;
  readonly kind: 'unclear' | 'crashed' | 'weakened' | 'live template';
  readonly why: string;
  readonly fuzzCase: FuzzCase;
  readonly seedName: string;
}

export interface FuzzSummary {
  readonly cases: number;
  readonly rejected: number;
  readonly accepted: number;
  readonly unclear: number;
  readonly crashed: number;
  readonly weakened: number;
  readonly liveTemplates: number;
  readonly built: number;
  readonly synthesized: number;
  readonly seconds: number;
  readonly failures: readonly FuzzFailure[];
}

/** The last line of a run, as CI reads it. */
export function summaryLine(s: FuzzSummary): string {
  return `fuzz: ${s.cases} cases, rejected ${s.rejected}, accepted ${s.accepted}, unclear ${s.unclear}, crashed ${s.crashed}`;
}

/** True when the run found nothing wrong. */
export function passed(s: FuzzSummary): boolean {
  return s.unclear === 0 && s.crashed === 0 && s.weakened === 0 && s.liveTemplates === 0;
}

/** Runs the cases in-process: parse every case, check accepted ones on the model, build and synthesize samples. */
export function runFuzz(options: FuzzOptions): FuzzSummary {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seeds: Seed[] = loadSeeds();
  const cases = fc.sample(caseArb(seeds.length), { numRuns: options.cases, seed: options.seed });
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-fuzz-'));
  const counts = { rejected: 0, accepted: 0, unclear: 0, crashed: 0, weakened: 0, liveTemplates: 0, built: 0, synthesized: 0 };
  const failures: FuzzFailure[] = [];
  const started = Date.now();
  let synthDue = false;

  const fail = (index: number, kind: FuzzFailure['kind'], why: string, fuzzCase: FuzzCase) => {
    if (failures.length < 50) failures.push({ index, kind, why, fuzzCase, seedName: seeds[fuzzCase.seed]!.name });
  };
  const rejectOrFail = (index: number, fuzzCase: FuzzCase, error: unknown) => {
    const verdict = classifyError(error);
    if (verdict.outcome === 'rejected') counts.rejected++;
    else {
      counts[verdict.outcome]++;
      fail(index, verdict.outcome, verdict.why, fuzzCase);
    }
  };

  try {
    cases.forEach((fuzzCase, index) => {
      if (index > 0 && index % 1000 === 0) {
        const seconds = (Date.now() - started) / 1000;
        log(`fuzz: ${index}/${options.cases} cases in ${seconds.toFixed(1)} s (${(index / seconds).toFixed(0)} cases/s)`);
      }
      if (index % options.synthEvery === 0) synthDue = true;
      const raw = applyMutations(clone(seeds[fuzzCase.seed]!.raw) as Json, fuzzCase.mutations);
      let org: Organization;
      try {
        // Every 10th case goes through the YAML text reader too, as a file would.
        const input = index % 10 === 5 ? parseConfigText(toYaml(raw), `fuzz case ${index}`) : raw;
        org = parseOrganization(input, `fuzz case ${index}`);
      } catch (error) {
        rejectOrFail(index, fuzzCase, error);
        return;
      }
      const weak = weakenings(org);
      const live = modelTemplates(org);
      const buildNow = (counts.accepted + 1) % options.buildEvery === 0 || synthDue;
      if (buildNow) {
        const outdir = path.join(workdir, `case-${index}`);
        try {
          if (synthDue) {
            synthOrganization(org, outdir);
            counts.synthesized++;
            live.push(...outputTemplates(outdir));
            synthDue = false;
          } else {
            withPlainStackTraces(() => buildOrganization(new App({ outdir, stackTraces: false }), org));
          }
          counts.built++;
        } catch (error) {
          rejectOrFail(index, fuzzCase, error);
          return;
        } finally {
          fs.rmSync(outdir, { recursive: true, force: true });
        }
      }
      counts.accepted++;
      if (weak.length > 0) {
        counts.weakened++;
        fail(index, 'weakened', weak.join('; '), fuzzCase);
      }
      if (live.length > 0) {
        counts.liveTemplates++;
        fail(index, 'live template', live.slice(0, 3).join('; '), fuzzCase);
      }
    });
  } finally {
    fs.rmSync(workdir, { recursive: true, force: true });
  }
  return { cases: cases.length, ...counts, seconds: (Date.now() - started) / 1000, failures };
}
