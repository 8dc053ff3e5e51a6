import { type IpRange, type Labels, labelValue } from '../model/types.ts';
import type { EngineSettings } from '../settings.ts';
import { formatRangeShort, parseCidr } from './ipv4.ts';
import type { EndpointView } from './peers.ts';

/** Whose labels a label test reads. */
export type LabelScope = 'pod' | 'namespace' | 'serviceAccount' | 'node';

/** A test on one label value; every test fails when the label is absent. */
export type LabelTest =
  | { is: 'eq'; value: string }
  | { is: 'in'; values: readonly string[] }
  | { is: 'exists' }
  | { is: 'contains' | 'startsWith' | 'endsWith'; value: string };

/**
 * The one selector language every policy kind compiles to: Kubernetes label selectors, Calico
 * selectors, Cilium endpoint selectors, Istio principals and namespaces all become trees of these
 * nodes over what an endpoint exposes (labels of the pod, of its namespace and of its
 * ServiceAccount; its namespace and ServiceAccount names; whether it is a host endpoint or in the
 * mesh; its IP addresses). "Not equal" is `not(eq)`, which also holds when the label is absent, as
 * in Kubernetes (NotIn, DoesNotExist) and Calico (`!=`, `not in`, `!has`).
 */
export type Expr =
  | { op: 'all' }
  | { op: 'none' }
  | { op: 'and'; of: readonly Expr[] }
  | { op: 'or'; of: readonly Expr[] }
  | { op: 'not'; of: Expr }
  | { op: 'label'; scope: LabelScope; key: string; test: LabelTest }
  | { op: 'namespace'; names: readonly string[] }
  | { op: 'serviceAccount'; names: readonly string[] }
  | { op: 'host' }
  | { op: 'mesh' }
  | { op: 'ip'; ranges: readonly IpRange[] }
  /**
   * Calico profiles: with `name`, endpoints that list that profile; without, every endpoint that
   * has a profile list at all (Calico WorkloadEndpoints and HostEndpoints, whose profiles Calico
   * evaluates after the tiers and which are denied when no profile decides).
   */
  | { op: 'profile'; name?: string };

export const ALL: Expr = { op: 'all' };
export const NONE: Expr = { op: 'none' };

/** Settings that decide matches the manifests cannot. */
export interface MatchSettings {
  /**
   * The pod network: an `ip` test that contains all of it matches every pod whose IP is not in
   * the manifests (`status.podIP`). Empty when unknown.
   */
  podCidrs: readonly IpRange[];
}

export const NO_MATCH_SETTINGS: MatchSettings = { podCidrs: [] };

/** What selectors need of the cluster settings: the pod network as IPv4 ranges (IPv6 is not modelled). */
export function matchSettingsOf(settings: EngineSettings): MatchSettings {
  const podCidrs: IpRange[] = [];
  for (const text of settings.podCidrs) {
    const cidr = parseCidr(text);
    if (cidr?.family === 4) podCidrs.push(cidr.range);
  }
  return { podCidrs };
}

/** AND of expressions, simplified (`all` dropped, `none` absorbs). */
export function and(...of: Expr[]): Expr {
  const kept: Expr[] = [];
  for (const e of of) {
    if (e.op === 'none') return NONE;
    if (e.op === 'all') continue;
    if (e.op === 'and') kept.push(...e.of);
    else kept.push(e);
  }
  return kept.length === 0 ? ALL : kept.length === 1 ? (kept[0] as Expr) : { op: 'and', of: kept };
}

/** OR of expressions, simplified (`none` dropped, `all` absorbs). */
export function or(...of: Expr[]): Expr {
  const kept: Expr[] = [];
  for (const e of of) {
    if (e.op === 'all') return ALL;
    if (e.op === 'none') continue;
    if (e.op === 'or') kept.push(...e.of);
    else kept.push(e);
  }
  return kept.length === 0 ? NONE : kept.length === 1 ? (kept[0] as Expr) : { op: 'or', of: kept };
}

export function not(of: Expr): Expr {
  if (of.op === 'all') return NONE;
  if (of.op === 'none') return ALL;
  if (of.op === 'not') return of.of;
  return { op: 'not', of };
}

/** Whether an endpoint satisfies an expression. */
export function matchExpr(
  expr: Expr,
  view: EndpointView,
  settings: MatchSettings = NO_MATCH_SETTINGS,
): boolean {
  switch (expr.op) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'and':
      return expr.of.every((e) => matchExpr(e, view, settings));
    case 'or':
      return expr.of.some((e) => matchExpr(e, view, settings));
    case 'not':
      return !matchExpr(expr.of, view, settings);
    case 'label':
      return testLabel(expr.test, labelValue(labelsOf(view, expr.scope), expr.key));
    case 'namespace':
      return expr.names.includes(view.namespace);
    case 'serviceAccount':
      return view.serviceAccount !== undefined && expr.names.includes(view.serviceAccount);
    case 'host':
      return view.host === true;
    case 'mesh':
      return view.inMesh === true;
    case 'ip':
      return ipMatches(expr.ranges, view, settings);
    case 'profile':
      return view.profiles !== undefined && (expr.name === undefined || view.profiles.includes(expr.name));
  }
}

/** The label map a scope reads. */
export function labelsOf(view: EndpointView, scope: LabelScope): Labels {
  if (scope === 'pod') return view.labels;
  if (scope === 'namespace') return view.namespaceLabels;
  if (scope === 'node') return view.nodeLabels ?? {};
  return view.serviceAccountLabels ?? {};
}

export function testLabel(test: LabelTest, value: string | undefined): boolean {
  if (value === undefined) return false;
  switch (test.is) {
    case 'eq':
      return value === test.value;
    case 'in':
      return test.values.includes(value);
    case 'exists':
      return true;
    case 'contains':
      return value.includes(test.value);
    case 'startsWith':
      return value.startsWith(test.value);
    case 'endsWith':
      return value.endsWith(test.value);
  }
}

/**
 * An `ip` test: true when an address of the endpoint from the manifests lies in the ranges, or,
 * for an endpoint without known addresses, when the ranges contain the whole pod network.
 */
export function ipMatches(ranges: readonly IpRange[], view: EndpointView, settings: MatchSettings): boolean {
  if (view.ips && view.ips.length > 0)
    return view.ips.some((ip: number) => ranges.some((r) => r.start <= ip && ip <= r.end));
  if (view.host) return false;
  // Unknown pod network: only a network holding every IPv4 address surely holds the pod's.
  const pods = settings.podCidrs.length > 0 ? settings.podCidrs : [{ start: 0, end: 0xffffffff }];
  return pods.every((cidr) => ranges.some((r) => r.start <= cidr.start && cidr.end <= r.end));
}

/** What an expression reads, so pod classes can ignore everything else. */
export interface ExprKeys {
  pod: Set<string>;
  namespace: Set<string>;
  serviceAccount: Set<string>;
  node: Set<string>;
  /** Namespace names, ServiceAccount names, host flag, mesh flag, IPs. */
  names: boolean;
  accounts: boolean;
  ips: boolean;
  mesh: boolean;
  /** Calico profile lists. */
  profiles: boolean;
}

export function emptyKeys(): ExprKeys {
  return {
    pod: new Set(),
    namespace: new Set(),
    serviceAccount: new Set(),
    node: new Set(),
    names: false,
    accounts: false,
    ips: false,
    mesh: false,
    profiles: false,
  };
}

/** Adds what `expr` reads to `into`. */
export function collectKeys(expr: Expr, into: ExprKeys): void {
  switch (expr.op) {
    case 'and':
    case 'or':
      for (const e of expr.of) collectKeys(e, into);
      return;
    case 'not':
      collectKeys(expr.of, into);
      return;
    case 'label':
      into[expr.scope].add(expr.key);
      return;
    case 'namespace':
      into.names = true;
      return;
    case 'serviceAccount':
      into.accounts = true;
      return;
    case 'mesh':
      into.mesh = true;
      return;
    case 'ip':
      into.ips = true;
      return;
    case 'profile':
      into.profiles = true;
      return;
    default:
      return;
  }
}

/** An expression as people read it: `app=web && team in (a,b) && !debug`. */
export function formatExpr(expr: Expr): string {
  switch (expr.op) {
    case 'all':
      return 'everything';
    case 'none':
      return 'nothing';
    case 'and':
      return expr.of.map((e) => (e.op === 'or' ? `(${formatExpr(e)})` : formatExpr(e))).join(' && ');
    case 'or':
      return expr.of.map((e) => (e.op === 'and' ? `(${formatExpr(e)})` : formatExpr(e))).join(' || ');
    case 'not':
      return formatNegated(expr.of);
    case 'label':
      return `${scopePrefix(expr.scope)}${formatTest(expr.key, expr.test)}`;
    case 'namespace':
      return expr.names.length === 1
        ? `namespace ${expr.names[0]}`
        : `namespace in (${expr.names.join(',')})`;
    case 'serviceAccount':
      return expr.names.length === 1
        ? `serviceAccount ${expr.names[0]}`
        : `serviceAccount in (${expr.names.join(',')})`;
    case 'host':
      return 'host endpoint';
    case 'mesh':
      return 'in the mesh';
    case 'ip':
      return `IP in ${expr.ranges.map(formatRangeShort).join(', ')}`;
    case 'profile':
      return expr.name === undefined ? 'Calico endpoint' : `profile ${expr.name}`;
  }
}

function formatNegated(expr: Expr): string {
  if (expr.op === 'label') {
    const prefix = scopePrefix(expr.scope);
    const { key, test } = expr;
    if (test.is === 'exists') return `${prefix}!${key}`;
    if (test.is === 'eq') return `${prefix}${key}!=${test.value}`;
    if (test.is === 'in') return `${prefix}${key} notin (${test.values.join(',')})`;
  }
  return `!(${formatExpr(expr)})`;
}

function scopePrefix(scope: LabelScope): string {
  return scope === 'pod' ? '' : `${scope} `;
}

function formatTest(key: string, test: LabelTest): string {
  switch (test.is) {
    case 'eq':
      return `${key}=${test.value}`;
    case 'in':
      return `${key} in (${test.values.join(',')})`;
    case 'exists':
      return key;
    case 'contains':
      return `${key} contains "${test.value}"`;
    case 'startsWith':
      return `${key} starts with "${test.value}"`;
    case 'endsWith':
      return `${key} ends with "${test.value}"`;
  }
}

/**
 * The parts of an expression an endpoint fails, each as a short phrase (`needs app=web, has
 * app=job`), for "closest miss" explanations. Empty when the expression matches. For an OR, the
 * alternative with the fewest misses is reported.
 */
export function exprMisses(
  expr: Expr,
  view: EndpointView,
  settings: MatchSettings = NO_MATCH_SETTINGS,
): string[] {
  if (matchExpr(expr, view, settings)) return [];
  switch (expr.op) {
    case 'and':
      return expr.of.flatMap((e) => exprMisses(e, view, settings));
    case 'or': {
      let best: string[] | undefined;
      for (const e of expr.of) {
        const misses = exprMisses(e, view, settings);
        if (!best || misses.length < best.length) best = misses;
      }
      return best ?? ['matches nothing'];
    }
    case 'label': {
      const actual = labelValue(labelsOf(view, expr.scope), expr.key);
      const has = actual === undefined ? `has no ${expr.key} label` : `has ${expr.key}=${actual}`;
      if (expr.scope === 'namespace')
        return [`namespace needs ${formatTest(expr.key, expr.test)}, ${view.namespace} ${has}`];
      if (expr.scope === 'node')
        return [
          view.nodeLabels
            ? `node needs ${formatTest(expr.key, expr.test)}, ${has}`
            : 'matches nodes (host-network pods), not pods',
        ];
      const owner = expr.scope === 'pod' ? 'pod' : `serviceAccount ${view.serviceAccount ?? 'default'}`;
      return [`${owner} needs ${formatTest(expr.key, expr.test)}, ${has}`];
    }
    case 'not':
      if (expr.of.op === 'label') {
        const actual = labelValue(labelsOf(view, expr.of.scope), expr.of.key);
        return [`needs ${formatNegated(expr.of)}, has ${expr.of.key}=${actual ?? ''}`];
      }
      return [`needs ${formatExpr(expr)}`];
    case 'namespace':
      return [
        `peer selects pods in namespace ${expr.names.join(' or ')} only, this one is in ${view.namespace || 'no namespace'}`,
      ];
    case 'serviceAccount':
      return [`needs ${formatExpr(expr)}, runs as ${view.serviceAccount ?? 'default'}`];
    case 'mesh':
      return ['needs to be in the mesh (a sidecar or ambient), is not'];
    case 'host':
      return ['needs a host endpoint, is a pod'];
    case 'ip':
      return [
        view.ips?.length
          ? `needs an IP in ${expr.ranges.map(formatRangeShort).join(', ')}, has ${view.ips.length} other address(es)`
          : `needs an IP in ${expr.ranges.map(formatRangeShort).join(', ')}; the pod's IP is not in the manifests (set the pod network CIDR)`,
      ];
    default:
      return [`needs ${formatExpr(expr)}`];
  }
}
