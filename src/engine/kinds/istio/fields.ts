import { asArray, asRecord, field, type ObjectContext } from '../../model/objectContext.ts';
import type { IpRange } from '../../model/types.ts';
import { IPV4_MAX, parseCidr, parseIpv4 } from '../../policy/ipv4.ts';
import { mergeRanges } from '../../policy/ranges.ts';
import { validPattern } from './identity.ts';

/** Every IPv4 address. */
export const ALL_ADDRESSES: readonly IpRange[] = [{ start: 0, end: IPV4_MAX }];

const rejectedObjects = new WeakSet<object>();

/**
 * Reports a value Istio's validation refuses (a port out of range, a malformed CIDR, a `*` in the
 * middle): the whole policy is rejected in a cluster, so it is dropped here too.
 */
function reject(
  ctx: ObjectContext,
  parent: unknown,
  key: string,
  path: string,
  message: string,
  code: string,
): void {
  ctx.report('error', parent, key, path, `${message}; Istio rejects the policy`, true, code);
  rejectedObjects.add(ctx.object);
}

/** Whether a value of this object was refused (see {@link reject}). */
export function isRejected(ctx: ObjectContext): boolean {
  return rejectedObjects.has(ctx.object);
}

/**
 * Reads a list of strings at `record[key]`; a scalar that is not a string is reported and
 * skipped, a non-list reported and read as absent. Undefined when the key is absent.
 */
export function readStrings(
  ctx: ObjectContext,
  record: Record<string, unknown>,
  key: string,
  path: string,
): string[] | undefined {
  const raw = field(record, key);
  if (raw === undefined || raw === null) return undefined;
  const list = asArray(raw);
  if (!list) {
    reject(ctx, record, key, `${path}.${key}`, `${key} must be a list of strings`, 'istio-not-string-list');
    return undefined;
  }
  const out: string[] = [];
  for (const [i, item] of list.entries()) {
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number')
      reject(
        ctx,
        record,
        key,
        `${path}.${key}[${i}]`,
        `${key} entries are strings: write it quoted, "${item}"`,
        'istio-not-string-list',
      );
    else
      reject(
        ctx,
        record,
        key,
        `${path}.${key}[${i}]`,
        `${key} entries must be strings`,
        'istio-not-string-list',
      );
  }
  return out;
}

/**
 * Like {@link readStrings}, and reports patterns Istio rejects (a `*` in the middle); with
 * `templates`, `{*}` and `{**}` path segments are accepted.
 */
export function readPatterns(
  ctx: ObjectContext,
  record: Record<string, unknown>,
  key: string,
  path: string,
  templates = false,
): string[] | undefined {
  const values = readStrings(ctx, record, key, path);
  if (!values) return undefined;
  return values.filter((value, i) => {
    // Paths may be templates (`/users/{*}/info`, `/static/{**}`), matched segment by segment.
    if (validPattern(templates ? value.replace(/\{\*\*?\}/g, 'x') : value)) return true;
    reject(
      ctx,
      record,
      key,
      `${path}.${key}[${i}]`,
      `"${value}" is not a valid match: use an exact value, a prefix "abc*", a suffix "*abc" or "*"`,
      'istio-invalid-match',
    );
    return false;
  });
}

/**
 * Reads IP addresses and CIDRs (`1.2.3.4`, `10.0.0.0/8`) into merged IPv4 ranges. IPv6 entries
 * are noted and skipped (the model has no IPv6 addresses); invalid ones are reported.
 */
export function readIpBlocks(
  ctx: ObjectContext,
  record: Record<string, unknown>,
  key: string,
  path: string,
): IpRange[] | undefined {
  const values = readStrings(ctx, record, key, path);
  if (!values) return undefined;
  const ranges: IpRange[] = [];
  for (const [i, value] of values.entries()) {
    const single = parseIpv4(value);
    if (single !== undefined) {
      ranges.push({ start: single, end: single });
      continue;
    }
    const cidr = parseCidr(value);
    if (cidr?.family === 4) ranges.push(cidr.range);
    else if (cidr?.family === 6 || value.includes(':'))
      ctx.report(
        'info',
        record,
        key,
        `${path}.${key}[${i}]`,
        `IPv6 block "${value}" is not evaluated (IPv4 only)`,
        false,
        'istio-ipv6-not-evaluated',
      );
    else
      reject(
        ctx,
        record,
        key,
        `${path}.${key}[${i}]`,
        `"${value}" is not an IP address or CIDR (write 10.0.0.1 or 10.0.0.0/8)`,
        'istio-invalid-ip-block',
      );
  }
  return mergeRanges(ranges.map((r) => [r.start, r.end] as const)).map(([start, end]) => ({ start, end }));
}

/**
 * Reads port numbers written as strings (`"8080"`), as Istio's API has them. Invalid entries
 * are reported and dropped.
 */
export function readPortNumbers(
  ctx: ObjectContext,
  record: Record<string, unknown>,
  key: string,
  path: string,
): number[] | undefined {
  const values = readStrings(ctx, record, key, path);
  if (!values) return undefined;
  const out: number[] = [];
  for (const [i, value] of values.entries()) {
    const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
    if (port >= 1 && port <= 65535) out.push(port);
    else
      reject(
        ctx,
        record,
        key,
        `${path}.${key}[${i}]`,
        `"${value}" is not a port number between 1 and 65535`,
        'istio-invalid-port',
      );
  }
  return out;
}

/** A mapping at `record[key]`, reporting anything else. */
export function readMapping(
  ctx: ObjectContext,
  record: Record<string, unknown> | undefined,
  key: string,
  path: string,
): Record<string, unknown> | undefined {
  const raw = field(record, key);
  if (raw === undefined || raw === null) return undefined;
  const mapping = asRecord(raw);
  if (!mapping) reject(ctx, record, key, `${path}.${key}`, `${key} must be a mapping`, 'istio-not-mapping');
  return mapping;
}

/** A list at `record[key]`, reporting anything else; empty when absent. */
export function readList(
  ctx: ObjectContext,
  record: Record<string, unknown> | undefined,
  key: string,
  path: string,
): readonly unknown[] {
  const raw = field(record, key);
  if (raw === undefined || raw === null) return [];
  const list = asArray(raw);
  if (!list) reject(ctx, record, key, `${path}.${key}`, `${key} must be a list`, 'istio-not-list');
  return list ?? [];
}

/** Sorted disjoint ranges of `a` that are also in `b`. */
export function intersectAddresses(a: readonly IpRange[], b: readonly IpRange[]): IpRange[] {
  const out: IpRange[] = [];
  for (const x of a)
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (start <= end) out.push({ start, end });
    }
  return out.sort((p, q) => p.start - q.start);
}

/** Every address not in `ranges`. */
export function complementAddresses(ranges: readonly IpRange[]): IpRange[] {
  const out: IpRange[] = [];
  let cursor = 0;
  for (const r of [...ranges].sort((p, q) => p.start - q.start)) {
    if (r.start > cursor) out.push({ start: cursor, end: r.start - 1 });
    cursor = Math.max(cursor, r.end + 1);
  }
  if (cursor <= IPV4_MAX) out.push({ start: cursor, end: IPV4_MAX });
  return out;
}
