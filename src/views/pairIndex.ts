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

/** One side of the factored verdicts, re-indexed to the classes workloads use. */
interface SideIndex {
  groupOfClass: Uint32Array;
  /** Connection ids of the distinct entries (the side's "kinds"). */
  kindIds: number[];
  vector: Uint16Array | Uint32Array;
}

/**
 * The evaluation's verdicts for the classes workloads use, in the engine's factored form: group
 * vectors re-indexed to the distinct side verdicts, and their intersections as set indexes.
 * Cost: groups × classes typed-array steps (connection ids are mapped to kinds through an array,
 * not a Map: at 5,000 distinct workloads that is 4 million entries on every edit).
 */
export function pairIndex(model: ClusterModel, reach: Reachability): PairIndex {
  const compact = new Map<number, number>();
  const representative: number[] = [];
  const classOf = new Uint32Array(model.workloads.length);
  const engineClassOf = new Uint32Array(model.workloads.length);
  for (const [i, w] of model.workloads.entries()) {
    const c = reach.classOf(w.id) ?? 0;
    engineClassOf[i] = c;
    let index = compact.get(c);
    if (index === undefined) {
      index = compact.size;
      compact.set(c, index);
      representative.push(c);
    }
    classOf[i] = index;
  }
  const classCount = compact.size;
  const factors = reach.factors();
  const tableSize = reach.table.size;
  const side = (vectors: readonly (Uint32Array | null)[], groupOf: (c: number) => number): SideIndex => {
    const groups = new Map<number, number>();
    const groupOfClass = new Uint32Array(classCount);
    for (const [a, c] of representative.entries()) {
      const g = groupOf(c);
      let index = groups.get(g);
      if (index === undefined) {
        index = groups.size;
        groups.set(g, index);
      }
      groupOfClass[a] = index;
    }
    // Connection id -> kind through an array (ids are dense and few), in one typed pass per group.
    const kindOfId = new Int32Array(tableSize).fill(-1);
    const kindIds: number[] = [];
    const classes = Uint32Array.from(representative);
    let flat: Uint16Array | Uint32Array = new Uint16Array(groups.size * classCount);
    for (const [g, index] of groups) {
      const vector = vectors[g];
      const base = index * classCount;
      for (let b = 0; b < classCount; b++) {
        const id = vector ? (vector[classes[b] as number] as number) : ALL_ID;
        let kind = kindOfId[id] as number;
        if (kind < 0) {
          kind = kindIds.length;
          kindOfId[id] = kind;
          kindIds.push(id);
          if (kind === 65536) flat = Uint32Array.from(flat);
        }
        flat[base + b] = kind;
      }
    }
    return { groupOfClass, kindIds, vector: flat };
  };
  const egress = side(factors.egress, factors.egressGroup);
  const ingress = side(factors.ingress, factors.ingressGroup);
  const setIndex = new Map<number, number>([[NONE_ID, 0]]);
  const sets: PairIndex['sets'] = [{ ports: 'none', verdict: 'denied', label: 'none', conditional: false }];
  const combine = new Uint32Array(egress.kindIds.length * ingress.kindIds.length);
  for (const [e, out] of egress.kindIds.entries()) {
    for (const [i, into] of ingress.kindIds.entries()) {
      const id = reach.table.intersect(out, into);
      let index = setIndex.get(id);
      if (index === undefined) {
        const set = reach.table.get(id);
        index = sets.length;
        sets.push({ ports: formatConnectionSet(set), verdict: verdictOf(set), ...connectionLabel(set) });
        setIndex.set(id, index);
      }
      combine[e * ingress.kindIds.length + i] = index;
    }
  }
  return {
    classOf,
    engineClassOf,
    classCount,
    egressGroupOf: egress.groupOfClass,
    ingressGroupOf: ingress.groupOfClass,
    egress: egress.vector,
    ingress: ingress.vector,
    ingressKinds: ingress.kindIds.length,
    combine,
    sets,
  };
}
