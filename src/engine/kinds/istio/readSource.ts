import type { SourceRef } from '../../diagnostics.ts';
import type { ObjectContext } from '../../model/objectContext.ts';
import { readIpBlocks, readPatterns, readStrings } from './fields.ts';
import {
  ANY_SOURCE,
  bothSources,
  conditionSource,
  ipSource,
  namespacesSource,
  principalsSource,
  type SourceMatch,
} from './source.ts';

const SOURCE_FIELDS = new Set([
  'principals',
  'notPrincipals',
  'requestPrincipals',
  'notRequestPrincipals',
  'namespaces',
  'notNamespaces',
  'ipBlocks',
  'notIpBlocks',
  'remoteIpBlocks',
  'notRemoteIpBlocks',
]);

/** Principals and namespaces as written, with their lines, for findings. */
export interface WrittenIdentities {
  principals: { value: string; ref: SourceRef }[];
  namespaces: { value: string; ref: SourceRef }[];
}

/**
 * Reads one `from[i].source`: its fields AND together, each list ORs its entries. Principals and
 * namespaces are also recorded in `out` with their lines.
 */
export function readSource(
  ctx: ObjectContext,
  source: Record<string, unknown>,
  path: string,
  trustDomain: string,
  out: WrittenIdentities,
): SourceMatch {
  let match = ANY_SOURCE;
  for (const key of Object.keys(source))
    if (!SOURCE_FIELDS.has(key))
      ctx.report(
        'warning',
        source,
        key,
        `${path}.${key}`,
        `"${key}" is not a source field Reachlab evaluates; ignored`,
        false,
        'istio-unknown-source-field',
      );
  for (const negated of [false, true]) {
    const name = (base: string) => (negated ? `not${base[0]?.toUpperCase()}${base.slice(1)}` : base);
    const principals = readPatterns(ctx, source, name('principals'), path);
    if (principals) {
      match = bothSources(match, principalsSource(principals, trustDomain, negated));
      for (const value of principals)
        out.principals.push({ value, ref: lineRef(ctx, source, name('principals')) });
    }
    const namespaces = readPatterns(ctx, source, name('namespaces'), path);
    if (namespaces) {
      match = bothSources(match, namespacesSource(namespaces, negated));
      for (const value of namespaces)
        out.namespaces.push({ value, ref: lineRef(ctx, source, name('namespaces')) });
    }
    const ips = readIpBlocks(ctx, source, name('ipBlocks'), path);
    if (ips) match = bothSources(match, ipSource(ips, negated));
    const remote = readStrings(ctx, source, name('remoteIpBlocks'), path);
    if (remote)
      match = bothSources(
        match,
        conditionSource(`the client IP (X-Forwarded-For) is ${negated ? 'not ' : ''}in ${remote.join(', ')}`),
      );
    const requestPrincipals = readStrings(ctx, source, name('requestPrincipals'), path);
    if (requestPrincipals)
      match = bothSources(
        match,
        conditionSource(
          `the request's JWT principal is ${negated ? 'not ' : ''}${requestPrincipals.join(' or ')}`,
        ),
      );
  }
  return match;
}

function lineRef(ctx: ObjectContext, parent: Record<string, unknown>, key: string): SourceRef {
  const line = ctx.lineOf(parent, key);
  return { ...ctx.refOf(parent), line, endLine: line };
}
