import { asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { readIpBlocks, readPatterns, readPortNumbers, readStrings } from './fields.ts';
import {
  ANY_SOURCE,
  bothSources,
  ipSource,
  namespacesSource,
  principalsSource,
  type SourceMatch,
} from './source.ts';

/**
 * What a rule's `when` list adds: source constraints (source.ip, source.namespace,
 * source.principal), destination port constraints, and conditions the manifests cannot decide
 * (request headers, JWT claims, SNI, ...). All entries AND.
 */
export interface WhenMatch {
  source: SourceMatch;
  /** Undefined: no destination.port values. */
  onlyPorts?: readonly number[];
  exceptPorts: readonly number[];
  conditions: readonly string[];
}

/** Keys Istio accepts; `request.headers[...]`, `request.auth.claims[...]` and `experimental.*` by prefix. */
const KEYS = new Set([
  'source.ip',
  'remote.ip',
  'source.namespace',
  'source.principal',
  'request.auth.principal',
  'request.auth.audiences',
  'request.auth.presenter',
  'destination.ip',
  'destination.port',
  'connection.sni',
]);
const PREFIXES = ['request.headers[', 'request.auth.claims[', 'experimental.envoy.filters.'];

/** Whether Istio's validation accepts a condition key. */
export function knownConditionKey(key: string): boolean {
  return KEYS.has(key) || PREFIXES.some((p) => key.startsWith(p));
}

/**
 * Reads `when`. Returns undefined (after a located error) when a key Istio rejects appears, since
 * the whole policy is then refused.
 */
export function readWhen(
  ctx: ObjectContext,
  list: readonly unknown[],
  path: string,
  trustDomain: string,
): WhenMatch | undefined {
  let source = ANY_SOURCE;
  let onlyPorts: number[] | undefined;
  const exceptPorts: number[] = [];
  const conditions: string[] = [];
  for (const [i, raw] of list.entries()) {
    const at = `${path}[${i}]`;
    const entry = asRecord(raw);
    const key = asString(field(entry, 'key'));
    if (!entry || !key) {
      ctx.report(
        'error',
        raw ?? list,
        entry ? 'key' : undefined,
        at,
        'each condition needs a key (for example source.ip)',
        true,
        'istio-condition-without-key',
      );
      return undefined;
    }
    if (!knownConditionKey(key)) {
      ctx.report(
        'error',
        entry,
        'key',
        `${at}.key`,
        `"${key}" is not a condition key Istio accepts; the policy is rejected`,
        true,
        'istio-unknown-condition-key',
      );
      return undefined;
    }
    if (field(entry, 'values') === undefined && field(entry, 'notValues') === undefined) {
      ctx.report(
        'error',
        entry,
        'key',
        at,
        `condition ${key} needs values or notValues; the policy is rejected`,
        true,
        'istio-condition-without-values',
      );
      return undefined;
    }
    for (const negated of [false, true]) {
      const valuesKey = negated ? 'notValues' : 'values';
      if (field(entry, valuesKey) === undefined) continue;
      if (key === 'source.ip') {
        const ranges = readIpBlocks(ctx, entry, valuesKey, at) ?? [];
        source = bothSources(source, ipSource(ranges, negated));
      } else if (key === 'source.namespace') {
        source = bothSources(
          source,
          namespacesSource(readPatterns(ctx, entry, valuesKey, at) ?? [], negated),
        );
      } else if (key === 'source.principal') {
        source = bothSources(
          source,
          principalsSource(readPatterns(ctx, entry, valuesKey, at) ?? [], trustDomain, negated),
        );
      } else if (key === 'destination.port') {
        const ports = readPortNumbers(ctx, entry, valuesKey, at) ?? [];
        if (negated) exceptPorts.push(...ports);
        else onlyPorts = onlyPorts ? onlyPorts.filter((p) => ports.includes(p)) : ports;
      } else {
        const values = readStrings(ctx, entry, valuesKey, at) ?? [];
        conditions.push(`${key} ${negated ? 'not in' : 'in'} (${values.join(', ')})`);
      }
    }
  }
  return onlyPorts ? { source, onlyPorts, exceptPorts, conditions } : { source, exceptPorts, conditions };
}
