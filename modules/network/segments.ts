import type { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';

/** One routing segment: which other segments it exchanges traffic with. */
export interface SegmentDefinition {
  /** Other segments this one reaches; reach is mutual. */
  readonly reaches: readonly string[];
}

/**
 * Segment reachability: a symmetric relation built from each segment's `reaches`. A segment always reaches itself
 * (its VPCs reach each other); two segments reach each other only when one of them lists the other.
 */
export class SegmentGraph {
  /** Validates the definitions (every name exists, no self-reference) and builds the graph. */
  static from(scope: IConstruct, prop: string, segments: Readonly<Record<string, SegmentDefinition>>): SegmentGraph {
    const names = Object.keys(segments).sort();
    if (names.length === 0) throw new ValidationError(scope, prop, segments, 'must define at least one segment');
    for (const name of names) {
      if (!/^[a-z][a-z0-9-]*[a-z0-9]$/.test(name)) throw new ValidationError(scope, `${prop}.${name}`, name, 'must be a name of lower-case letters, digits and hyphens');
      for (const target of segments[name]!.reaches) {
        if (target === name) throw new ValidationError(scope, `${prop}.${name}.reaches`, target, 'must not name the segment itself; a segment always reaches itself');
        if (!names.includes(target)) throw new ValidationError(scope, `${prop}.${name}.reaches`, target, `names no segment; use one of ${names.join(', ')}`);
      }
    }
    const reach = new Map<string, Set<string>>(names.map((n) => [n, new Set([n])]));
    for (const name of names) {
      for (const target of segments[name]!.reaches) {
        reach.get(name)!.add(target);
        reach.get(target)!.add(name);
      }
    }
    return new SegmentGraph(names, reach);
  }

  private constructor(
    /** Segment names, sorted. */
    readonly names: readonly string[],
    private readonly reach: ReadonlyMap<string, ReadonlySet<string>>,
  ) {}

  /** True when `name` is a segment. */
  has(name: string): boolean {
    return this.reach.has(name);
  }

  /** Segments `segment` reaches, itself included, sorted. */
  reachable(segment: string): string[] {
    return [...(this.reach.get(segment) ?? [])].sort();
  }

  /** True when traffic may flow between the two segments. */
  canReach(from: string, to: string): boolean {
    return this.reach.get(from)?.has(to) ?? false;
  }

  /** Segments `segment` must not reach, sorted. */
  unreachable(segment: string): string[] {
    return this.names.filter((n) => !this.canReach(segment, n));
  }
}
