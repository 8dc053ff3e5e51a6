import type { ConnectionView, Snapshot, Verdict } from './snapshot.ts';

/**
 * Workload-to-workload verdicts, stored by pod class in the engine's factored form: every class
 * belongs to an egress group and an ingress group; `egress[egressGroupOf[a] * classCount + b]`
 * and `ingress[ingressGroupOf[b] * classCount + a]` index the distinct side verdicts, and
 * `combine[e * ingressKinds + i]` is their intersection as an index into `sets` (0 = denied).
 * Typed arrays cross from the worker as one copy and grow with groups × classes, not classes².
 */
export interface PairIndex {
  classOf: Uint32Array;
  /**
   * The engine's class id of each workload: after an incremental re-evaluation, pairs of workloads
   * whose engine class did not change keep their verdicts (diffs look at the others only).
   */
  engineClassOf: Uint32Array;
  classCount: number;
  egressGroupOf: Uint32Array;
  ingressGroupOf: Uint32Array;
  egress: Uint16Array | Uint32Array;
  ingress: Uint16Array | Uint32Array;
  /** Number of distinct ingress side verdicts (the row length of `combine`). */
  ingressKinds: number;
  combine: Uint32Array;
  /** Index 0 stands for "denied". */
  /** `label`: the short words for arrows and cells; `conditional`: some parts only for some requests. */
  sets: { ports: string; verdict: Verdict; label: string; conditional: boolean }[];
}

/** Set index between two classes (compact class ids). */
export function classPairSet(pairs: PairIndex, from: number, to: number): number {
  const e = pairs.egress[(pairs.egressGroupOf[from] as number) * pairs.classCount + to] as number;
  const i = pairs.ingress[(pairs.ingressGroupOf[to] as number) * pairs.classCount + from] as number;
  return pairs.combine[e * pairs.ingressKinds + i] as number;
}

const indexes = new WeakMap<Snapshot, Map<string, number>>();

/** Position of a workload in `snapshot.workloads`. */
export function workloadIndex(snapshot: Snapshot): Map<string, number> {
  let index = indexes.get(snapshot);
  if (!index) {
    index = new Map(snapshot.workloads.map((w, i) => [w.id, i]));
    indexes.set(snapshot, index);
  }
  return index;
}

/** Set index between two workloads (by position); 0 when denied. */
export function pairSet(snapshot: Snapshot, from: number, to: number): number {
  const { classOf } = snapshot.pairs;
  return classPairSet(snapshot.pairs, classOf[from] as number, classOf[to] as number);
}

function viewOf(snapshot: Snapshot, from: number, to: number, set: number): ConnectionView {
  const entry = snapshot.pairs.sets[set] as PairIndex['sets'][number];
  const source = snapshot.workloads[from];
  const target = snapshot.workloads[to];
  return {
    from: source?.id ?? '',
    to: target?.id ?? '',
    verdict: entry.verdict as ConnectionView['verdict'],
    ports: entry.ports,
    label: entry.label,
    conditional: entry.conditional,
    unrestricted: !source?.isolated.egress && !target?.isolated.ingress,
  };
}

/** Calls `visit` for every workload pair (self pairs included) that some port connects. */
export function forEachPair(
  snapshot: Snapshot,
  visit: (from: number, to: number, set: number) => void,
): void {
  const { classOf, classCount } = snapshot.pairs;
  const n = snapshot.workloads.length;
  // Class pairs first (each once), then the workloads of each class.
  const byClass = new Uint32Array(classCount * classCount);
  for (let a = 0; a < classCount; a++)
    for (let b = 0; b < classCount; b++) byClass[a * classCount + b] = classPairSet(snapshot.pairs, a, b);
  for (let from = 0; from < n; from++) {
    const row = (classOf[from] as number) * classCount;
    for (let to = 0; to < n; to++) {
      const set = byClass[row + (classOf[to] as number)] as number;
      if (set !== 0) visit(from, to, set);
    }
  }
}

/** The connection between two endpoints (workload ids or external ranges), or null when denied. */
export function connectionBetween(snapshot: Snapshot, from: string, to: string): ConnectionView | null {
  const index = workloadIndex(snapshot);
  const a = index.get(from);
  const b = index.get(to);
  if (a !== undefined && b !== undefined) {
    const set = pairSet(snapshot, a, b);
    return set === 0 ? null : viewOf(snapshot, a, b, set);
  }
  return snapshot.externalConnections.find((c) => c.from === from && c.to === to) ?? null;
}

function connectionsOf(snapshot: Snapshot, id: string, direction: 'from' | 'to'): ConnectionView[] {
  const self = workloadIndex(snapshot).get(id);
  if (self === undefined) return [];
  const out: ConnectionView[] = [];
  for (let other = 0; other < snapshot.workloads.length; other++) {
    if (other === self) continue;
    const [from, to] = direction === 'from' ? [self, other] : [other, self];
    const set = pairSet(snapshot, from, to);
    if (set !== 0) out.push(viewOf(snapshot, from, to, set));
  }
  return [...out, ...snapshot.externalConnections.filter((c) => c[direction] === id)];
}

/** Everyone a workload can reach (workloads, then external ranges), self excluded. */
export function connectionsFrom(snapshot: Snapshot, id: string): ConnectionView[] {
  return connectionsOf(snapshot, id, 'from');
}

/** Everyone who can reach a workload, self excluded. */
export function connectionsTo(snapshot: Snapshot, id: string): ConnectionView[] {
  return connectionsOf(snapshot, id, 'to');
}
