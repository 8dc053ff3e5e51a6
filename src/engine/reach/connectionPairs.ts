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
  let egress: Uint32Array | null = null;
  let egressGroup = 0;
  for (let a = 0; a < workloads; a++) {
    const from = classes[a] as number;
    if (from < 0) continue;
    if (from !== rowClass) {
      rowClass = from;
      egressGroup = factors.egressGroup(from);
      egress = factors.egress[egressGroup] ?? null;
      for (let g = 0; g < ingressVectors.length; g++) {
        const vector = ingressVectors[g];
        entryInto[g] = vector ? (vector[from] as number) : ALL;
      }
    }
    const list = destinations?.(a) ?? reachable.of(egressGroup);
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
  }
}

/** Destination indexes kept at most (4 bytes each): 16 MB. */
const LIST_BUDGET = 4_000_000;

/**
 * Per egress group, the destinations its vector does not deny, ascending: most pairs are denied
 * by the source's egress, so the rows skip them without a look. Kept within a budget; past it, a
 * group's list is made again for each source that needs it (a pass over the workloads, which
 * is what a row costs anyway).
 */
class ReachableDestinations {
  private readonly lists = new Map<number, Int32Array>();
  private stored = 0;

  constructor(
    private readonly classes: Int32Array,
    private readonly egress: readonly (Uint32Array | null)[],
  ) {}

  of(group: number): Int32Array {
    let list = this.lists.get(group);
    if (list) return list;
    const vector = this.egress[group];
    const kept: number[] = [];
    for (let b = 0; b < this.classes.length; b++) {
      const c = this.classes[b] as number;
      if (c >= 0 && (!vector || vector[c] !== NONE_ID)) kept.push(b);
    }
    list = Int32Array.from(kept);
    if (this.stored + list.length <= LIST_BUDGET) {
      this.lists.set(group, list);
      this.stored += list.length;
    }
    return list;
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
