import { runProcess } from '../checkov/process';

/** One error Terraform reported (from its `-json` diagnostics, or the tail of its output). */
export interface TerraformError {
  readonly address?: string;
  readonly summary: string;
  readonly detail?: string;
}

/** One resource attribute the re-plan wants to change. */
export interface ReplanChange {
  readonly address: string;
  readonly actions: readonly string[];
  readonly attributes: readonly string[];
}

interface Diagnostic {
  readonly severity?: string;
  readonly summary?: string;
  readonly detail?: string;
  readonly address?: string;
}

/** Error diagnostics in Terraform's `-json` machine-readable UI output. */
export function errorsInJsonLines(output: string): TerraformError[] {
  const errors: TerraformError[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let message: { type?: string; diagnostic?: Diagnostic };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    const d = message.diagnostic;
    if (message.type === 'diagnostic' && d?.severity === 'error') {
      errors.push({ ...(d.address ? { address: d.address } : {}), summary: d.summary ?? '(no summary)', ...(d.detail ? { detail: d.detail.slice(0, 600) } : {}) });
    }
  }
  return errors;
}

function changedKeys(before: unknown, after: unknown, prefix = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) => changedKeys(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  return [prefix || '(whole)'];
}

interface PlanJson {
  readonly resource_changes?: ReadonlyArray<{
    readonly address: string;
    readonly change: { readonly actions: readonly string[]; readonly before: unknown; readonly after: unknown; readonly after_unknown?: unknown };
  }>;
}

/** Resource changes of a plan (`terraform show -json`): address, actions and the top-level attributes that differ. */
export function replanChanges(planJson: string): ReplanChange[] {
  const plan = JSON.parse(planJson) as PlanJson;
  return (plan.resource_changes ?? [])
    .filter((rc) => !(rc.change.actions.length === 1 && (rc.change.actions[0] === 'no-op' || rc.change.actions[0] === 'read')))
    .map((rc) => {
      const unknown = Object.keys((rc.change.after_unknown as Record<string, unknown> | undefined) ?? {}).filter((k) => (rc.change.after_unknown as Record<string, unknown>)[k] === true);
      const attributes = [...new Set([...changedKeys(rc.change.before, rc.change.after).map((k) => k.split('.')[0]!), ...unknown])].sort();
      return { address: rc.address, actions: rc.change.actions, attributes };
    });
}

/** Runs terraform in `cwd`; returns exit code and output. */
export async function terraform(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const result = await runProcess('terraform', args, env, cwd);
  return { code: result.code, stdout: result.stdout, stderr: result.startError ? result.startError.message : result.stderr };
}
