import type { SegmentGraph } from '../segments';

/** A pair of segments and their known VPC blocks. */
export interface SegmentPair {
  readonly from: string;
  readonly to: string;
  readonly fromCidrs: readonly string[];
  readonly toCidrs: readonly string[];
}

/** Segment pairs (each unordered pair once, sorted by name) that `wanted` selects, with blocks on both sides. */
function pairs(graph: SegmentGraph, segmentCidrs: Readonly<Record<string, readonly string[]>>, wanted: (a: string, b: string) => boolean): SegmentPair[] {
  const result: SegmentPair[] = [];
  graph.names.forEach((from, i) => {
    for (const to of graph.names.slice(i + 1)) {
      const fromCidrs = [...(segmentCidrs[from] ?? [])].sort();
      const toCidrs = [...(segmentCidrs[to] ?? [])].sort();
      if (wanted(from, to) && fromCidrs.length > 0 && toCidrs.length > 0) result.push({ from, to, fromCidrs, toCidrs });
    }
  });
  return result;
}

/** Different segments that may exchange traffic (the firewall passes their flows). */
export function reachingSegmentPairs(graph: SegmentGraph, segmentCidrs: Readonly<Record<string, readonly string[]>>): SegmentPair[] {
  return pairs(graph, segmentCidrs, (a, b) => graph.canReach(a, b));
}

/** Segments that must not exchange traffic (the firewall drops their packets, behind the hub's blackholes). */
export function isolatedSegmentPairs(graph: SegmentGraph, segmentCidrs: Readonly<Record<string, readonly string[]>>): SegmentPair[] {
  return pairs(graph, segmentCidrs, (a, b) => !graph.canReach(a, b));
}

/** First Suricata signature id of the generated rules (ids below are left to user rule groups). */
export const GENERATED_SID_BASE = 3000000;

/**
 * Suricata `pass` rules for the segment pairs that may reach each other, one bidirectional rule per pair, in pair
 * order. Under strict rule order anything not passed falls to the policy's default actions (drop established).
 */
export function segmentPassRules(reaching: readonly SegmentPair[]): string {
  const list = (cidrs: readonly string[]) => `[${cidrs.join(',')}]`;
  return reaching
    .map((p, i) => `pass ip ${list(p.fromCidrs)} any <> ${list(p.toCidrs)} any (msg:"segment ${p.from} reaches ${p.to}"; sid:${GENERATED_SID_BASE + i}; rev:1;)`)
    .join('\n');
}
