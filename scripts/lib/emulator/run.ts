import * as fs from 'fs';
import * as path from 'path';
import type { Organization } from '../../../config';
import { synthOrganization } from '../../../stacks/synth';
import { emulatorDir, readManifest } from '../terraform/output-copies';
import { type Exclusion, acceptsChange, isWholesale } from './exclusions';
import { runAppliesThenReplans } from './order';
import { pruneStack, type PruneResult } from './prune';
import type { EmulatorReport, StackReport, StaleExclusion } from './report';
import { firstPlanReport, importTargets, type FirstPlanReport } from './first-plan';
import { buildSeed } from './seed';
import { motoPython, startEmulatorSession } from './session';
import { type EmulatorPaths, MOTO_VERSION } from './settings';
import { errorsInJsonLines, replanChanges, terraform, type TerraformError } from './terraform';

export interface RunOptions {
  readonly paths: EmulatorPaths;
  readonly org: Organization;
  /** Label of the config in the report (file path or "example"). */
  readonly configLabel: string;
  /** Stacks to apply (default all); their dependencies are applied first. */
  readonly only?: readonly string[];
  readonly exclusions: readonly Exclusion[];
  readonly parallel: number;
  /** Sub-folder of the work dir for this run (one per config). */
  readonly runName: string;
  readonly log: (message: string) => void;
  /** Called with the harness's servers once they run (signal handlers stop them). */
  readonly onServers?: (stop: () => Promise<void>) => void;
  /** Extra step after the re-plans, before the servers stop (the destroy-safety test uses it). */
  readonly afterReplan?: (context: { dir: string; env: NodeJS.ProcessEnv }) => Promise<void>;
  /** Flag exclusions whose type no stack of the run has (only meaningful for a full run of the example). */
  readonly checkUnusedExclusions?: boolean;
}

const seconds = (start: number): number => (Date.now() - start) / 1000;

/** Stacks to run: `only` and everything they depend on (transitively). */
function withDependencies(all: Record<string, { dependencies?: readonly string[] }>, only: readonly string[] | undefined): string[] {
  if (!only || only.length === 0) return Object.keys(all);
  const unknown = only.filter((n) => !all[n]);
  if (unknown.length) throw new Error(`unknown stack(s) ${unknown.join(', ')}; stacks: ${Object.keys(all).join(', ')}`);
  const out = new Set<string>();
  const visit = (name: string): void => {
    if (out.has(name)) return;
    out.add(name);
    for (const dep of all[name]?.dependencies ?? []) visit(dep);
  };
  only.forEach(visit);
  return [...out];
}

function countByType(list: PruneResult['dropped'], root: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of list) if (d.root === root && !d.address.startsWith('data.')) out[d.type] = (out[d.type] ?? 0) + 1;
  return out;
}

/** Runs the whole harness for one organisation: synth, seed, start moto + proxy, apply in order, re-plan, report. */
export async function runEmulator(options: RunOptions): Promise<EmulatorReport> {
  const started = Date.now();
  const work = path.join(options.paths.workDir, options.runName);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'state'), { recursive: true });

  // The venv check (and a first-time install, in one child process) goes on while the stacks are synthesized.
  const python = motoPython(options.paths, options.log);
  python.catch(() => undefined); // awaited (and its error thrown) by startEmulatorSession
  const synth = synthOrganization(options.org, path.join(work, 'cdktf.out'));
  options.log(`synthesized in ${seconds(started).toFixed(1)} s`);
  const manifest = readManifest(synth.outdir);
  const manifestStacks = manifest.stacks as unknown as Record<string, { dependencies: string[]; synthesizedStackPath: string }>;
  const names = withDependencies(manifestStacks, options.only);
  const texts = names.map((n) => fs.readFileSync(path.join(synth.outdir, manifestStacks[n]!.synthesizedStackPath), 'utf8'));
  const session = await startEmulatorSession(options.paths, buildSeed(options.org, texts), work, options.log, python);
  const { moto, proxy, env } = session;
  options.onServers?.(session.stop);
  try {
    options.log(`moto ${MOTO_VERSION} ready at ${seconds(started).toFixed(1)} s on ${moto.endpoint} (pid ${moto.pid}), proxy on ${proxy.url}`);

    // Prune in dependency order so a consumer drops what reads a producer's dropped outputs.
    const pruned = new Map<string, PruneResult>();
    const ordered: string[] = [];
    const visit = (name: string): void => {
      if (ordered.includes(name)) return;
      for (const dep of manifestStacks[name]!.dependencies) if (names.includes(dep)) visit(dep);
      ordered.push(name);
    };
    names.forEach(visit);
    const drops = options.exclusions.filter((e) => e.attribute === undefined);
    const production = new Map<string, Record<string, unknown>>();
    for (const name of ordered) production.set(name, JSON.parse(fs.readFileSync(path.join(synth.outdir, manifestStacks[name]!.synthesizedStackPath), 'utf8')) as Record<string, unknown>);
    const dir = emulatorDir(synth.outdir, { endpoint: moto.endpoint, stateDir: path.join(work, 'state'), only: names });
    // Prune in dependency order, so a consumer also drops what reads a producer's dropped outputs.
    for (const name of ordered) {
      const file = path.join(dir, manifestStacks[name]!.synthesizedStackPath);
      const result = pruneStack(name, JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>, drops, (producer) => pruned.get(producer)?.droppedOutputs ?? []);
      pruned.set(name, result);
      if (result.dropped.length) fs.writeFileSync(file, JSON.stringify(result.stack, null, 2));
    }

    const reports = new Map<string, StackReport>();
    const resourceCount = (stack: Record<string, unknown>): number => Object.values((stack.resource as Record<string, object> | undefined) ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
    interface Applied {
      readonly base: Omit<StackReport, 'applied' | 'applyErrors' | 'replanChanges' | 'acceptedChanges' | 'replanExitCode' | 'applySeconds' | 'replanSeconds' | 'status'>;
      readonly cwd: string;
      readonly applied: number;
      readonly applyErrors: TerraformError[];
      readonly applySeconds: number;
      readonly firstPlan: FirstPlanReport | undefined;
    }
    const appliedStacks = new Map<string, Applied>();
    const finish = (name: string, a: Applied, replan: { changes: ReturnType<typeof replanChanges>; errors: TerraformError[]; exitCode: number | null; seconds: number }): void => {
      const applyErrors = [...a.applyErrors, ...replan.errors];
      const accepted = replan.changes.filter((c) => c.attributes.length > 0 && c.attributes.every((attr) => options.exclusions.some((e) => acceptsChange(e, name, c.address, attr))));
      const open = replan.changes.filter((c) => !accepted.includes(c));
      const ok = applyErrors.length === 0 && open.length === 0 && (a.firstPlan?.problems.length ?? 0) === 0;
      reports.set(name, { ...a.base, applied: a.applied, applyErrors, replanChanges: open, acceptedChanges: accepted, replanExitCode: replan.exitCode, applySeconds: a.applySeconds, replanSeconds: replan.seconds, status: ok ? 'ok' : 'failed', ...(a.firstPlan ? { firstPlan: a.firstPlan } : {}) });
      options.log(`${ok ? 'ok    ' : 'FAILED'} ${name}: ${a.applied} applied, ${a.base.excluded.total} excluded, ${applyErrors.length} errors, ${open.length} re-plan changes (apply ${a.applySeconds.toFixed(1)} s, re-plan ${replan.seconds.toFixed(1)} s)`);
    };
    const apply = async (name: string): Promise<boolean> => {
      const cwd = path.join(dir, manifestStacks[name]!.synthesizedStackPath, '..');
      const dropped = pruned.get(name)?.dropped ?? [];
      const base = {
        stack: name,
        resources: resourceCount(production.get(name)!),
        excluded: { total: dropped.filter((d) => !d.address.startsWith('data.')).length, root: countByType(dropped, true), dependents: countByType(dropped, false), addresses: dropped.map((d) => d.address) },
      };
      const applyStart = Date.now();
      const init = await terraform(cwd, ['init', '-input=false', '-no-color'], env);
      let applyErrors: TerraformError[] = init.code === 0 ? [] : [{ summary: 'terraform init failed', detail: (init.stderr || init.stdout).slice(-1500) }];
      // Adoption: the plan before apply must import every target of the stack's import blocks.
      const targets = importTargets(production.get(name)!);
      let firstPlan: FirstPlanReport | undefined;
      if (init.code === 0 && targets.length > 0) {
        const planStart = Date.now();
        const plan = await terraform(cwd, ['plan', '-input=false', '-no-color', '-lock=false', '-out=first.tfplan'], env);
        fs.writeFileSync(path.join(cwd, 'first-plan.log'), `${plan.stdout}\n${plan.stderr}`);
        if (plan.code !== 0) applyErrors = [{ summary: 'first plan failed', detail: (plan.stderr || plan.stdout).slice(-1500) }];
        else firstPlan = firstPlanReport((await terraform(cwd, ['show', '-json', 'first.tfplan'], env)).stdout, targets, seconds(planStart));
      }
      if (init.code === 0 && applyErrors.length === 0) {
        const result = await terraform(cwd, ['apply', '-auto-approve', '-input=false', '-no-color', '-json'], env);
        fs.writeFileSync(path.join(cwd, 'apply.log'), `${result.stdout}\n${result.stderr}`);
        applyErrors = errorsInJsonLines(result.stdout);
        if (result.code !== 0 && applyErrors.length === 0) applyErrors = [{ summary: `terraform apply exited ${result.code}`, detail: (result.stderr || result.stdout).slice(-1500) }];
      }
      const applySeconds = seconds(applyStart);
      const list = init.code === 0 ? await terraform(cwd, ['state', 'list'], env) : { stdout: '' };
      const applied = list.stdout.split('\n').filter((l) => l && !l.startsWith('data.') && !l.includes('.data.')).length;
      const a: Applied = { base, cwd, applied, applyErrors, applySeconds, firstPlan };
      if (applyErrors.length > 0) {
        finish(name, a, { changes: [], errors: [], exitCode: null, seconds: 0 });
        return false;
      }
      appliedStacks.set(name, a);
      options.log(`applied ${name}: ${applied} resources (${applySeconds.toFixed(1)} s); its re-plan follows once its dependents applied`);
      return true;
    };
    // Re-plan with refresh: every resource is read back from the emulator; -detailed-exitcode 2 means changes.
    const replan = async (name: string): Promise<void> => {
      const a = appliedStacks.get(name)!;
      const replanStart = Date.now();
      const plan = await terraform(a.cwd, ['plan', '-detailed-exitcode', '-input=false', '-no-color', '-lock=false', '-out=replan.tfplan'], env);
      fs.writeFileSync(path.join(a.cwd, 'replan.log'), `${plan.stdout}\n${plan.stderr}`);
      const changes = plan.code === 2 ? replanChanges((await terraform(a.cwd, ['show', '-json', 'replan.tfplan'], env)).stdout) : [];
      const errors: TerraformError[] = plan.code === 0 || plan.code === 2 ? [] : [{ summary: 're-plan failed', detail: (plan.stderr || plan.stdout).slice(-1500) }];
      finish(name, a, { changes, errors, exitCode: plan.code, seconds: seconds(replanStart) });
    };
    const nodes = names.map((name) => ({ name, dependencies: manifestStacks[name]!.dependencies }));
    await runAppliesThenReplans(nodes, options.parallel, {
      apply,
      replan,
      skipped: (name, failed) => {
        reports.set(name, { stack: name, resources: resourceCount(production.get(name)!), applied: 0, excluded: { total: 0, root: {}, dependents: {}, addresses: [] }, applyErrors: [], replanChanges: [], acceptedChanges: [], replanExitCode: null, applySeconds: 0, replanSeconds: 0, status: 'skipped', note: `not applied: dependency ${failed} failed` });
        options.log(`skip   ${name}: dependency ${failed} failed`);
      },
    });
    if (options.afterReplan) await options.afterReplan({ dir, env });

    const stacks = names.map((n) => reports.get(n)!).sort((a, b) => a.stack.localeCompare(b.stack));
    const stale = staleExclusions(options.exclusions, [...production.values()], stacks, options.checkUnusedExclusions ?? false);
    return {
      motoVersion: MOTO_VERSION,
      config: options.configLabel,
      startedAt: new Date(started).toISOString(),
      wallSeconds: seconds(started),
      parallel: options.parallel,
      stacks,
      exclusions: { wholesaleTypes: options.exclusions.filter(isWholesale), partial: options.exclusions.filter((e) => !isWholesale(e)), stale },
      proxy: { forwarded: proxy.forwarded(), refusals: [...proxy.refusals] },
      totals: {
        stacks: stacks.length,
        ok: stacks.filter((s) => s.status === 'ok').length,
        applied: stacks.reduce((n, s) => n + s.applied, 0),
        excluded: stacks.reduce((n, s) => n + s.excluded.total, 0),
        applyErrors: stacks.reduce((n, s) => n + s.applyErrors.length, 0),
        replanChanges: stacks.reduce((n, s) => n + s.replanChanges.length, 0),
      },
    };
  } finally {
    await session.stop();
  }
}

/**
 * Exclusions that no longer hold: a type no stack of this run uses, or an attribute exclusion whose change did not
 * show in any re-plan (the emulator now stores it).
 */
function staleExclusions(exclusions: readonly Exclusion[], stacks: ReadonlyArray<Record<string, unknown>>, reports: readonly StackReport[], checkUnused: boolean): StaleExclusion[] {
  const types = new Set(stacks.flatMap((s) => Object.keys((s.resource as Record<string, unknown> | undefined) ?? {})));
  const out: StaleExclusion[] = [];
  for (const e of exclusions) {
    if (!types.has(e.type)) {
      if (!checkUnused) continue;
      out.push({ exclusion: e, why: `no stack of this run has a ${e.type}` });
      continue;
    }
    if (e.attribute !== undefined) {
      const seen = reports.some((r) => r.acceptedChanges.some((c) => c.address.startsWith(`${e.type}.`) && c.attributes.includes(e.attribute!)));
      const applied = reports.some((r) => r.status !== 'skipped' && r.replanExitCode !== null);
      if (applied && !seen) out.push({ exclusion: e, why: `no re-plan showed a change of ${e.attribute}: the emulator now round-trips it` });
    }
  }
  return out;
}
