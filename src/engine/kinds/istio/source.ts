import type { IpRange } from '../../model/types.ts';
import { ALL, and, type Expr, formatExpr, not, or } from '../../policy/expr.ts';
import { formatRangeShort } from '../../policy/ipv4.ts';
import { ALL_ADDRESSES, complementAddresses, intersectAddresses } from './fields.ts';
import { namespacesExpr, principalMatch } from './identity.ts';

/**
 * Who a `from.source` (or a `when` clause on the source) matches: in-cluster endpoints, external
 * addresses, and conditions the manifests cannot decide (request principals, remote IPs).
 * Several fields of one source AND together.
 */
export interface SourceMatch {
  endpoints: Expr;
  external: readonly IpRange[];
  conditions: readonly string[];
  /** Phrases for the peer's label. */
  words: readonly string[];
}

export const ANY_SOURCE: SourceMatch = { endpoints: ALL, external: ALL_ADDRESSES, conditions: [], words: [] };

/** AND of source matches. */
export function bothSources(a: SourceMatch, b: SourceMatch): SourceMatch {
  return {
    endpoints: and(a.endpoints, b.endpoints),
    external: intersectAddresses(a.external, b.external),
    conditions: [...a.conditions, ...b.conditions],
    words: [...a.words, ...b.words],
  };
}

/** Sources whose principal matches one of the patterns (mesh workloads only). */
export function principalsSource(
  patterns: readonly string[],
  trustDomain: string,
  negated: boolean,
): SourceMatch {
  const matches = patterns.map((p) => principalMatch(p, trustDomain));
  const endpoints = or(...matches.map((m) => m.expr));
  const inexact = matches.flatMap((m) => (m.inexact ? [m.inexact] : []));
  const list = patterns.join(', ');
  if (negated)
    // A source without a principal (outside the mesh, external) is not any of these principals.
    return {
      endpoints: not(endpoints),
      external: ALL_ADDRESSES,
      conditions: inexact.map((text) => `not ${text}`),
      words: [`principal not in ${list}`],
    };
  return {
    endpoints,
    external: [],
    // A ServiceAccount prefix or suffix cannot be stated on endpoints: the match is widened to the
    // namespace and made conditional on the principal, for every pattern of the list.
    conditions: inexact.length > 0 ? [`the source principal matches ${list}`] : [],
    words: [`principal ${list}`],
  };
}

/** Sources whose identity namespace matches one of the patterns (mesh workloads only). */
export function namespacesSource(patterns: readonly string[], negated: boolean): SourceMatch {
  const endpoints = namespacesExpr(patterns);
  const list = patterns.join(', ');
  return negated
    ? {
        endpoints: not(endpoints),
        external: ALL_ADDRESSES,
        conditions: [],
        words: [`namespace not in ${list}`],
      }
    : { endpoints, external: [], conditions: [], words: [`namespace ${list}`] };
}

/**
 * Sources by IP address. In-cluster pods match through their known IPs (or the pod network
 * setting); external addresses directly.
 */
export function ipSource(ranges: readonly IpRange[], negated: boolean): SourceMatch {
  const text = ranges.length > 0 ? ranges.map(formatRangeShort).join(', ') : 'no address';
  const inRanges: Expr = ranges.length > 0 ? { op: 'ip', ranges } : { op: 'none' };
  return negated
    ? {
        endpoints: not(inRanges),
        external: complementAddresses(ranges),
        conditions: [],
        words: [`IP not in ${text}`],
      }
    : { endpoints: inRanges, external: ranges, conditions: [], words: [`IP ${text}`] };
}

/** A source field the manifests cannot decide (request principals, remote IPs): a condition. */
export function conditionSource(text: string): SourceMatch {
  return { ...ANY_SOURCE, conditions: [text], words: [text] };
}

/** The peer's label: the words, or what the expression says. */
export function describeSource(match: SourceMatch): string {
  return match.words.length > 0 ? match.words.join(' and ') : formatExpr(match.endpoints);
}
