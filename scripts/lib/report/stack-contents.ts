import { isRecord } from './json';
import { moduleAreas, type ModuleArea } from './modules';

/** What one synthesized `cdk.tf.json` holds, as far as the report needs it. */
export interface StackContents {
  /** Number of managed resources (`resource` blocks). */
  readonly resources: number;
  /** Number of data sources (`data` blocks). */
  readonly dataSources: number;
  /** Managed resources per Terraform type. */
  readonly resourcesByType: ReadonlyMap<string, number>;
  /** Module areas found in the construct paths of resources and data sources. */
  readonly modules: readonly ModuleArea[];
  /** The default (unaliased) AWS provider's Region, when set. */
  readonly region?: string;
}

/** A resource type and how many of it. */
export interface TypeCount {
  readonly type: string;
  readonly count: number;
}

function constructPathOf(block: unknown): string | undefined {
  if (!isRecord(block)) return undefined;
  const comment = block['//'];
  const metadata = isRecord(comment) ? comment['metadata'] : undefined;
  const p = isRecord(metadata) ? metadata['path'] : undefined;
  return typeof p === 'string' ? p : undefined;
}

interface SectionScan {
  readonly count: number;
  readonly byType: Map<string, number>;
  readonly paths: string[];
}

function scanSection(section: unknown): SectionScan {
  const byType = new Map<string, number>();
  const paths: string[] = [];
  let count = 0;
  if (!isRecord(section)) return { count, byType, paths };
  for (const [type, blocks] of Object.entries(section)) {
    if (!isRecord(blocks)) continue;
    const names = Object.keys(blocks);
    if (names.length === 0) continue;
    count += names.length;
    byType.set(type, (byType.get(type) ?? 0) + names.length);
    for (const block of Object.values(blocks)) {
      const p = constructPathOf(block);
      if (p !== undefined) paths.push(p);
    }
  }
  return { count, byType, paths };
}

function defaultProviderRegion(tfJson: Record<string, unknown>): string | undefined {
  const providers = tfJson['provider'];
  const aws = isRecord(providers) ? providers['aws'] : undefined;
  if (!Array.isArray(aws)) return undefined;
  const unaliased = aws.find((p: unknown) => isRecord(p) && p['alias'] === undefined);
  const region = isRecord(unaliased) ? unaliased['region'] : undefined;
  return typeof region === 'string' ? region : undefined;
}

/** Counts the resources and data sources of a synthesized stack and finds its module areas. */
export function stackContents(tfJson: unknown): StackContents {
  if (!isRecord(tfJson)) return { resources: 0, dataSources: 0, resourcesByType: new Map(), modules: [] };
  const resources = scanSection(tfJson['resource']);
  const data = scanSection(tfJson['data']);
  const region = defaultProviderRegion(tfJson);
  const contents = { resources: resources.count, dataSources: data.count, resourcesByType: resources.byType, modules: moduleAreas([...resources.paths, ...data.paths]) };
  return region === undefined ? contents : { ...contents, region };
}

/** The `limit` most frequent types, most first, ties by type name. */
export function topTypes(byType: ReadonlyMap<string, number>, limit: number): TypeCount[] {
  return [...byType]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type))
    .slice(0, limit);
}

/** Adds per-type counts together. */
export function mergeTypeCounts(maps: Iterable<ReadonlyMap<string, number>>): Map<string, number> {
  const total = new Map<string, number>();
  for (const m of maps) for (const [type, count] of m) total.set(type, (total.get(type) ?? 0) + count);
  return total;
}
