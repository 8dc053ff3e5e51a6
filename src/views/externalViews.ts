import {
  type ClusterModel,
  formatConnectionSet,
  formatRangeShort,
  type IpRange,
  isEmpty,
  type Reachability,
} from '../engine/index.ts';
import { connectionLabel } from './connectionLabel.ts';
import type { PairIndex } from './connections.ts';
import { verdictOf } from './pairIndex.ts';
import type { Snapshot } from './snapshot.ts';

type ExternalViews = Pick<Snapshot, 'externalRanges' | 'external' | 'externalGroups'>;

/**
 * External address ranges as the interface shows them: adjacent ranges with the same verdicts for
 * every workload merged, the verdicts of each merged range per workload (as set indexes, one cell
 * per workload and range: 44,000 objects at 5,000 workloads cost more to build, send and walk than
 * the verdicts they carried), and graph nodes for ranges that share their verdicts everywhere (the
 * largest is "Internet").
 */
export function externalViews(model: ClusterModel, reach: Reachability): ExternalViews {
  const ids = model.workloads.map((w) => reach.externalIds(w.id));
  const columns = new RangeColumns(ids);
  // Signature of a range: the class of its column (verdict ids of every workload, both directions).
  const signatureOf = reach.addressRanges.map((_, r) => columns.classOf(r));
  const merged: { range: IpRange; signature: number }[] = [];
  for (const [r, range] of reach.addressRanges.entries()) {
    const signature = signatureOf[r] as number;
    const last = merged[merged.length - 1];
    if (last && last.signature === signature) last.range = { start: last.range.start, end: range.end };
    else merged.push({ range: { ...range }, signature });
  }
  const externalRanges = merged.map((m) => formatRangeShort(m.range));
  // Few distinct sets: their words are made once each, and cells hold their index.
  const sets: PairIndex['sets'] = [{ ports: 'none', verdict: 'denied', label: 'none', conditional: false }];
  const setIndex = new Map<number, number>();
  const indexOf = (id: number): number => {
    if (id === 0) return 0;
    let index = setIndex.get(id);
    if (index === undefined) {
      const set = reach.table.get(id);
      index = isEmpty(set) ? 0 : sets.length;
      if (index !== 0)
        sets.push({ ports: formatConnectionSet(set), verdict: verdictOf(set), ...connectionLabel(set) });
      setIndex.set(id, index);
    }
    return index;
  };
  const rangeCount = merged.length;
  const representatives = merged.map((m) => columns.representative(m.signature));
  // Workloads of one side group share their external array: its row of cells is made once.
  const rows = new Map<Uint32Array, Uint16Array>();
  const rowOf = (array: Uint32Array) => {
    let row = rows.get(array);
    if (!row) {
      row = Uint16Array.from(representatives, (r) => indexOf(array[r] ?? 0));
      rows.set(array, row);
    }
    return row;
  };
  const inbound = new Uint16Array(model.workloads.length * rangeCount);
  const outbound = new Uint16Array(model.workloads.length * rangeCount);
  for (let k = 0; k < model.workloads.length; k++) {
    const pair = ids[k];
    if (!pair) continue;
    inbound.set(rowOf(pair[0]), k * rangeCount);
    outbound.set(rowOf(pair[1]), k * rangeCount);
  }
  return {
    externalRanges,
    external: { sets, inbound, outbound },
    externalGroups: externalGroups(merged, externalRanges),
  };
}

/** Graph nodes: ranges with the same verdicts everywhere form one node; the largest is "Internet". */
function externalGroups(
  merged: readonly { range: IpRange; signature: number }[],
  names: readonly string[],
): Snapshot['externalGroups'] {
  const groups = new Map<number, { ranges: string[]; size: number }>();
  for (const [i, m] of merged.entries()) {
    const group = groups.get(m.signature) ?? { ranges: [], size: 0 };
    group.ranges.push(names[i] as string);
    group.size += m.range.end - m.range.start + 1;
    groups.set(m.signature, group);
  }
  const largest = Math.max(...[...groups.values()].map((g) => g.size));
  return [...groups.values()].map((g) => ({
    id: `ext:${g.ranges.join(',')}`,
    label:
      g.size === largest
        ? g.ranges.length === 1 && g.ranges[0] === '0.0.0.0/0'
          ? 'Internet'
          : 'Internet (other addresses)'
        : g.ranges.join(', '),
    ranges: g.ranges,
  }));
}

/**
 * Ranges grouped by their column of verdict ids (every workload, both directions), compared as
 * numbers: a hash per column, then an exact check against the columns already seen. Workloads of
 * one side group share their external arrays, so a column reads each distinct array once (at 5,000
 * distinct workloads, about 850 arrays instead of 10,000 entries; string keys cost hundreds of ms).
 */
class RangeColumns {
  private readonly byHash = new Map<number, number[]>();
  private readonly columns: Uint32Array[] = [];
  private readonly ranges: number[] = [];
  private readonly arrays: Uint32Array[];

  constructor(ids: readonly ([Uint32Array, Uint32Array] | undefined)[]) {
    const distinct = new Set<Uint32Array>();
    for (const pair of ids) {
      if (!pair) continue;
      distinct.add(pair[0]);
      distinct.add(pair[1]);
    }
    this.arrays = [...distinct];
  }

  /** The class of range `r`'s column: equal columns, equal classes. */
  classOf(r: number): number {
    const column = new Uint32Array(this.arrays.length);
    let hash = 2166136261;
    for (const [k, array] of this.arrays.entries()) {
      const id = array[r] ?? 0;
      column[k] = id;
      hash = Math.imul(hash ^ id, 16777619);
    }
    const candidates = this.byHash.get(hash) ?? [];
    for (const c of candidates) if (sameColumn(this.columns[c] as Uint32Array, column)) return c;
    const id = this.columns.length;
    this.columns.push(column);
    this.ranges.push(r);
    candidates.push(id);
    this.byHash.set(hash, candidates);
    return id;
  }

  /** The first range of a class. */
  representative(classId: number): number {
    return this.ranges[classId] ?? 0;
  }
}

function sameColumn(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
