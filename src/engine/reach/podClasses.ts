import { POLICY_KINDS } from '../kinds/registry.ts';
import type { CompiledPolicy } from '../kinds/types.ts';
import type { ClusterModel, Labels, Namespace, Workload } from '../model/types.ts';
import { collectKeys, type ExprKeys, emptyKeys } from '../policy/expr.ts';
import { parseIpv4 } from '../policy/ipv4.ts';
import type { EndpointView } from '../policy/peers.ts';
import { DEFAULT_SETTINGS, type EngineSettings } from '../settings.ts';

/**
 * An equivalence class of endpoints: everything any policy can see of them is the same (namespace,
 * the labels and port names policies read, identity facts policies read). Policies cannot tell
 * members of a class apart, so reachability is computed once per class instead of per workload.
 */
export interface PodClass {
  id: number;
  key: string;
  view: EndpointView;
}

/** What the policies read: label keys per scope, port names, and which identity facts. */
export interface RelevantKeys extends ExprKeys {
  portNames: ReadonlySet<string>;
  /** Some policy acts in the mesh layer, so mesh membership matters to the destination. */
  meshLayer: boolean;
}

/** Collects what the compiled policies read. */
export function relevantKeys(policies: readonly CompiledPolicy[], meshLayer: boolean): RelevantKeys {
  const keys = emptyKeys();
  const portNames = new Set<string>();
  for (const policy of policies) {
    collectKeys(policy.subject, keys);
    for (const direction of [policy.ingress, policy.egress]) {
      for (const rule of direction?.rules ?? []) {
        for (const peer of rule.peers ?? []) collectKeys(peer.endpoints, keys);
        for (const port of rule.ports.named) portNames.add(port.name);
        for (const port of rule.ports.except?.named ?? []) portNames.add(port.name);
      }
    }
  }
  return { ...keys, portNames, meshLayer };
}

/** Canonical key of what policies can see of an endpoint. */
export function classKey(view: EndpointView): string {
  return [
    view.namespace,
    canonicalLabels(view.namespaceLabels),
    canonicalLabels(view.labels),
    view.ports
      .map((p) => `${p.name ?? ''}:${p.port}/${p.protocol}`)
      .sort()
      .join(','),
    view.serviceAccount ?? '',
    canonicalLabels(view.serviceAccountLabels ?? {}),
    view.nodeLabels ? canonicalLabels(view.nodeLabels) : '-',
    view.host ? 'h' : '',
    view.inMesh ? 'm' : '',
    (view.ips ?? []).join(','),
    view.profiles ? `p:${view.profiles.join(',')}` : '',
  ].join('\u0000');
}

function canonicalLabels(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0001');
}

/** Everything the evaluation needs to build endpoint views: namespaces and ServiceAccounts by name. */
export interface ViewContext {
  namespaces: ReadonlyMap<string, Namespace>;
  accountLabels: ReadonlyMap<string, Labels>;
  model: ClusterModel;
  settings: EngineSettings;
}

export function viewContext(model: ClusterModel, settings: EngineSettings = DEFAULT_SETTINGS): ViewContext {
  return {
    namespaces: new Map(model.namespaces.map((ns) => [ns.name, ns])),
    accountLabels: new Map(model.serviceAccounts.map((sa) => [`${sa.namespace}/${sa.name}`, sa.labels])),
    model,
    settings,
  };
}

/** What policies see of a workload's pods (or of a host endpoint). */
export function endpointViewOf(workload: Workload, context: ViewContext): EndpointView {
  const namespace = context.namespaces.get(workload.namespace);
  const account = workload.serviceAccountName ?? 'default';
  const view: EndpointView = {
    namespace: workload.namespace,
    namespaceLabels:
      namespace?.labels ?? (workload.host ? {} : { 'kubernetes.io/metadata.name': workload.namespace }),
    labels: workload.labels,
    ports: workload.ports,
  };
  if (workload.hostNetwork) view.nodeLabels = { 'kubernetes.io/os': 'linux', ...workload.nodeSelector };
  if (workload.host) view.host = true;
  if (workload.profiles) view.profiles = workload.profiles;
  if (!workload.host) {
    view.serviceAccount = account;
    const accountLabels = context.accountLabels.get(`${workload.namespace}/${account}`);
    if (accountLabels) view.serviceAccountLabels = accountLabels;
  }
  const ips = workload.podIPs.map(parseIpv4).filter((ip): ip is number => ip !== undefined);
  if (ips.length > 0) view.ips = ips;
  let inMesh = false;
  for (const kind of POLICY_KINDS) {
    const facts = kind.endpointFacts?.(workload, namespace, context.model, context.settings);
    if (facts?.inMesh) inMesh = true;
  }
  if (workload.inMesh !== undefined) inMesh = workload.inMesh;
  if (inMesh) view.inMesh = true;
  return view;
}

function project(labels: Labels, keys: ReadonlySet<string>): Labels {
  const kept: [string, string][] = [];
  for (const key of Object.keys(labels)) if (keys.has(key)) kept.push([key, labels[key] as string]);
  return Object.fromEntries(kept);
}

/**
 * What policies can see of an endpoint, reduced to what they read, so pods that differ only in
 * labels no policy reads (pod-template-hash, chart versions) share a class and a toggle of such a
 * label costs nothing.
 */
export function projectView(view: EndpointView, relevant: RelevantKeys): EndpointView {
  const projected: EndpointView = {
    namespace: view.namespace,
    namespaceLabels: project(view.namespaceLabels, relevant.namespace),
    labels: project(view.labels, relevant.pod),
    ports: view.ports.filter((p) => p.name !== undefined && relevant.portNames.has(p.name)),
  };
  if (relevant.accounts && view.serviceAccount !== undefined) projected.serviceAccount = view.serviceAccount;
  if (relevant.serviceAccount.size > 0 && view.serviceAccountLabels)
    projected.serviceAccountLabels = project(view.serviceAccountLabels, relevant.serviceAccount);
  if (view.nodeLabels) projected.nodeLabels = project(view.nodeLabels, relevant.node);
  if (view.host) projected.host = true;
  if ((relevant.mesh || relevant.meshLayer) && view.inMesh) projected.inMesh = true;
  if (relevant.ips && view.ips) projected.ips = view.ips;
  if (relevant.profiles && view.profiles) projected.profiles = view.profiles;
  return projected;
}
