import { classPairSet, type PairIndex, partialFlags, SetRow } from './connections.ts';
import type { Snapshot, WorkloadView } from './snapshot.ts';

/**
 * Workload pairs tallied per ordered pair of namespaces (k × k cells): how many connect, how many
 * of those only on some ports, and how many have a side some policy decides. Counts rather than
 * flags, so an edit can take a workload's old pairs out and put its new ones in.
 */
export interface NamespaceTally {
  names: string[];
  /** Namespace index of each workload (by position in `snapshot.workloads`). */
  nsOf: Uint32Array;
  count: Uint32Array;
  partial: Uint32Array;
  restricted: Uint32Array;
}

/** What a tally reads of a snapshot: its workloads and their factored verdicts. */
interface PairSource {
  workloads: readonly WorkloadView[];
  pairs: PairIndex;
}

function emptyTally(workloads: readonly WorkloadView[]): NamespaceTally {
  const names = [...new Set(workloads.map((w) => w.namespace))];
  const index = new Map(names.map((n, i) => [n, i]));
  const k = names.length;
  return {
    names,
    nsOf: Uint32Array.from(workloads, (w) => index.get(w.namespace) as number),
    count: new Uint32Array(k * k),
    partial: new Uint32Array(k * k),
    restricted: new Uint32Array(k * k),
  };
}

/** Tallies every ordered pair of distinct workloads (typed-array reads only, see SetRow). */
export function tallyNamespacePairs({ workloads, pairs }: PairSource): NamespaceTally {
  const tally = emptyTally(workloads);
  const { nsOf, count, partial, restricted } = tally;
  const k = tally.names.length;
  const isPartial = partialFlags(pairs.sets);
  const n = workloads.length;
  const openIn = Uint8Array.from(workloads, (w) => (w.isolated.ingress ? 0 : 1));
  const row = new SetRow(pairs);
  for (let i = 0; i < n; i++) {
    row.from(i);
    const rowBase = (nsOf[i] as number) * k;
    const openOut = !workloads[i]?.isolated.egress;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const set = row.to(j);
      if (set === 0) continue;
      const cell = rowBase + (nsOf[j] as number);
      count[cell] = (count[cell] as number) + 1;
      if (isPartial[set]) partial[cell] = (partial[cell] as number) + 1;
      if (!openOut || !openIn[j]) restricted[cell] = (restricted[cell] as number) + 1;
    }
  }
  return tally;
}

/**
 * The tally after an edit that moved only `moved` workloads to other classes (the same workloads,
 * policies unchanged): pairs with a moved end are taken out as they were and put in as they are.
 * Cost: moved × workloads, not workloads².
 */
export function retallyNamespacePairs(
  previous: NamespaceTally,
  before: PairSource,
  after: PairSource,
  moved: readonly number[],
): NamespaceTally {
  const tally: NamespaceTally = {
    names: previous.names,
    nsOf: previous.nsOf,
    count: previous.count.slice(),
    partial: previous.partial.slice(),
    restricted: previous.restricted.slice(),
  };
  const k = tally.names.length;
  const n = after.workloads.length;
  const isMoved = new Uint8Array(n);
  for (const i of moved) isMoved[i] = 1;
  const apply = (source: PairSource, sign: 1 | -1) => {
    const isPartial = partialFlags(source.pairs.sets);
    const add = (i: number, j: number) => {
      const { classOf } = source.pairs;
      const set = classPairSet(source.pairs, classOf[i] as number, classOf[j] as number);
      if (set === 0) return;
      const cell = (tally.nsOf[i] as number) * k + (tally.nsOf[j] as number);
      tally.count[cell] = (tally.count[cell] as number) + sign;
      if (isPartial[set]) tally.partial[cell] = (tally.partial[cell] as number) + sign;
      if (source.workloads[i]?.isolated.egress || source.workloads[j]?.isolated.ingress)
        tally.restricted[cell] = (tally.restricted[cell] as number) + sign;
    };
    for (const i of moved) {
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        add(i, j);
        if (!isMoved[j]) add(j, i);
      }
    }
  };
  apply(before, -1);
  apply(after, 1);
  return tally;
}

/** The snapshot's list: namespace pairs with some connection, in namespace order. */
export function namespacePairsOf(tally: NamespaceTally): Snapshot['namespacePairs'] {
  const { names, count, partial, restricted } = tally;
  const k = names.length;
  const out: Snapshot['namespacePairs'] = [];
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const cell = a * k + b;
      if (count[cell] === 0) continue;
      out.push({
        from: names[a] as string,
        to: names[b] as string,
        count: count[cell] as number,
        partial: (partial[cell] as number) > 0,
        unrestricted: restricted[cell] === 0,
      });
    }
  }
  return out;
}

/** Ordered pairs of distinct workloads with some connection. */
export function allowedPairsOf(tally: NamespaceTally): number {
  let total = 0;
  for (const c of tally.count) total += c;
  return total;
}
