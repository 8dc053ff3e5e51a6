import {
  ALL_ID,
  type ClusterModel,
  type ConnectionSet,
  formatConnectionSet,
  isAll,
  isEmpty,
  NONE_ID,
  type Reachability,
} from '../engine/index.ts';
import { connectionLabel } from './connectionLabel.ts';
import type { PairIndex } from './connections.ts';
import type { Verdict } from './snapshot.ts';

export function verdictOf(set: ConnectionSet): Verdict {
  return isEmpty(set) ? 'denied' : isAll(set) ? 'allowed' : 'partial';
}

/**
 * One side's distinct entries ("kinds"): connection id -> kind through an array, since ids are
 * dense and few (a Map cost 4 million lookups per edit at 5,000 distinct workloads).
 */
class Kinds {
  readonly ids: number[];
  private byId: Int32Array;

  constructor(from?: Kinds) {
    this.ids = from ? [...from.ids] : [];
    this.byId = from ? from.byId.slice() : new Int32Array(64).fill(-1);
  }

  of(id: number): number {
    if (id >= this.byId.length) {
      const grown = new Int32Array(Math.max(id + 1, this.byId.length * 2)).fill(-1);
      grown.set(this.byId);
      this.byId = grown;
    }
    let kind = this.byId[id] as number;
    if (kind < 0) {
      kind = this.ids.length;
      this.byId[id] = kind;
      this.ids.push(id);
    }
    return kind;
  }
}

/** One side of the factored verdicts, re-indexed to the classes workloads use. */
interface SideIndex {
  groupOfClass: Uint32Array;
  kinds: Kinds;
  /** One row per engine group (group ids are stable while policies are), one column per class. */
  vector: Uint16Array | Uint32Array;
}

/** What the next edit's index can start from (kept in the worker, never sent). */
interface Built {
  reach: Reachability;
  representative: Uint32Array;
  egress: SideIndex;
  ingress: SideIndex;
}

const builtFrom = new WeakMap<PairIndex, Built>();

/**
 * The evaluation's verdicts for the classes workloads use, in the engine's factored form: group
 * vectors re-indexed to the distinct side verdicts, and their intersections as set indexes.
 * Cost: groups × classes typed-array steps. After an incremental re-evaluation (`previous` from
 * the same evaluation), rows are copied and only the columns of classes that changed and the rows
 * of new groups are filled: a label toggle at 5,000 distinct workloads fills 851 entries, not
 * 4 million.
 */
export function pairIndex(
  model: ClusterModel,
  reach: Reachability,
  previous?: PairIndex,
  incremental = false,
): PairIndex {
  const compact = new Map<number, number>();
  const representatives: number[] = [];
  const classOf = new Uint32Array(model.workloads.length);
  const engineClassOf = new Uint32Array(model.workloads.length);
  for (const [i, w] of model.workloads.entries()) {
    const c = reach.classOf(w.id) ?? 0;
    engineClassOf[i] = c;
    let index = compact.get(c);
    if (index === undefined) {
      index = compact.size;
      compact.set(c, index);
      representatives.push(c);
    }
    classOf[i] = index;
  }
  const representative = Uint32Array.from(representatives);
  const classCount = representative.length;
  const factors = reach.factors();
  const prior = incremental && previous ? builtFrom.get(previous) : undefined;
  const changed =
    prior && prior.reach === reach ? changedColumns(prior.representative, representative) : undefined;
  const side = (
    vectors: readonly (Uint32Array | null)[],
    groupOf: (c: number) => number,
    before: SideIndex | undefined,
  ): SideIndex => {
    const groupOfClass = new Uint32Array(classCount);
    for (let a = 0; a < classCount; a++) groupOfClass[a] = groupOf(representative[a] as number);
    const kinds = new Kinds(changed ? before?.kinds : undefined);
    const rows = vectors.length;
    // Two bytes per entry while the kinds fit; a typed copy of the previous rows (same type) is a
    // memory copy, where converting between element types walked every entry.
    let vector: Uint16Array | Uint32Array =
      before?.vector instanceof Uint32Array
        ? new Uint32Array(rows * classCount)
        : new Uint16Array(rows * classCount);
    const put = (at: number, kind: number) => {
      if (kind > 0xffff && vector instanceof Uint16Array) vector = new Uint32Array(vector);
      vector[at] = kind;
    };
    const entry = (g: number, b: number) => {
      const source = vectors[g];
      return kinds.of(source ? (source[representative[b] as number] as number) : ALL_ID);
    };
    let keptRows = 0;
    if (changed && before) {
      keptRows = before.vector.length / classCount;
      vector.set(before.vector);
      for (let g = 0; g < keptRows; g++) for (const b of changed) put(g * classCount + b, entry(g, b));
    }
    // New rows (all of them when built whole): one typed pass each into a row buffer.
    const row = new Uint32Array(classCount);
    for (let g = keptRows; g < rows; g++) {
      const source = vectors[g];
      if (source)
        for (let b = 0; b < classCount; b++) row[b] = kinds.of(source[representative[b] as number] as number);
      else row.fill(kinds.of(ALL_ID));
      if (kinds.ids.length > 0x10000 && vector instanceof Uint16Array) vector = new Uint32Array(vector);
      vector.set(row, g * classCount);
    }
    return { groupOfClass, kinds, vector };
  };
  const egress = side(factors.egress, factors.egressGroup, prior?.egress);
  const ingress = side(factors.ingress, factors.ingressGroup, prior?.ingress);
  const { combine, sets } = combineSides(reach, egress.kinds.ids, ingress.kinds.ids);
  const index: PairIndex = {
    classOf,
    engineClassOf,
    classCount,
    egressGroupOf: egress.groupOfClass,
    ingressGroupOf: ingress.groupOfClass,
    egress: egress.vector,
    ingress: ingress.vector,
    ingressKinds: ingress.kinds.ids.length,
    combine,
    sets,
  };
  builtFrom.set(index, { reach, representative, egress, ingress });
  return index;
}

/**
 * Columns whose class changed, when the classes are otherwise the same ones in the same places
 * (a what-if edit moved a few workloads); undefined when the index must be built whole.
 */
function changedColumns(before: Uint32Array, after: Uint32Array): number[] | undefined {
  if (before.length !== after.length) return undefined;
  const changed: number[] = [];
  for (let b = 0; b < after.length; b++) if (before[b] !== after[b]) changed.push(b);
  return changed.length * 8 <= after.length ? changed : undefined;
}

/** Every egress kind meets every ingress kind: their intersection, as an index into `sets`. */
function combineSides(
  reach: Reachability,
  egressIds: readonly number[],
  ingressIds: readonly number[],
): Pick<PairIndex, 'combine' | 'sets'> {
  const setIndex = new Map<number, number>([[NONE_ID, 0]]);
  const sets: PairIndex['sets'] = [{ ports: 'none', verdict: 'denied', label: 'none', conditional: false }];
  const combine = new Uint32Array(egressIds.length * ingressIds.length);
  for (const [e, out] of egressIds.entries()) {
    for (const [i, into] of ingressIds.entries()) {
      const id = reach.table.intersect(out, into);
      let index = setIndex.get(id);
      if (index === undefined) {
        const set = reach.table.get(id);
        index = sets.length;
        sets.push({ ports: formatConnectionSet(set), verdict: verdictOf(set), ...connectionLabel(set) });
        setIndex.set(id, index);
      }
      combine[e * ingressIds.length + i] = index;
    }
  }
  return { combine, sets };
}
