import type { SourceRef } from '../../diagnostics.ts';
import { type ClusterModel, type Labels, labelValue, type Service } from '../../model/types.ts';
import type { MeshGateway, MeshRoute, MeshRouteRule, RouteDestination, RouteMatch } from './extras.ts';
import { readIstioExtras } from './extras.ts';

/** One step of a request's way through the mesh. */
export interface MeshPathHop {
  kind: 'gateway' | 'route' | 'service' | 'external';
  /** `Gateway istio-system/bookinfo-gateway`, `VirtualService default/bookinfo`, `default/reviews`. */
  id: string;
  /** The step in words: `rule 1 (prefix /productpage)`, `subset v2, port 9080`. */
  label: string;
  /** Workload ids that serve this step (gateway pods, the Service's pods). */
  pods: string[];
  /** Service hops: the Service port the route sends to (its only port when the route names none). */
  port?: number;
  ref?: SourceRef;
}

export interface MeshPath {
  host: string;
  path: string;
  port: number;
  hops: MeshPathHop[];
  /** Why the path stops where it stops, in words. */
  problems: string[];
}

/**
 * The way a request for `url` (`https://host/path`) takes through the mesh: the ingress gateway
 * pods whose Gateway serves the host, the first route rule (VirtualService or HTTPRoute bound to
 * that Gateway) whose match takes the path, and the destination Services with the pods they
 * select (narrowed by DestinationRule subsets). Requests carry no headers and use `method`.
 */
export function meshPath(model: ClusterModel, url: string, method = 'GET'): MeshPath {
  const parsed = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)/i.exec(url.trim());
  if (!parsed)
    return {
      host: '',
      path: '',
      port: 0,
      hops: [],
      problems: [`"${url}" is not a URL such as https://shop.example.com/cart`],
    };
  const host = (parsed[2] ?? '').toLowerCase();
  const port = parsed[3] ? Number(parsed[3]) : parsed[1]?.toLowerCase() === 'https' ? 443 : 80;
  const path = parsed[4] || '/';
  const out: MeshPath = { host, path, port, hops: [], problems: [] };
  const extras = readIstioExtras(model.extras);
  const gateways = (extras?.gateways ?? []).filter((g) =>
    g.servers.some((s) => serverHostMatches(s.hosts, host, g.namespace)),
  );
  if (gateways.length === 0) {
    out.problems.push(`no Gateway serves host ${host}`);
    return out;
  }
  const onPort = gateways.filter((g) => g.servers.some((s) => s.port === port));
  for (const gateway of onPort.length > 0 ? onPort : gateways) {
    const route = firstRoute(extras?.routes ?? [], gateway, host, path, method);
    out.hops.push({
      kind: 'gateway',
      id: gateway.id,
      label: `serves ${host}`,
      pods: gatewayPods(model, gateway),
      ref: gateway.ref,
    });
    if (!route) {
      out.problems.push(`no route bound to ${gateway.id} takes ${host}${path}`);
      continue;
    }
    out.hops.push({
      kind: 'route',
      id: route.route.id,
      label: `rule ${route.rule.index + 1} (${describeMatches(route.rule.matches)})`,
      pods: [],
      ref: route.rule.ref,
    });
    for (const destination of route.rule.destinations)
      out.hops.push(destinationHop(model, route.route, destination, out.problems));
    return out;
  }
  return out;
}

/**
 * Istio server hosts: `*`, `*.example.com`, exact, each optionally after `<namespace>/` (which
 * only limits which routes may bind), so the host part alone decides.
 */
function serverHostMatches(hosts: readonly string[], host: string, _namespace: string): boolean {
  return hosts.some((entry) => hostMatches(entry.slice(entry.indexOf('/') + 1), host));
}

/** A host pattern (`*`, `*.example.com`, exact) against a host name. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return host.endsWith(p.slice(1));
  return p === host;
}

function gatewayPods(model: ClusterModel, gateway: MeshGateway): string[] {
  return model.workloads
    .filter(
      (w) =>
        (gateway.api === 'istio' || w.namespace === gateway.namespace) && selects(gateway.selector, w.labels),
    )
    .map((w) => w.id);
}

function selects(selector: Labels, labels: Labels): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labelValue(labels, k) === v);
}

function firstRoute(
  routes: readonly MeshRoute[],
  gateway: MeshGateway,
  host: string,
  path: string,
  method: string,
): { route: MeshRoute; rule: MeshRouteRule } | undefined {
  const key = `${gateway.namespace}/${gateway.name}`;
  for (const route of routes) {
    const bound = route.gateways.includes(key);
    const hosts = route.hosts.length === 0 && route.kind === 'HTTPRoute' ? ['*'] : route.hosts;
    if (!bound || !hosts.some((h) => hostMatches(h, host))) continue;
    const rule = route.http.find(
      (r) => r.matches.length === 0 || r.matches.some((m) => matchTakes(m, path, method)),
    );
    if (rule) return { route, rule };
  }
  return undefined;
}

function matchTakes(match: RouteMatch, path: string, method: string): boolean {
  if (match.headers.length > 0) return false;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (!match.path) return true;
  const { kind, value } = match.path;
  if (kind === 'exact') return path === value;
  if (kind === 'prefix') return path.startsWith(value);
  try {
    return new RegExp(`^(?:${value})$`).test(path);
  } catch {
    return false;
  }
}

function describeMatches(matches: readonly RouteMatch[]): string {
  if (matches.length === 0) return 'every request';
  return matches
    .map((m) =>
      [
        m.method,
        m.path ? `${m.path.kind} ${m.path.value}` : undefined,
        ...m.headers.map((h) => `header ${h.name}`),
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join(' or ');
}

function destinationHop(
  model: ClusterModel,
  route: MeshRoute,
  d: RouteDestination,
  problems: string[],
): MeshPathHop {
  const service = serviceFor(model, route, d);
  const extras = readIstioExtras(model.extras);
  const words = [
    d.subset ? `subset ${d.subset}` : undefined,
    d.port ? `port ${d.port}` : undefined,
    d.weight !== undefined ? `weight ${d.weight}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  if (!service) {
    const entry = extras?.serviceEntries.find((e) => e.hosts.some((h) => hostMatches(h, d.host)));
    if (entry)
      return {
        kind: 'external',
        id: entry.id,
        label: `${d.host}${words ? ` (${words})` : ''}`,
        pods: [],
        ref: entry.ref,
      };
    problems.push(`destination ${d.host} is neither a Service nor a ServiceEntry in the manifests`);
    return { kind: 'external', id: d.host, label: 'unknown host', pods: [] };
  }
  let pods = model.workloads.filter(
    (w) => w.namespace === service.namespace && service.selector && selects(service.selector, w.labels),
  );
  if (d.subset) {
    const rule = extras?.destinationRules.find(
      (r) => serviceFor(model, { ...route, namespace: r.namespace }, { host: r.host }) === service,
    );
    const subset = rule?.subsets.find((s) => s.name === d.subset);
    if (subset)
      pods = pods.filter((w) =>
        Object.entries(subset.labels).every(([k, v]) => labelValue(w.labels, k) === v),
      );
    else problems.push(`subset ${d.subset} of ${d.host} is defined by no DestinationRule`);
  }
  if (pods.length === 0)
    problems.push(`${service.id} selects no pods${d.subset ? ` in subset ${d.subset}` : ''}`);
  const port = d.port ?? (service.ports.length === 1 ? service.ports[0]?.port : undefined);
  return {
    kind: 'service',
    id: service.id,
    label: words || `host ${d.host}`,
    pods: pods.map((w) => w.id),
    ref: service.ref,
    ...(port !== undefined ? { port } : {}),
  };
}

/** The Service a route destination names: `reviews`, `reviews.ns`, `reviews.ns.svc.cluster.local`. */
function serviceFor(
  model: ClusterModel,
  route: Pick<MeshRoute, 'namespace'>,
  d: RouteDestination,
): Service | undefined {
  const parts = d.host.split('.');
  const name = parts[0] ?? '';
  const namespace = d.namespace ?? (parts.length >= 2 && parts[1] !== 'svc' ? parts[1] : route.namespace);
  if (parts.length > 2 && parts[2] !== 'svc') return undefined;
  return model.services.find((s) => s.name === name && s.namespace === namespace);
}
