import { PROTOCOLS, type Protocol } from '../model/types.ts';

/** An inclusive port range. */
export type PortRange = readonly [number, number];

/**
 * Which ports of which protocols a connection may use: per protocol, sorted disjoint port ranges.
 * Immutable; build with the functions below.
 */
export type ConnectionSet = Readonly<Record<Protocol, readonly PortRange[]>>;

export const NO_CONNECTIONS: ConnectionSet = Object.freeze({ TCP: [], UDP: [], SCTP: [] });
export const ALL_CONNECTIONS: ConnectionSet = Object.freeze({
  TCP: [[1, 65535]],
  UDP: [[1, 65535]],
  SCTP: [[1, 65535]],
});

/** Ports `from`..`to` of one protocol; every port of it when no range is given. */
export function portsOf(protocol: Protocol, from?: number, to?: number): ConnectionSet {
  const range: PortRange = from === undefined ? [1, 65535] : [from, to ?? from];
  return { ...NO_CONNECTIONS, [protocol]: [range] };
}

export function isEmpty(set: ConnectionSet): boolean {
  return set.TCP.length === 0 && set.UDP.length === 0 && set.SCTP.length === 0;
}

export function isAll(set: ConnectionSet): boolean {
  return PROTOCOLS.every((p) => set[p].length === 1 && set[p][0]?.[0] === 1 && set[p][0]?.[1] === 65535);
}

export function union(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  return {
    TCP: mergeRanges(a.TCP, b.TCP),
    UDP: mergeRanges(a.UDP, b.UDP),
    SCTP: mergeRanges(a.SCTP, b.SCTP),
  };
}

export function intersect(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (isEmpty(a) || isEmpty(b)) return NO_CONNECTIONS;
  return {
    TCP: intersectRanges(a.TCP, b.TCP),
    UDP: intersectRanges(a.UDP, b.UDP),
    SCTP: intersectRanges(a.SCTP, b.SCTP),
  };
}

/** Canonical text of a set, usable as a map key: `T80-80,8080-8090|U53-53|S`. */
export function connectionKey(set: ConnectionSet): string {
  return PROTOCOLS.map((p) => p[0] + set[p].map(([lo, hi]) => `${lo}-${hi}`).join(',')).join('|');
}

/** Human text: `all`, `none`, or `TCP 80,8080-8090; UDP 53`. */
export function formatConnectionSet(set: ConnectionSet): string {
  if (isAll(set)) return 'all';
  if (isEmpty(set)) return 'none';
  return PROTOCOLS.filter((p) => set[p].length > 0)
    .map(
      (p) =>
        `${p} ${set[p].map(([lo, hi]) => (lo === 1 && hi === 65535 ? 'all ports' : lo === hi ? `${lo}` : `${lo}-${hi}`)).join(',')}`,
    )
    .join('; ');
}

function mergeRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as PortRange;
    const y = b[j] as PortRange;
    const lo = Math.max(x[0], y[0]);
    const hi = Math.min(x[1], y[1]);
    if (lo <= hi) out.push([lo, hi]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}
