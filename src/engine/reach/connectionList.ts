import type { ClusterModel, IpRange, Protocol } from '../model/types.ts';
import {
  type ConnectionSet,
  coversAllPorts,
  DIMENSION_EXTENT,
  type Dimension,
  formatRanges,
  isEmpty,
  type PortRange,
} from '../policy/connectionSet.ts';
import { protocolName } from '../policy/ipProtocols.ts';
import { formatRange } from '../policy/ipv4.ts';
import { mergeRanges as mergePortRanges, sameRanges, subtractSortedRanges } from '../policy/ranges.ts';
import { forEachAllowedPair, type PairVisitor } from './connectionPairs.ts';
import { NONE_ID } from './connectionTable.ts';
import type { Reachability } from './reachability.ts';

export type { PairVisitor } from './connectionPairs.ts';

/** One allowed connection; `from`/`to` are `namespace/name` or an IPv4 range `a.b.c.d-e.f.g.h`. */
export interface ConnectionEntry {
  from: string;
  to: string;
  set: ConnectionSet;
  external: boolean;
  /** The set's id in the evaluation's table: equal ids, equal sets (for caching their text). */
  id?: number;
}

/** The connlist JSON form of a set: `"all"`, or `[{protocol, port?}]` (port `80` or `"80-90"`). */
export type ContractAllowed = 'all' | { protocol: Protocol; port?: number | string }[];

/** IP protocols beyond TCP/UDP/SCTP in the corpus contract's form. */
export type ContractOther =
  | 'all'
  | { allExcept: string[] }
  | { protocol: string; type?: number; code?: number }[];

/** TCP/UDP/SCTP ports allowed for at least some requests (conditional ports included). */
export function toContractAllowed(set: ConnectionSet): ContractAllowed {
  const ports = withConditionalPorts(set);
  if (coversAllPorts(ports)) return 'all';
  const list: { protocol: Protocol; port?: number | string }[] = [];
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    for (const [lo, hi] of ports[protocol]) {
      if (lo === 1 && hi === 65535) list.push({ protocol });
      else list.push({ protocol, port: lo === hi ? lo : `${lo}-${hi}` });
    }
  }
  return list;
}

/** The other IP protocols a set allows, or undefined when none. */
export function toContractOther(set: ConnectionSet): ContractOther | undefined {
  const other = withConditionalPorts(set);
  const whole = (d: Dimension) => sameRanges(other[d], DIMENSION_EXTENT[d]);
  if (whole('ICMP') && whole('ICMPv6') && whole('IP')) return 'all';
  const missingIp = subtractSortedRanges(DIMENSION_EXTENT.IP, other.IP);
  const onlyWholeMissing = whole('ICMP') && whole('ICMPv6') && missingIp.every(([lo, hi]) => hi - lo < 8);
  if (onlyWholeMissing && missingIp.length > 0) {
    const names = missingIp.flatMap(([lo, hi]) =>
      Array.from({ length: hi - lo + 1 }, (_, i) => protocolName(lo + i)),
    );
    return { allExcept: names };
  }
  const list: { protocol: string; type?: number; code?: number }[] = [];
  for (const d of ['ICMP', 'ICMPv6'] as const) {
    if (whole(d)) list.push({ protocol: d });
    else
      for (const [lo, hi] of other[d])
        for (let key = lo; key <= hi; key++) {
          const type = key >> 8;
          if ((key & 255) === 0 && hi - key >= 255) {
            list.push({ protocol: d, type });
            key += 255;
          } else list.push({ protocol: d, type, code: key & 255 });
        }
  }
  for (const [lo, hi] of other.IP)
    for (let p = lo; p <= hi && list.length < 300; p++) list.push({ protocol: protocolName(p) });
  return list.length > 0 ? list : undefined;
}

/** Conditional (L7) parts of a set in the contract's spirit: which port, and for which requests. */
export function toContractConditions(
  set: ConnectionSet,
): { protocol: string; ports: string; when: string }[] {
  return (set.conditional ?? []).map((c) => ({
    protocol: c.dimension,
    ports: formatRanges(c.dimension, [c.range]),
    when: c.when,
  }));
}

function withConditionalPorts(set: ConnectionSet): Record<Dimension, readonly PortRange[]> {
  if (!set.conditional?.length) return set;
  const out: Record<Dimension, PortRange[]> = { TCP: [], UDP: [], SCTP: [], ICMP: [], ICMPv6: [], IP: [] };
  for (const d of Object.keys(out) as Dimension[]) out[d].push(...set[d]);
  for (const c of set.conditional) out[c.dimension].push(c.range);
  for (const d of Object.keys(out) as Dimension[]) out[d] = mergePortRanges(out[d]);
  return out;
}

/**
 * Every allowed connection: each ordered pair of distinct workloads with a non-empty set, then
 * external ranges to and from each workload (adjacent ranges with the same verdict merged).
 * Sorted by from, then to, so output is stable.
 */
export function listConnections(model: ClusterModel, reach: Reachability): ConnectionEntry[] {
  const entries: ConnectionEntry[] = [];
  forEachConnection(model, reach, (entry) => {
    entries.push(entry);
  });
  return entries;
}

/** What a caller of forEachConnection can leave out (a summary of its own stands for it). */
export interface ConnectionSkips {
  /**
   * The destinations (indexes into model.workloads, ascending) to visit from a source, when not
   * all.
   */
  destinations?: (from: number) => Int32Array | undefined;
  /** A workload's external entries: `in` from addresses to it, `out` from it to addresses. */
  external?: (workload: number, direction: 'in' | 'out') => boolean;
}

/**
 * Calls `visit` for every allowed connection in connlist order, without holding them all: the
 * pair verdicts are looked up class by class, so time grows with the pairs visited and memory
 * with the output the caller keeps.
 */
export function forEachConnection(
  model: ClusterModel,
  reach: Reachability,
  visit: (entry: ConnectionEntry) => void,
  skip: ConnectionSkips = {},
): void {
  const ids = model.workloads.map((w) => w.id);
  visitConnections(
    model,
    reach,
    {
      pair: (a, b, id) =>
        visit({
          from: ids[a] as string,
          to: ids[b] as string,
          set: reach.table.get(id),
          external: false,
          id,
        }),
      external: visit,
    },
    skip,
  );
}

/** Where visitConnections sends what it finds. */
export interface ConnectionVisitors {
  /** A pair of workloads, as indexes into model.workloads, with its connection id. */
  pair: PairVisitor;
  /** An entry between a workload and an external range (after every pair, sorted). */
  external: (entry: ConnectionEntry) => void;
}

/**
 * forEachConnection for callers that write many pairs: a pair comes as two workload indexes and
 * a connection id, with no object made for it (names and set texts can be prepared once each).
 */
export function visitConnections(
  model: ClusterModel,
  reach: Reachability,
  visitors: ConnectionVisitors,
  skip: ConnectionSkips = {},
): void {
  forEachAllowedPair(model, reach, visitors.pair, skip.destinations);
  // Workloads of one side group share their external verdicts (the same array): its merged,
  // formatted ranges are made once.
  const segmentsOf = new Map<Uint32Array, { range: string; id: number; set: ConnectionSet }[]>();
  const segments = (ids: Uint32Array) => {
    let list = segmentsOf.get(ids);
    if (!list) {
      list = mergeRanges(reach.addressRanges, ids)
        .map((s) => ({ range: formatRange(s.range), id: s.id, set: reach.table.get(s.id) }))
        .filter((s) => !isEmpty(s.set));
      segmentsOf.set(ids, list);
    }
    return list;
  };
  const external: ConnectionEntry[] = [];
  for (const [index, { id: workload }] of model.workloads.entries()) {
    const ids = reach.externalIds(workload);
    if (!ids) continue;
    const [fromExternal, toExternal] = ids;
    if (!skip.external?.(index, 'in'))
      for (const { range, id, set } of segments(fromExternal))
        external.push({ from: range, to: workload, set, external: true, id });
    if (!skip.external?.(index, 'out'))
      for (const { range, id, set } of segments(toExternal))
        external.push({ from: workload, to: range, set, external: true, id });
  }
  for (const entry of external.sort(compareEntries)) visitors.external(entry);
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
