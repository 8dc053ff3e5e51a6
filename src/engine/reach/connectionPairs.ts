import type { ClusterModel } from '../model/types.ts';
import { isEmpty } from '../policy/connectionSet.ts';
import { ALL_ID, NONE_ID } from './connectionTable.ts';
import type { Reachability } from './reachability.ts';

/** Receives one allowed pair: workload indexes into model.workloads and the connection id. */
export type PairVisitor = (from: number, to: number, id: number) => void;

/**
 * Calls `visit` for every ordered pair of distinct workloads with a non-empty connection set,
 * by source then destination index (connlist order), without allocating per pair.
 *
 * The verdicts come from the factored form (see Reachability#factors): per source class, its
 * egress group's vector and its entry in each ingress group's vector are read once, so a pair costs
 * a few typed-array reads and, only where both sides restrict, one memoized intersection.
 *
 * @param destinations the destinations (ascending indexes) to visit from a source, when not all
 */
export function forEachAllowedPair(
  model: ClusterModel,
  reach: Reachability,
  visit: PairVisitor,
  destinations?: (from: number) => Int32Array | undefined,
): void {
  const workloads = model.workloads.length;
  const classes = Int32Array.from(model.workloads, (w) => reach.classOf(w.id) ?? -1);
  const factors = reach.factors();
  const reachable = new ReachableDestinations(classes, factors.egress);
  const ingressGroupOf = Int32Array.from(classes, (c) => (c < 0 ? 0 : factors.ingressGroup(c)));
  const ingressVectors = factors.ingress;
  // The source class's entry in each ingress group's vector (ALL_ID for groups that allow all).
  const entryInto = new Uint32Array(ingressVectors.length);
  const table = reach.table;
  const allowed = new AllowedIds(reach);
  // Local copies: read from module scope in this loop of millions, the constants cost 4x its time.
  const NONE = NONE_ID;
  const ALL = ALL_ID;
  let rowClass = -1;
  let row: DestinationRow = { to: new Int32Array(0), out: new Uint32Array(0) };
  let egress: Uint32Array | null = null;
  for (let a = 0; a < workloads; a++) {
    const from = classes[a] as number;
    if (from < 0) continue;
    if (from !== rowClass) {
      rowClass = from;
      const egressGroup = factors.egressGroup(from);
      egress = factors.egress[egressGroup] ?? null;
      row = reachable.of(egressGroup);
      for (let g = 0; g < ingressVectors.length; g++) {
        const vector = ingressVectors[g];
        entryInto[g] = vector ? (vector[from] as number) : ALL;
      }
    }
    const list = destinations?.(a);
    if (list) {
      for (let k = 0; k < list.length; k++) {
        const b = list[k] as number;
        const to = classes[b] as number;
        if (b === a || to < 0) continue;
        const out = egress ? (egress[to] as number) : ALL;
        if (out === NONE) continue;
        const into = entryInto[ingressGroupOf[b] as number] as number;
        if (into === NONE) continue;
        const id = into === ALL ? out : table.intersect(out, into);
        if (id !== NONE && allowed.has(id)) visit(a, b, id);
      }
      continue;
    }
    // The row's destinations are those the egress does not deny, with that egress entry.
    const { to: targets, out: outs } = row;
    for (let k = 0; k < targets.length; k++) {
      const b = targets[k] as number;
      const into = entryInto[ingressGroupOf[b] as number] as number;
      if (into === NONE || b === a) continue;
      const out = outs[k] as number;
      const id = into === ALL ? out : table.intersect(out, into);
      if (id !== NONE && allowed.has(id)) visit(a, b, id);
    }
  }
}

/** Row entries kept at most (8 bytes each): 32 MB. */
const ROW_BUDGET = 4_000_000;

/** The destinations (ascending) an egress group does not deny, with its entry for each. */
interface DestinationRow {
  to: Int32Array;
  out: Uint32Array;
}

/**
 * Per egress group, the destinations its vector does not deny: most pairs are denied by the
 * source's egress, so the rows skip them without a look. Kept within a budget; past it, a
 * group's row is made again for each source class that needs it (a pass over the workloads,
 * which is what a row costs anyway).
 */
class ReachableDestinations {
  private readonly rows = new Map<number, DestinationRow>();
  private stored = 0;
  private readonly scratch: { to: Int32Array; out: Uint32Array };

  constructor(
    private readonly classes: Int32Array,
    private readonly egress: readonly (Uint32Array | null)[],
  ) {
    this.scratch = { to: new Int32Array(classes.length), out: new Uint32Array(classes.length) };
  }

  of(group: number): DestinationRow {
    let row = this.rows.get(group);
    if (row) return row;
    const vector = this.egress[group];
    const { to, out } = this.scratch;
    let n = 0;
    for (let b = 0; b < this.classes.length; b++) {
      const c = this.classes[b] as number;
      if (c < 0) continue;
      const entry = vector ? (vector[c] as number) : ALL_ID;
      if (entry === NONE_ID) continue;
      to[n] = b;
      out[n++] = entry;
    }
    row = { to: to.slice(0, n), out: out.slice(0, n) };
    if (this.stored + n <= ROW_BUDGET) {
      this.rows.set(group, row);
      this.stored += n;
    }
    return row;
  }
}

/** Which connection ids stand for a non-empty set, decided once per id. */
class AllowedIds {
  /** 0: not decided yet, 1: empty, 2: non-empty. */
  private known = new Uint8Array(256);

  constructor(private readonly reach: Reachability) {}

  has(id: number): boolean {
    const state = id < this.known.length ? (this.known[id] as number) : 0;
    return state === 0 ? this.decide(id) : state === 2;
  }

  private decide(id: number): boolean {
    if (id >= this.known.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.known.length * 2));
      grown.set(this.known);
      this.known = grown;
    }
    const allowed = !isEmpty(this.reach.table.get(id));
    this.known[id] = allowed ? 2 : 1;
    return allowed;
  }
}
