import * as fs from 'fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Minimum length of an entry's written reason (after trimming). */
export const MIN_REASON_LENGTH = 20;

/** A string field whose absence says "is required" rather than zod's generic type message. */
function requiredString(hint: string): z.ZodString {
  return z.string({ error: (issue) => (issue.input === undefined ? `is required: ${hint}` : `must be a string: ${hint}`) });
}

const globSchema = requiredString('a glob where "*" matches anything')
  .trim()
  .min(1, 'must be a non-empty glob ("*" matches anything)')
  .refine((g) => !/\s/.test(g), 'must not contain whitespace');

const entrySchema = z.strictObject({
  check: requiredString('a Checkov check id such as CKV_AWS_144')
    .trim()
    .regex(/^CKV2?_[A-Z0-9]+_[0-9]+$/, 'must be one Checkov check id such as CKV_AWS_144 or CKV2_AWS_62 (no globs)'),
  stack: globSchema.default('*'),
  resource: globSchema,
  config: globSchema.default('*'),
  role: globSchema.default('*'),
  region: z.enum(['home', 'other', 'any'], { error: 'must be "home" (the account\'s home-Region stack), "other" (its other Regions) or "any"' }).default('any'),
  reason: requiredString('write why this finding is accepted')
    .trim()
    .min(MIN_REASON_LENGTH, `must be a written reason of at least ${MIN_REASON_LENGTH} characters`),
});

const fileSchema = z.strictObject({
  entries: z.array(entrySchema, { error: 'must be a list of entries (use "entries: []" for none)' }),
});

/** One reviewed exception: a failed check that is accepted for matching stacks/resources/configs. */
export type AllowlistEntry = Omit<z.infer<typeof entrySchema>, 'role' | 'region'> & {
  /** Glob over the stack's account role; parsed entries always carry it (default "*"). */
  readonly role?: string;
  /** `home`, `other` or `any` (default). */
  readonly region?: 'home' | 'other' | 'any';
};

/** The parsed allowlist file. */
export interface Allowlist {
  readonly entries: readonly AllowlistEntry[];
}

/** Thrown when the allowlist file is not valid; lists every problem. */
export class AllowlistError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid Checkov allowlist ${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AllowlistError';
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out === '' ? '(root)' : out;
}

function zodProblems(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${pathText([...issue.path, key])}: unknown key "${key}" (allowed: check, stack, role, region, resource, config, reason)`)
      : [`${pathText(issue.path)}: ${issue.message}`],
  );
}

function duplicateProblems(entries: readonly AllowlistEntry[]): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  entries.forEach((e, i) => {
    const key = JSON.stringify([e.check, e.stack, e.role, e.region, e.resource, e.config]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else problems.push(`entries[${i}]: duplicates entries[${first}] (same check, stack, role, region, resource and config)`);
  });
  return problems;
}

/** Validates already-parsed allowlist data strictly (unknown keys, missing or short reasons, duplicates). */
export function validateAllowlist(data: unknown, source: string): Allowlist {
  const parsed = fileSchema.safeParse(data ?? {});
  if (!parsed.success) throw new AllowlistError(source, zodProblems(parsed.error));
  const duplicates = duplicateProblems(parsed.data.entries);
  if (duplicates.length > 0) throw new AllowlistError(source, duplicates);
  return parsed.data;
}

/** Parses and validates the YAML text of `checkov-allowlist.yaml`; throws {@link AllowlistError}. */
export function parseAllowlist(text: string, source: string): Allowlist {
  let data: unknown;
  try {
    data = parseYaml(text, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    throw new AllowlistError(source, [`(file): not valid YAML: ${error instanceof Error ? error.message : String(error)}`]);
  }
  return validateAllowlist(data, source);
}

/** Reads, parses and validates the allowlist file; a missing file is an error (commit `entries: []` for none). */
export function loadAllowlistFile(file: string, source: string = file): Allowlist {
  if (!fs.existsSync(file)) throw new AllowlistError(source, ['(file): does not exist; create it with "entries: []"']);
  return parseAllowlist(fs.readFileSync(file, 'utf8'), source);
}
