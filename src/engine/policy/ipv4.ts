import type { IpRange } from '../model/types.ts';

export const IPV4_MAX = 0xffffffff;

/** Parses dotted IPv4 `a.b.c.d` into an unsigned number, or undefined. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export type ParsedCidr = { family: 4; range: IpRange; prefix: number } | { family: 6 };

/** Parses an IPv4 or IPv6 CIDR; IPv6 is recognised but not turned into ranges. */
export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (address.includes(':')) {
    return prefix <= 128 && /^[0-9a-fA-F:.]+$/.test(address) ? { family: 6 } : undefined;
  }
  const base = parseIpv4(address);
  if (base === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const start = base - (base % size);
  return { family: 4, range: { start, end: start + size - 1 }, prefix };
}

/** `range` minus every range in `holes`, as sorted disjoint ranges. */
export function subtractRanges(range: IpRange, holes: readonly IpRange[]): IpRange[] {
  const sorted = [...holes].sort((a, b) => a.start - b.start);
  const out: IpRange[] = [];
  let cursor = range.start;
  for (const hole of sorted) {
    if (hole.end < cursor || hole.start > range.end) continue;
    if (hole.start > cursor) out.push({ start: cursor, end: hole.start - 1 });
    cursor = Math.max(cursor, hole.end + 1);
    if (cursor > range.end) return out;
  }
  if (cursor <= range.end) out.push({ start: cursor, end: range.end });
  return out;
}

/** `a.b.c.d-e.f.g.h`, the form the connlist contract uses for external ranges. */
export function formatRange(range: IpRange): string {
  return `${formatIpv4(range.start)}-${formatIpv4(range.end)}`;
}

/** Shortest display: a single CIDR when the range is one, else `start-end`. */
export function formatRangeShort(range: IpRange): string {
  const size = range.end - range.start + 1;
  const prefix = 32 - Math.log2(size);
  if (Number.isInteger(prefix) && range.start % size === 0) return `${formatIpv4(range.start)}/${prefix}`;
  return formatRange(range);
}
