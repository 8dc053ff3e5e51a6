import type { ClusterModel, IpRange, Protocol } from '../model/types.ts';
import { type ConnectionSet, isAll, isEmpty } from '../policy/connectionSet.ts';
import { formatRange } from '../policy/ipv4.ts';
import { NONE_ID } from './connectionTable.ts';
import type { Reachability } from './reachability.ts';

/** One allowed connection; `from`/`to` are `namespace/name` or an IPv4 range `a.b.c.d-e.f.g.h`. */
export interface ConnectionEntry {
  from: string;
  to: string;
  set: ConnectionSet;
  external: boolean;
}

/** The connlist JSON form of a set: `"all"`, or `[{protocol, port?}]` (port `80` or `"80-90"`). */
export type ContractAllowed = 'all' | { protocol: Protocol; port?: number | string }[];

export function toContractAllowed(set: ConnectionSet): ContractAllowed {
  if (isAll(set)) return 'all';
  const list: { protocol: Protocol; port?: number | string }[] = [];
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    for (const [lo, hi] of set[protocol]) {
      if (lo === 1 && hi === 65535) list.push({ protocol });
      else list.push({ protocol, port: lo === hi ? lo : `${lo}-${hi}` });
    }
  }
  return list;
}

/**
 * Every allowed connection: each ordered pair of distinct workloads with a non-empty set, then
 * external ranges to and from each workload (adjacent ranges with the same verdict merged).
 * Sorted by from, then to, so output is stable.
 */
export function listConnections(model: ClusterModel, reach: Reachability): ConnectionEntry[] {
  const entries: ConnectionEntry[] = [];
  const ids = model.workloads.map((w) => w.id);
  for (const from of ids) {
    for (const to of ids) {
      if (from === to) continue;
      const id = reach.idBetween(from, to);
      if (id !== NONE_ID) entries.push({ from, to, set: reach.table.get(id), external: false });
    }
  }
  for (const workload of ids) {
    const external = reach.externalIds(workload);
    if (!external) continue;
    const [fromExternal, toExternal] = external;
    for (const segment of mergeRanges(reach.addressRanges, fromExternal)) {
      entries.push({
        from: formatRange(segment.range),
        to: workload,
        set: reach.table.get(segment.id),
        external: true,
      });
    }
    for (const segment of mergeRanges(reach.addressRanges, toExternal)) {
      entries.push({
        from: workload,
        to: formatRange(segment.range),
        set: reach.table.get(segment.id),
        external: true,
      });
    }
  }
  return entries.filter((e) => !isEmpty(e.set)).sort(compareEntries);
}

/** Joins adjacent ranges that carry the same connection id; drops the empty ones. */
export function mergeRanges(ranges: readonly IpRange[], ids: Uint32Array): { range: IpRange; id: number }[] {
  const out: { range: IpRange; id: number }[] = [];
  for (const [i, range] of ranges.entries()) {
    const id = ids[i] ?? NONE_ID;
    const last = out[out.length - 1];
    if (last && last.id === id && last.range.end + 1 === range.start)
      last.range = { start: last.range.start, end: range.end };
    else out.push({ range: { ...range }, id });
  }
  return out.filter((s) => s.id !== NONE_ID);
}

function compareEntries(a: ConnectionEntry, b: ConnectionEntry): number {
  if (a.external !== b.external) return a.external ? 1 : -1;
  return a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0;
}
