import type { Protocol } from '../model/types.ts';
import { intersectRanges, mergeRanges, sameRanges, subtractSortedRanges } from './ranges.ts';

/** An inclusive range of ports (TCP, UDP, SCTP), ICMP type/code keys, or IP protocol numbers. */
export type PortRange = readonly [number, number];

/**
 * The axes a connection is described on. TCP, UDP and SCTP by destination port (1-65535); ICMP and
 * ICMPv6 by `type * 256 + code` (0-65535), so "type 8, any code" is the range 2048-2303; IP by
 * protocol number (0-255) for every other IP protocol (GRE 47, ESP 50, UDPLite 136, ...).
 */
export type Dimension = Protocol | 'ICMP' | 'ICMPv6' | 'IP';
export const DIMENSIONS: readonly Dimension[] = ['TCP', 'UDP', 'SCTP', 'ICMP', 'ICMPv6', 'IP'];
export const OTHER_DIMENSIONS: readonly Dimension[] = ['ICMP', 'ICMPv6', 'IP'];

/** IP protocol numbers that have an axis of their own and so never appear on the IP axis. */
export const PROTOCOL_NUMBERS: Readonly<Record<Exclude<Dimension, 'IP'>, number>> = {
  ICMP: 1,
  TCP: 6,
  UDP: 17,
  ICMPv6: 58,
  SCTP: 132,
};

/** The whole extent of each axis. */
export const DIMENSION_EXTENT: Readonly<Record<Dimension, readonly PortRange[]>> = {
  TCP: [[1, 65535]],
  UDP: [[1, 65535]],
  SCTP: [[1, 65535]],
  ICMP: [[0, 65535]],
  ICMPv6: [[0, 65535]],
  IP: [
    [0, 0],
    [2, 5],
    [7, 16],
    [18, 57],
    [59, 131],
    [133, 255],
  ],
};

/**
 * A part of a connection that is allowed only for some requests: an L7 rule (HTTP method and path,
 * DNS names, Kafka topics) or an external authorizer decides. `when` says which requests, in the
 * words of the policy ("only GET /api/.*"). Several entries on one range mean "any of these".
 */
export interface ConditionalRange {
  dimension: Dimension;
  range: PortRange;
  when: string;
}

/**
 * Which connections are allowed: per axis, sorted disjoint ranges allowed for every request, plus
 * `conditional` ranges (disjoint from those) allowed only for some requests. Immutable; build with
 * the functions below.
 */
export type ConnectionSet = Readonly<Record<Dimension, readonly PortRange[]>> & {
  readonly conditional?: readonly ConditionalRange[];
};

export const NO_CONNECTIONS: ConnectionSet = Object.freeze({
  TCP: [],
  UDP: [],
  SCTP: [],
  ICMP: [],
  ICMPv6: [],
  IP: [],
});
export const ALL_CONNECTIONS: ConnectionSet = Object.freeze({ ...DIMENSION_EXTENT });

/** Every port of TCP, UDP and SCTP and nothing else: what "all" means in connlist's contract. */
export const ALL_PORT_PROTOCOLS: ConnectionSet = Object.freeze({
  ...NO_CONNECTIONS,
  TCP: DIMENSION_EXTENT.TCP,
  UDP: DIMENSION_EXTENT.UDP,
  SCTP: DIMENSION_EXTENT.SCTP,
});

/** Ports `from`..`to` of one axis; the whole axis when no range is given. */
export function portsOf(dimension: Dimension, from?: number, to?: number): ConnectionSet {
  const ranges: readonly PortRange[] =
    from === undefined ? DIMENSION_EXTENT[dimension] : [[from, to ?? from]];
  return { ...NO_CONNECTIONS, [dimension]: ranges };
}

/** ICMP (or ICMPv6) messages: every message, one type, or one type and code. */
export function icmpOf(dimension: 'ICMP' | 'ICMPv6', type?: number, code?: number): ConnectionSet {
  if (type === undefined) return portsOf(dimension);
  return code === undefined
    ? portsOf(dimension, type * 256, type * 256 + 255)
    : portsOf(dimension, type * 256 + code);
}

/** One IP protocol by number, on the axis that describes it. */
export function protocolNumberOf(protocol: number): ConnectionSet {
  for (const [dimension, number] of Object.entries(PROTOCOL_NUMBERS))
    if (number === protocol) return portsOf(dimension as Dimension);
  return portsOf('IP', protocol);
}

export function isEmpty(set: ConnectionSet): boolean {
  return DIMENSIONS.every((d) => set[d].length === 0) && !set.conditional?.length;
}

/** True when nothing is allowed unconditionally (conditional parts may remain). */
export function isUnconditionallyEmpty(set: ConnectionSet): boolean {
  return DIMENSIONS.every((d) => set[d].length === 0);
}

export function isAll(set: ConnectionSet): boolean {
  return DIMENSIONS.every((d) => sameRanges(set[d], DIMENSION_EXTENT[d]));
}

/** Whether every port of TCP, UDP and SCTP is allowed for every request. */
export function coversAllPorts(set: ConnectionSet): boolean {
  return (['TCP', 'UDP', 'SCTP'] as const).every((d) => sameRanges(set[d], DIMENSION_EXTENT[d]));
}

export function union(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  const out = mapDimensions((d) => mergeRanges([...a[d], ...b[d]]));
  return withConditional(out, [...(a.conditional ?? []), ...(b.conditional ?? [])]);
}

export function intersect(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (isEmpty(a) || isEmpty(b)) return NO_CONNECTIONS;
  const out = mapDimensions((d) => intersectRanges(a[d], b[d]));
  const conditional: ConditionalRange[] = [];
  for (const entry of a.conditional ?? []) conditional.push(...clip(entry, b[entry.dimension]));
  for (const entry of b.conditional ?? []) conditional.push(...clip(entry, a[entry.dimension]));
  for (const x of a.conditional ?? []) {
    for (const y of b.conditional ?? []) {
      if (x.dimension !== y.dimension) continue;
      const lo = Math.max(x.range[0], y.range[0]);
      const hi = Math.min(x.range[1], y.range[1]);
      if (lo <= hi) conditional.push({ dimension: x.dimension, range: [lo, hi], when: both(x.when, y.when) });
    }
  }
  return withConditional(out, conditional);
}

/** What `a` allows that `b` does not allow unconditionally. */
export function subtract(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (isEmpty(a) || isUnconditionallyEmpty(b)) return a;
  const out = mapDimensions((d) => subtractSortedRanges(a[d], b[d]));
  const conditional: ConditionalRange[] = [];
  for (const entry of a.conditional ?? []) {
    for (const range of subtractSortedRanges([entry.range], b[entry.dimension]))
      conditional.push({ ...entry, range });
  }
  return withConditional(out, conditional);
}

/**
 * The same connections, allowed only when `when` holds: every unconditional range becomes
 * conditional, and conditional ones gain the condition.
 */
export function restrictTo(set: ConnectionSet, when: string): ConnectionSet {
  const conditional: ConditionalRange[] = [];
  for (const d of DIMENSIONS) for (const range of set[d]) conditional.push({ dimension: d, range, when });
  for (const entry of set.conditional ?? []) conditional.push({ ...entry, when: both(entry.when, when) });
  return withConditional(NO_CONNECTIONS, conditional);
}

/** Only the given axes of a set (conditional parts included). */
export function onlyDimensions(set: ConnectionSet, dimensions: readonly Dimension[]): ConnectionSet {
  const keep = new Set(dimensions);
  const out = mapDimensions((d) => (keep.has(d) ? set[d] : []));
  return withConditional(
    out,
    (set.conditional ?? []).filter((c) => keep.has(c.dimension)),
  );
}

/** Canonical text of a set, usable as a map key. */
export function connectionKey(set: ConnectionSet): string {
  const key = DIMENSIONS.map(
    (d) => d[0] + d.slice(-1) + set[d].map(([lo, hi]) => `${lo}-${hi}`).join(','),
  ).join('|');
  if (!set.conditional?.length) return key;
  return `${key}?${set.conditional.map((c) => `${c.dimension}${c.range[0]}-${c.range[1]}:${c.when}`).join('\u0001')}`;
}

/** Human text: `all`, `none`, or `TCP 80,8080-8090; UDP 53; ICMP type 8` (+ conditional parts). */
export function formatConnectionSet(set: ConnectionSet): string {
  if (isAll(set) && !set.conditional?.length) return 'all';
  if (isEmpty(set)) return 'none';
  const parts: string[] = [];
  if (coversAllPorts(set) && !isAll(set)) parts.push('all ports');
  for (const d of DIMENSIONS) {
    if (coversAllPorts(set) && (d === 'TCP' || d === 'UDP' || d === 'SCTP')) continue;
    if (set[d].length === 0) continue;
    parts.push(`${d} ${formatRanges(d, set[d])}`);
  }
  const unconditional = isAll(set) ? 'all' : parts.join('; ');
  const conditional = (set.conditional ?? []).map(
    (c) => `${c.dimension} ${formatRanges(c.dimension, [c.range])} ${c.when}`,
  );
  return [unconditional, ...conditional].filter(Boolean).join('; ');
}

/** Ranges of one axis as people read them: `80,8080-8090`, `all ports`, `type 8 code 0`, `GRE`. */
export function formatRanges(dimension: Dimension, ranges: readonly PortRange[]): string {
  if (sameRanges(ranges, DIMENSION_EXTENT[dimension]))
    return dimension === 'IP' ? 'every other protocol' : dimension.startsWith('ICMP') ? 'all' : 'all ports';
  return ranges.map(([lo, hi]) => formatRange(dimension, lo, hi)).join(',');
}

function formatRange(dimension: Dimension, lo: number, hi: number): string {
  if (dimension === 'ICMP' || dimension === 'ICMPv6') {
    const type = lo >> 8;
    if (lo === hi) return `type ${type} code ${lo & 255}`;
    if ((lo & 255) === 0 && hi === lo + 255) return `type ${type}`;
    return `types ${type}-${hi >> 8}`;
  }
  if (dimension === 'IP') return lo === hi ? `protocol ${lo}` : `protocols ${lo}-${hi}`;
  return lo === hi ? `${lo}` : `${lo}-${hi}`;
}

function mapDimensions(f: (d: Dimension) => readonly PortRange[]): Record<Dimension, readonly PortRange[]> {
  return { TCP: f('TCP'), UDP: f('UDP'), SCTP: f('SCTP'), ICMP: f('ICMP'), ICMPv6: f('ICMPv6'), IP: f('IP') };
}

function clip(entry: ConditionalRange, ranges: readonly PortRange[]): ConditionalRange[] {
  return intersectRanges([entry.range], ranges).map((range) => ({ ...entry, range }));
}

function both(x: string, y: string): string {
  if (x === y) return x;
  return [x, y].sort().join(' and ');
}

/**
 * Normalises conditional entries: drops what the unconditional ranges already allow, merges
 * adjacent ranges with the same condition, and sorts, so equal sets have equal keys.
 */
function withConditional(
  unconditional: Record<Dimension, readonly PortRange[]>,
  entries: readonly ConditionalRange[],
): ConnectionSet {
  if (entries.length === 0) return unconditional;
  const byCondition = new Map<string, PortRange[]>();
  for (const entry of entries) {
    for (const range of subtractSortedRanges([entry.range], unconditional[entry.dimension])) {
      const key = `${entry.dimension}\u0000${entry.when}`;
      const list = byCondition.get(key) ?? [];
      list.push(range);
      byCondition.set(key, list);
    }
  }
  const conditional: ConditionalRange[] = [];
  for (const [key, ranges] of byCondition) {
    const [dimension, when] = key.split('\u0000') as [Dimension, string];
    for (const range of mergeRanges(ranges)) conditional.push({ dimension, range, when });
  }
  if (conditional.length === 0) return unconditional;
  conditional.sort(
    (x, y) =>
      DIMENSIONS.indexOf(x.dimension) - DIMENSIONS.indexOf(y.dimension) ||
      x.range[0] - y.range[0] ||
      (x.when < y.when ? -1 : x.when > y.when ? 1 : 0),
  );
  return { ...unconditional, conditional };
}
