import { z } from 'zod';
import { ScanError } from './errors';

/** Outcome of one check on one resource. */
export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One check result from Checkov's JSON report, reduced to what the gate needs. */
export interface CheckResult {
  readonly checkId: string;
  readonly checkName: string;
  readonly status: CheckStatus;
  /** Stack folder name, from `.../stacks/<stack>/cdk.tf.json`. */
  readonly stack: string;
  /**
   * Checkov's `resource` field as reported: `aws_s3_bucket.x` for graph checks, but `resource.x` (no type) for
   * many Terraform-JSON resource checks, and `provider.aws` for provider checks.
   */
  readonly resource: string;
  /** Checkov's file path (absolute when Checkov gives one). */
  readonly file: string;
}

/** Everything one Checkov run reported. */
export interface CheckovResults {
  readonly checks: readonly CheckResult[];
  /** Files Checkov could not parse (Checkov still exits 0 for these, so the gate must fail on them). */
  readonly parsingErrors: readonly string[];
}

const checkSchema = z.looseObject({
  check_id: z.string(),
  check_name: z.string().nullish(),
  file_path: z.string(),
  file_abs_path: z.string().nullish(),
  resource: z.string(),
});

const reportSchema = z.looseObject({
  check_type: z.string(),
  results: z.looseObject({
    passed_checks: z.array(checkSchema).optional(),
    failed_checks: z.array(checkSchema).optional(),
    skipped_checks: z.array(checkSchema).optional(),
    parsing_errors: z.array(z.string()).optional(),
  }),
});

/** With no files to scan Checkov writes only the summary object. */
const emptySummarySchema = z.looseObject({ passed: z.number(), failed: z.number() });

/**
 * Stack name from a scanned file path: `.../stacks/<stack>/cdk.tf.json` (or `tfplan.json`, the plan pass), or
 * Checkov's relative `/<stack>/cdk.tf.json`.
 */
export function stackFromFilePath(file: string): string | undefined {
  const normalized = file.replace(/\\/g, '/');
  const match = /(?:^|\/)stacks\/([^/]+)\/(?:cdk\.tf|tfplan)\.json$/.exec(normalized) ?? /^\/?([^/]+)\/(?:cdk\.tf|tfplan)\.json$/.exec(normalized);
  return match?.[1];
}

function toCheckResult(raw: z.infer<typeof checkSchema>, status: CheckStatus): CheckResult {
  const file = raw.file_abs_path ?? raw.file_path;
  const stack = stackFromFilePath(file) ?? stackFromFilePath(raw.file_path);
  if (stack === undefined) {
    throw new ScanError(`Checkov result ${raw.check_id} for ${raw.resource} is in ${file}, which is not <stacks>/<stack>/cdk.tf.json or tfplan.json`);
  }
  return { checkId: raw.check_id, checkName: raw.check_name ?? '', status, stack, resource: raw.resource, file };
}

/**
 * Parses Checkov's `results_json.json`: a single report object when one framework ran, a list of them when several
 * did, or a bare summary when there was nothing to scan. Throws when the shape is not one of these.
 */
export function parseCheckovJson(json: unknown): CheckovResults {
  if (!Array.isArray(json) && emptySummarySchema.safeParse(json).success && !reportSchema.safeParse(json).success) {
    return { checks: [], parsingErrors: [] };
  }
  const parsed = Array.isArray(json) ? z.array(reportSchema).safeParse(json) : reportSchema.safeParse(json);
  if (!parsed.success) {
    throw new ScanError(`Unexpected Checkov JSON report shape: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const reports = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const checks: CheckResult[] = [];
  const parsingErrors: string[] = [];
  for (const report of reports) {
    const { results } = report;
    for (const raw of results.passed_checks ?? []) checks.push(toCheckResult(raw, 'passed'));
    for (const raw of results.failed_checks ?? []) checks.push(toCheckResult(raw, 'failed'));
    for (const raw of results.skipped_checks ?? []) checks.push(toCheckResult(raw, 'skipped'));
    parsingErrors.push(...(results.parsing_errors ?? []));
  }
  return { checks, parsingErrors };
}
