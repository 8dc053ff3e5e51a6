import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import type { IpRange } from '../../model/types.ts';
import { NONE } from '../../policy/expr.ts';
import { formatRangeShort, parseCidr, subtractRanges } from '../../policy/ipv4.ts';

/** A CIDR peer: external addresses only (Cilium selects pods by identity, never by IP). */
export interface CidrPeer {
  endpoints: typeof NONE;
  external: readonly IpRange[];
  label: string;
  note?: string;
  node: unknown;
}

/**
 * Reads `fromCIDR`/`toCIDR` (plain CIDR strings; a bare address counts as /32) or
 * `fromCIDRSet`/`toCIDRSet` (`{cidr, except}`). An invalid CIDR is an error the API server
 * rejects (undefined); IPv6 blocks are kept as peers that cover no IPv4 address, with a note.
 */
export function readCidrPeers(
  ctx: ObjectContext,
  list: readonly unknown[],
  at: string,
  isSet: boolean,
): CidrPeer[] | undefined {
  const peers: CidrPeer[] = [];
  for (const [i, raw] of list.entries()) {
    const path = `${at}[${i}]`;
    const record = isSet ? asRecord(raw) : undefined;
    if (isSet && !record) {
      ctx.report(
        'error',
        raw ?? list,
        undefined,
        path,
        'each CIDR set entry must be a mapping with cidr (and except)',
        true,
      );
      return undefined;
    }
    if (record && field(record, 'cidr') === undefined) {
      const group = field(record, 'cidrGroupRef') ?? field(record, 'cidrGroupSelector');
      if (group !== undefined) {
        ctx.report(
          'warning',
          record,
          undefined,
          path,
          'CiliumCIDRGroup references are not resolved: this peer matches nothing here',
        );
        peers.push({ endpoints: NONE, external: [], label: 'CIDR group (not resolved)', node: record });
        continue;
      }
    }
    const text = record ? asString(field(record, 'cidr')) : asString(raw);
    const parsed =
      text === undefined
        ? undefined
        : parseCidr(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`);
    if (!parsed || text === undefined) {
      ctx.report(
        'error',
        record ?? list,
        record ? 'cidr' : undefined,
        record ? `${path}.cidr` : path,
        `"${String(text ?? raw)}" is not a CIDR such as 10.0.0.0/8`,
        true,
      );
      return undefined;
    }
    const holes: IpRange[] = [];
    const exceptText: string[] = [];
    for (const [j, rawExcept] of (asArray(field(record, 'except')) ?? []).entries()) {
      const exceptParsed = parseCidr(String(rawExcept));
      if (!exceptParsed) {
        ctx.report(
          'error',
          record,
          'except',
          `${path}.except[${j}]`,
          `"${String(rawExcept)}" is not a CIDR such as 10.1.0.0/16`,
          true,
        );
        return undefined;
      }
      if (exceptParsed.family === 4) holes.push(exceptParsed.range);
      exceptText.push(String(rawExcept));
    }
    const label = `CIDR ${text}${exceptText.length ? ` except ${exceptText.join(', ')}` : ''}`;
    const node = record ?? list;
    if (parsed.family === 6) {
      peers.push({ endpoints: NONE, external: [], label, note: 'IPv6 addresses are not modelled', node });
      continue;
    }
    const outside = holes.filter((h) => h.start < parsed.range.start || h.end > parsed.range.end);
    if (outside.length)
      ctx.report(
        'warning',
        record,
        'except',
        `${path}.except`,
        `except ${outside.map(formatRangeShort).join(', ')} lies outside ${text}: it removes nothing`,
      );
    peers.push({ endpoints: NONE, external: subtractRanges(parsed.range, holes), label, node });
  }
  return peers;
}
