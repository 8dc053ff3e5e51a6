import type { Ingress } from '../model/types.ts';

export interface IngressMatch {
  ingress: Ingress;
  backend: { name: string; port: number | string };
  /** The rule in words: `host/path (Prefix)` or `default backend`. */
  rule: string;
}

function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
  }
  return ruleHost.toLowerCase() === host.toLowerCase();
}

/** Prefix matching is by path element: /foo matches /foo and /foo/bar, not /foobar. */
function pathMatches(kind: string, rulePath: string, path: string): boolean {
  if (kind === 'Exact') return rulePath === path;
  const prefix = rulePath.replace(/\/+$/, '');
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * The Ingress backend a request goes to, as Kubernetes defines it: rules whose host matches
 * (exact, or one-label wildcard), the longest matching path (Exact beats Prefix at equal
 * length), else a default backend.
 */
export function matchIngress(
  ingresses: readonly Ingress[],
  host: string,
  path: string,
): IngressMatch | undefined {
  let best: { match: IngressMatch; length: number; exact: boolean } | undefined;
  for (const ingress of ingresses) {
    for (const rule of ingress.rules) {
      if (!hostMatches(rule.host, host)) continue;
      for (const entry of rule.paths) {
        if (!entry.backend.service || !pathMatches(entry.pathType, entry.path, path)) continue;
        const length = entry.path.length;
        const exact = entry.pathType === 'Exact';
        if (best && (length < best.length || (length === best.length && !exact))) continue;
        best = {
          match: {
            ingress,
            backend: entry.backend.service,
            rule: `${rule.host ?? '*'}${entry.path} (${entry.pathType})`,
          },
          length,
          exact,
        };
      }
    }
  }
  if (best) return best.match;
  const fallback = ingresses.find((i) => i.defaultBackend?.service);
  return fallback?.defaultBackend?.service
    ? { ingress: fallback, backend: fallback.defaultBackend.service, rule: 'default backend' }
    : undefined;
}
