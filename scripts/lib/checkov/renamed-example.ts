import { parseDocument, isScalar, visit } from 'yaml';

/** Prefix given to every account name in the renamed copy of the example. */
export const RENAMED_ACCOUNT_PREFIX = 'acme-';

/**
 * The example config as a user would copy it: every account renamed (`acme-<name>`), and every reference to an
 * account by name (SCP targets, Identity Center assignments, ...) renamed with it. Roles, ids and everything else stay.
 * The gate scans this copy under another file name, so an allowlist entry that leans on the example's file or
 * account names fails the gate.
 */
export function renamedExampleText(exampleText: string): string {
  const doc = parseDocument(exampleText, { uniqueKeys: true });
  const accounts = (doc.toJS() as { accounts: Array<{ name: string }> }).accounts.map((a) => a.name);
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (key === 'role') return visit.SKIP;
      return undefined;
    },
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'string' && accounts.includes(node.value)) node.value = `${RENAMED_ACCOUNT_PREFIX}${node.value}`;
    },
  });
  return doc.toString();
}
