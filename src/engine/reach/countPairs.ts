import { ALL_ID, type ConnectionTable, NONE_ID } from './connectionTable.ts';

/** The verdicts in factored form, as Reachability#factors gives them. */
export interface Factors {
  egressGroup: (classId: number) => number;
  ingressGroup: (classId: number) => number;
  egress: readonly (Uint32Array | null)[];
  ingress: readonly (Uint32Array | null)[];
}

/**
 * Ordered pairs of distinct workloads with some allowed connection, from the factored verdicts:
 * per (egress group, ingress group), how many destinations carry each egress entry and how many
 * sources each ingress entry; the pairs are products of those counts. Cost: groups × classes,
 * instead of classes².
 *
 * @param sizes workloads per class
 * @param selfVerdict a class's verdict to itself (its own workloads talking to each other)
 */
export function countPairs(
  sizes: Float64Array,
  factors: Factors,
  table: ConnectionTable,
  selfVerdict: (classId: number) => number,
): number {
  const n = sizes.length;
  const outgoing = factors.egress.map((vector) =>
    histograms(sizes, factors.ingress.length, factors.ingressGroup, vector),
  );
  let count = 0;
  for (const [g, vector] of factors.ingress.entries()) {
    const incoming = histograms(sizes, factors.egress.length, factors.egressGroup, vector);
    for (const [h, into] of incoming.entries()) {
      const out = outgoing[h]?.[g];
      if (!into || !out) continue;
      for (const [e, destinations] of out)
        for (const [i, sources] of into)
          if (table.intersect(e, i) !== NONE_ID) count += destinations * sources;
    }
  }
  // A class to itself was counted as size²: distinct workloads make size × (size - 1).
  for (let c = 0; c < n; c++) if (sizes[c] && selfVerdict(c) !== NONE_ID) count -= sizes[c] as number;
  return count;
}

/**
 * For one group vector: per group of the other direction, how many workloads (class sizes) carry
 * each connection id.
 */
function histograms(
  sizes: Float64Array,
  groups: number,
  groupOf: (c: number) => number,
  vector: Uint32Array | null,
): (Map<number, number> | undefined)[] {
  const result: (Map<number, number> | undefined)[] = new Array(groups);
  for (let c = 0; c < sizes.length; c++) {
    const size = sizes[c] as number;
    if (!size) continue;
    const g = groupOf(c);
    let histogram = result[g];
    if (!histogram) {
      histogram = new Map();
      result[g] = histogram;
    }
    const id = vector ? (vector[c] as number) : ALL_ID;
    histogram.set(id, (histogram.get(id) ?? 0) + size);
  }
  return result;
}
