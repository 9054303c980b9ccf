/**
 * The first plan of an adoption stack (one with `import` blocks), read before apply: every resource an import block
 * names must be planned as an import (`change.importing`), never as a create or a replacement. This is the
 * emulator's proof of accounts[].adopt: the pre-created resources (scripts/emulator/seed.py) are adopted, not rebuilt.
 */

/** What the first plan does with the stack's import targets. */
export interface FirstPlanReport {
  /** Import targets (addresses of the stack's `import` blocks). */
  readonly targets: readonly string[];
  /** Targets planned as imports (with or without an in-place update). */
  readonly imported: readonly string[];
  /** Resource types imported, with counts. */
  readonly importedTypes: Record<string, number>;
  /** Targets planned as a create, a replacement or a delete instead of an import (must be empty). */
  readonly problems: readonly string[];
  /** Resources the first plan creates that no import names (the baseline's own additions). */
  readonly creates: number;
  readonly seconds: number;
}

interface PlanJson {
  readonly resource_changes?: ReadonlyArray<{
    readonly address: string;
    readonly type: string;
    readonly change: { readonly actions: readonly string[]; readonly importing?: { readonly id?: string } };
  }>;
}

/** The import targets of a synthesized stack (`import` blocks' `to`). */
export function importTargets(stack: Record<string, unknown>): string[] {
  const blocks = (stack.import as ReadonlyArray<{ to?: unknown }> | undefined) ?? [];
  return blocks.map((b) => b.to).filter((to): to is string => typeof to === 'string');
}

/** Holds the first plan (`terraform show -json`) to the import targets. */
export function firstPlanReport(planJson: string, targets: readonly string[], seconds: number): FirstPlanReport {
  const plan = JSON.parse(planJson) as PlanJson;
  const changes = new Map((plan.resource_changes ?? []).map((rc) => [rc.address, rc]));
  const imported: string[] = [];
  const importedTypes: Record<string, number> = {};
  const problems: string[] = [];
  for (const target of targets) {
    const rc = changes.get(target);
    const actions = rc?.change.actions ?? [];
    if (!rc) problems.push(`${target}: not in the plan`);
    else if (!rc.change.importing) problems.push(`${target}: planned as ${actions.join('/')}, not imported`);
    else if (actions.includes('create') || actions.includes('delete')) problems.push(`${target}: imported, then ${actions.join('/')} (a replacement)`);
    else {
      imported.push(target);
      importedTypes[rc.type] = (importedTypes[rc.type] ?? 0) + 1;
    }
  }
  const creates = [...changes.values()].filter((rc) => rc.change.actions.includes('create') && !targets.includes(rc.address)).length;
  return { targets, imported, importedTypes, problems, creates, seconds };
}
