/** A resource declared in a synthesized `cdk.tf.json`. */
export interface StackResource {
  /** Terraform address, `type.name` (data sources: `data.type.name`). */
  readonly address: string;
  /** Construct path from `"//": {"metadata": {"path": ...}}`, e.g. `stack/state-bucket/Resource`. */
  readonly constructPath?: string;
}

/** Resources of one stack, by address and by bare name. */
export interface StackResourceIndex {
  readonly byAddress: ReadonlyMap<string, StackResource>;
  /** Name (logical id) to every resource with that name, whatever its type. */
  readonly byName: ReadonlyMap<string, readonly StackResource[]>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function constructPathOf(block: unknown): string | undefined {
  if (!isRecord(block)) return undefined;
  const comment = block['//'];
  if (!isRecord(comment)) return undefined;
  const metadata = comment['metadata'];
  if (!isRecord(metadata)) return undefined;
  const p = metadata['path'];
  return typeof p === 'string' ? p : undefined;
}

/** Indexes the `resource` and `data` blocks of a synthesized `cdk.tf.json` document. */
export function indexStackResources(tfJson: unknown): StackResourceIndex {
  const byAddress = new Map<string, StackResource>();
  const byName = new Map<string, StackResource[]>();
  if (!isRecord(tfJson)) return { byAddress, byName };
  for (const [section, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    const blocks = tfJson[section];
    if (!isRecord(blocks)) continue;
    for (const [type, byLogicalId] of Object.entries(blocks)) {
      if (!isRecord(byLogicalId)) continue;
      for (const [name, block] of Object.entries(byLogicalId)) {
        const constructPath = constructPathOf(block);
        const resource: StackResource = constructPath === undefined ? { address: `${prefix}${type}.${name}` } : { address: `${prefix}${type}.${name}`, constructPath };
        byAddress.set(resource.address, resource);
        if (prefix === '') byName.set(name, [...(byName.get(name) ?? []), resource]);
      }
    }
  }
  return { byAddress, byName };
}

/**
 * Turns Checkov's `resource` field into a full address and construct path. Checkov reports many Terraform-JSON
 * resource checks as `resource.<name>` without the type; the type is recovered from the stack when the name is
 * unique there. Anything not found (e.g. `provider.aws`) is returned unchanged without a construct path.
 */
export function resolveResource(index: StackResourceIndex, checkovResource: string): StackResource {
  const direct = index.byAddress.get(checkovResource);
  if (direct) return direct;
  if (checkovResource.startsWith('resource.')) {
    const candidates = index.byName.get(checkovResource.slice('resource.'.length)) ?? [];
    if (candidates.length === 1 && candidates[0]) return candidates[0];
  }
  return { address: checkovResource };
}
