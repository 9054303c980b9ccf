import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../../../config/errors';
import type { Organization } from '../../../config/organization';
import { ValidationError } from '../../../modules/core/errors';
import { SECRET_MARKERS, TEMPLATE_MARKERS } from './values';

/**
 * The fuzzer's oracles: what makes a case fail. They are written independently of the rules they check (simple
 * patterns, not the schema's own functions), so a rule that stops working is caught rather than copied.
 *
 * - unclear: an error that is not the project's ConfigError or ValidationError (a TypeError, a RangeError, a plain
 *   Error from a stack: counted as crashed), or one whose message lacks a config path, uses zod's default wording
 *   ("Too big", "Too small", "Invalid input", "expected ..."), says `undefined` or `[object Object]`, carries a stack
 *   trace, or repeats a value that stands for a secret (SECRET_MARKERS).
 * - weakened: an accepted config with a guardrail weaker than the default and no reason field: a break-glass tag key
 *   that another tag also uses (any case), a wildcard exempt action, an administrator grant (a wildcard action on a
 *   wildcard resource, or an administrator-equivalent managed policy without breakGlassReason), an ABAC statement
 *   with no tag keys, an OIDC pattern that names nothing or an owner/* repository without its reason, or a retention
 *   or lock period below its floor without its reason.
 * - live template: `${` or `%{` from the config in an accepted model outside a policy statement's resources, or any
 *   of the TEMPLATE_MARKERS unescaped (not `$${` / `%%{`) in a synthesized output file.
 */

export type Verdict =
  | { readonly outcome: 'rejected' }
  | { readonly outcome: 'unclear'; readonly why: string }
  | { readonly outcome: 'crashed'; readonly why: string };

/**
 * Where a secret could plausibly be typed: secret and parameter entries, and keys that name a secret. A secret marker
 * the fuzzer wrote into, say, an account's role is echoed like any wrong value (it cannot be told from a typo).
 */
const SECRET_PLACE = /dataProtection\.(secrets|parameters)|passw(or)?d|secret|token|api[-_]?key|credential|\.value\b/i;

const ZOD_WORDING = /Too big|Too small|Invalid input|Invalid option|Unrecognized key|\bexpected\b/;
const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

/** Text with its quoted JSON values removed (a value "undefined" the fuzzer wrote is not the message saying undefined). */
function withoutQuoted(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

function wordingProblem(text: string): string | undefined {
  const plain = withoutQuoted(text);
  if (ZOD_WORDING.test(plain)) return `zod's default wording in ${JSON.stringify(text.slice(0, 160))}`;
  if (/\bundefined\b/.test(plain)) return `"undefined" in ${JSON.stringify(text.slice(0, 160))}`;
  if (plain.includes('[object Object]')) return `"[object Object]" in ${JSON.stringify(text.slice(0, 160))}`;
  if (STACK_TRACE.test(text)) return 'a stack trace in the message';
  const secret = SECRET_MARKERS.find((s) => text.includes(s));
  if (secret) return `the secret ${JSON.stringify(secret)} is echoed`;
  return undefined;
}

/** Classifies an error thrown while parsing or building a case. */
export function classifyError(error: unknown): Verdict {
  if (error instanceof ConfigError) {
    if (error.problems.length === 0) return { outcome: 'unclear', why: 'a ConfigError with no problems' };
    for (const p of error.problems) {
      if (p.path === '') return { outcome: 'unclear', why: `a problem without a path: ${p.message}` };
      const secretEchoed = SECRET_PLACE.test(p.path) && SECRET_MARKERS.some((s) => p.value.includes(s));
      const problem = wordingProblem(p.message) ?? (p.value === 'undefined' ? 'value shown as undefined' : undefined) ?? (secretEchoed ? `a secret echoed at ${p.path}` : undefined);
      if (problem) return { outcome: 'unclear', why: `${p.path}: ${problem}` };
    }
    return { outcome: 'rejected' };
  }
  if (error instanceof ValidationError) {
    if (!/(^|\n)config [A-Za-z]/.test(error.message)) return { outcome: 'unclear', why: `a ValidationError without a config path: ${error.message.slice(0, 200)}` };
    const problem = wordingProblem(error.message);
    return problem ? { outcome: 'unclear', why: problem } : { outcome: 'rejected' };
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { outcome: 'crashed', why: text.slice(0, 300) };
}

const BASELINE_TAGS = ['managed-by', 'baseline-version', 'account-role'];
const FLOOR_DAYS = 365;

const wildcardAction = (a: string) => a === '*' || /^[^:]*:[*?]*\*[*?]*$/.test(a) || /^[*?]+:/.test(a);
const wildcardResource = (r: string) => /^[*?/]*\*[*?/]*$/.test(r) || /^arn(:[*?]*)*:?[*?]*\*$/.test(r) || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:[*?/]*\*[*?/]*$/.test(r);
const openPattern = (p: string) => p.includes('*') && /^[*?/._-]+$/.test(p);
const ADMIN_POLICIES = ['AdministratorAccess', 'IAMFullAccess', 'PowerUserAccess'];

interface StatementLike {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly matchPrincipalTags?: readonly string[];
}

/** Guardrails weaker than the default in an accepted organisation, without the reason field that allows it. */
export function weakenings(org: Organization): string[] {
  const found: string[] = [];
  const id = org.identity;
  const bgKey = id.breakGlass.tagKey.toLowerCase();
  const tagKeys = [
    ...BASELINE_TAGS,
    ...Object.keys(org.defaultTags),
    ...org.accounts.flatMap((a) => [...Object.keys(a.tags), ...a.identity.githubDeployRoles.flatMap((r) => Object.keys(r.tags))]),
  ];
  if (tagKeys.some((k) => k.toLowerCase() === bgKey)) found.push(`break-glass tag key "${id.breakGlass.tagKey}" is also set as another tag`);
  for (const action of id.serviceControlPolicies?.regionAllowlist.extraExemptActions ?? []) {
    if (/[*?]/.test(action)) found.push(`wildcard exempt action "${action}"`);
  }
  const statementLists: Array<{ where: string; statements: readonly StatementLike[] }> = [];
  const policyLists: Array<{ where: string; names: readonly string[]; reason?: string }> = [];
  org.accounts.forEach((a) => {
    for (const r of [...a.identity.githubDeployRoles, ...a.identity.crossAccountRoles]) {
      statementLists.push({ where: `${a.name}/${r.roleName}`, statements: r.statements });
      policyLists.push({ where: `${a.name}/${r.roleName}`, names: r.awsManagedPolicies });
    }
    for (const r of a.identity.githubDeployRoles) {
      for (const access of r.repositories) {
        if (access.repository.endsWith('/*') && access.allowOrganizationWildcard === undefined) found.push(`repository wildcard ${access.repository} without a reason`);
        if (access.openRefPatternsReason === undefined) {
          for (const p of [...access.branches, ...access.environments, ...access.tags]) if (openPattern(p)) found.push(`OIDC pattern "${p}" matches any ref, without a reason`);
        }
      }
    }
  });
  for (const set of id.identityCenter?.permissionSets ?? []) {
    statementLists.push({ where: `permission set ${set.name}`, statements: set.statements });
    policyLists.push({ where: `permission set ${set.name}`, names: set.awsManagedPolicies, reason: set.breakGlassReason });
  }
  for (const { where, statements } of statementLists) {
    for (const s of statements) {
      if (s.actions.some(wildcardAction) && s.resources.some(wildcardResource)) found.push(`administrator grant in ${where}: ${s.actions.join(',')} on ${s.resources.join(',')}`);
      if (s.matchPrincipalTags !== undefined && s.matchPrincipalTags.length === 0) found.push(`ABAC statement without tag keys in ${where}`);
    }
  }
  for (const { where, names, reason } of policyLists) {
    for (const name of names) if (ADMIN_POLICIES.includes(name) && reason === undefined) found.push(`administrator-equivalent ${name} on ${where}`);
  }
  const trail = org.detection.cloudTrail;
  if (trail.objectLock.retentionDays < FLOOR_DAYS && trail.objectLock.retentionBelowFloorReason === undefined) found.push(`Object Lock of ${trail.objectLock.retentionDays} days`);
  if (trail.cloudWatchLogsRetentionDays < FLOOR_DAYS) found.push(`trail log retention of ${trail.cloudWatchLogsRetentionDays} days`);
  if (org.network.flowLogs.retentionDays < FLOOR_DAYS) found.push(`flow log retention of ${org.network.flowLogs.retentionDays} days`);
  for (const a of org.accounts) {
    const days = a.waf.webAcl?.logging.retentionDays;
    if (days !== undefined && days < FLOOR_DAYS) found.push(`WAF log retention of ${days} days in ${a.name}`);
  }
  return found;
}

const POLICY_RESOURCE_PATH = /\.statements\[\d+\]\.resources\[\d+\]$/;

/** `${` or `%{` anywhere in an accepted model outside policy statement resources (where IAM policy variables live). */
export function modelTemplates(org: Organization): string[] {
  const found: string[] = [];
  const visit = (value: unknown, where: string) => {
    if (typeof value === 'string') {
      if (/\$\{|%\{/.test(value) && !POLICY_RESOURCE_PATH.test(where)) found.push(`${where}: ${JSON.stringify(value.slice(0, 60))}`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${where}[${i}]`));
    for (const [k, v] of Object.entries(value)) {
      if (/\$\{|%\{/.test(k)) found.push(`${where}: key ${JSON.stringify(k)}`);
      visit(v, `${where}.${k}`);
    }
  };
  visit(org, 'org');
  return found;
}

/** Occurrences of a marker not escaped for Terraform (`$${` / `%%{`). */
function unescaped(text: string, marker: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(marker, from);
    if (at < 0) return false;
    if (at === 0 || text[at - 1] !== marker[0]) return true;
    from = at + 1;
  }
}

/** TEMPLATE_MARKERS found unescaped in any file of a synthesized output folder (JSON strings and keys, other text). */
export function outputTemplates(outdir: string): string[] {
  const found: string[] = [];
  const check = (text: string, where: string) => {
    for (const marker of TEMPLATE_MARKERS) if (unescaped(text, marker)) found.push(`${where}: ${marker}`);
  };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) {
        const text = fs.readFileSync(file, 'utf8');
        if (!file.endsWith('.json')) {
          check(text, file);
          continue;
        }
        const visit = (value: unknown) => {
          if (typeof value === 'string') return check(value, file);
          if (value === null || typeof value !== 'object') return;
          for (const [k, v] of Object.entries(value)) {
            check(k, file);
            visit(v);
          }
        };
        visit(JSON.parse(text));
      }
    }
  };
  walk(outdir);
  return found;
}
