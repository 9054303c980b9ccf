/**
 * What an allowlist entry may know about a stack beyond its name, read from the synthesized JSON itself so that it
 * holds for any organisation config, whatever its file or account names:
 * - `role`: the account role (`management`, `log-archive`, `security`, `network`, `workload`), from the provider's
 *   `account-role` default tag that every baseline stack carries (stacks/tags.ts);
 * - `homeRegion`: true when the stack holds the account's once-per-account resources, i.e. its baseline key (construct
 *   id `baseline-key`, whose address the id-stability test keeps stable); false for a baseline stack without one.
 * Stacks that are not baseline stacks (module test stacks) have neither.
 */
export interface StackFacts {
  readonly role?: string;
  readonly homeRegion?: boolean;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function accountRoleTag(tfJson: Json): string | undefined {
  const providers = isRecord(tfJson.provider) ? tfJson.provider.aws : undefined;
  for (const block of Array.isArray(providers) ? providers : [providers]) {
    if (!isRecord(block)) continue;
    for (const defaults of Array.isArray(block.default_tags) ? block.default_tags : [block.default_tags]) {
      const role = isRecord(defaults) && isRecord(defaults.tags) ? defaults.tags['account-role'] : undefined;
      if (typeof role === 'string') return role;
    }
  }
  return undefined;
}

function hasBaselineKey(tfJson: Json): boolean {
  const keys = isRecord(tfJson.resource) ? tfJson.resource.aws_kms_key : undefined;
  if (!isRecord(keys)) return false;
  return Object.values(keys).some((block) => {
    const comment = isRecord(block) ? block['//'] : undefined;
    const meta = isRecord(comment) ? comment.metadata : undefined;
    const p = isRecord(meta) ? meta.path : undefined;
    return typeof p === 'string' && /^[^/]+\/baseline-key\//.test(p);
  });
}

/** Reads {@link StackFacts} from a parsed `cdk.tf.json`. */
export function stackFacts(tfJson: unknown): StackFacts {
  if (!isRecord(tfJson)) return {};
  const role = accountRoleTag(tfJson);
  if (role === undefined) return {};
  return { role, homeRegion: hasBaselineKey(tfJson) };
}
