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

/**
 * Set indexes from one workload to others, from the factored verdicts: the source's egress row and
 * its ingress entries per destination group are read once, then each destination is two lookups.
 */
export class SetRow {
  private readonly column: Uint32Array;
  private egressBase = 0;
  private fromClass = 0;

  constructor(private readonly pairs: PairIndex) {
    this.column = new Uint32Array(pairs.classCount === 0 ? 0 : pairs.ingress.length / pairs.classCount);
  }

  /** Ingress groups: what `from` reads per source. */
  get groups(): number {
    return this.column.length;
  }

  from(i: number): this {
    const { pairs, column } = this;
    this.fromClass = pairs.classOf[i] as number;
    this.egressBase = (pairs.egressGroupOf[this.fromClass] as number) * pairs.classCount;
    for (let g = 0; g < column.length; g++)
      column[g] = pairs.ingress[g * pairs.classCount + this.fromClass] as number;
    return this;
  }

  to(j: number): number {
    const { pairs } = this;
    const to = pairs.classOf[j] as number;
    const e = pairs.egress[this.egressBase + to] as number;
    return pairs.combine[
      e * pairs.ingressKinds + (this.column[pairs.ingressGroupOf[to] as number] as number)
    ] as number;
  }
}

/** Per set index, 1 when the set allows only some ports (the verdict `partial`). */
export function partialFlags(sets: PairIndex['sets']): Uint8Array {
  const flags = new Uint8Array(sets.length);
  for (const [i, set] of sets.entries()) flags[i] = set.verdict === 'partial' ? 1 : 0;
  return flags;
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

const rangeIndexes = new WeakMap<Snapshot, Map<string, number>>();

/** Position of an external range in `snapshot.externalRanges`. */
export function rangeIndex(snapshot: Snapshot): Map<string, number> {
  let index = rangeIndexes.get(snapshot);
  if (!index) {
    index = new Map(snapshot.externalRanges.map((r, i) => [r, i]));
    rangeIndexes.set(snapshot, index);
  }
  return index;
}

/**
 * Set index (into `snapshot.external.sets`, 0 when denied) between the workload at position
 * `workload` and the range at position `range`: `inbound` from the range, else to it.
 */
export function externalSet(snapshot: Snapshot, workload: number, range: number, inbound: boolean): number {
  const cells = inbound ? snapshot.external.inbound : snapshot.external.outbound;
  return cells[workload * snapshot.externalRanges.length + range] as number;
}

function externalView(
  snapshot: Snapshot,
  workload: number,
  range: number,
  inbound: boolean,
): ConnectionView | null {
  const set = externalSet(snapshot, workload, range, inbound);
  if (set === 0) return null;
  const entry = snapshot.external.sets[set] as PairIndex['sets'][number];
  const w = snapshot.workloads[workload];
  const name = snapshot.externalRanges[range] as string;
  return {
    from: inbound ? name : (w?.id ?? ''),
    to: inbound ? (w?.id ?? '') : name,
    verdict: entry.verdict as ConnectionView['verdict'],
    ports: entry.ports,
    label: entry.label,
    conditional: entry.conditional,
    unrestricted: inbound ? !w?.isolated.ingress : !w?.isolated.egress,
  };
}

const externalLists = new WeakMap<Snapshot, ConnectionView[]>();

/** Every allowed external connection as a list: range by range, each workload from and to it. */
export function externalConnectionsOf(snapshot: Snapshot): ConnectionView[] {
  let list = externalLists.get(snapshot);
  if (!list) {
    list = [];
    for (let r = 0; r < snapshot.externalRanges.length; r++)
      for (let w = 0; w < snapshot.workloads.length; w++) {
        const inbound = externalView(snapshot, w, r, true);
        if (inbound) list.push(inbound);
        const outbound = externalView(snapshot, w, r, false);
        if (outbound) list.push(outbound);
      }
    externalLists.set(snapshot, list);
  }
  return list;
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
  const ranges = rangeIndex(snapshot);
  if (b !== undefined) {
    const r = ranges.get(from);
    return r === undefined ? null : externalView(snapshot, b, r, true);
  }
  const r = ranges.get(to);
  return a === undefined || r === undefined ? null : externalView(snapshot, a, r, false);
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
  for (let r = 0; r < snapshot.externalRanges.length; r++) {
    const view = externalView(snapshot, self, r, direction === 'to');
    if (view) out.push(view);
  }
  return out;
}

/** Everyone a workload can reach (workloads, then external ranges), self excluded. */
export function connectionsFrom(snapshot: Snapshot, id: string): ConnectionView[] {
  return connectionsOf(snapshot, id, 'from');
}

/** Everyone who can reach a workload, self excluded. */
export function connectionsTo(snapshot: Snapshot, id: string): ConnectionView[] {
  return connectionsOf(snapshot, id, 'to');
}
