import type { ClusterModel, Labels, Workload } from '../model/types.ts';
import type { PodView } from '../policy/peers.ts';

/**
 * An equivalence class of pods: same namespace (and namespace labels), same labels, same
 * container ports. NetworkPolicy cannot tell members of a class apart, so reachability is
 * computed once per class instead of once per workload.
 */
export interface PodClass {
  id: number;
  key: string;
  view: PodView;
}

/** Canonical key of what policies can see of a pod. */
export function classKey(view: PodView): string {
  return [
    view.namespace,
    canonicalLabels(view.namespaceLabels),
    canonicalLabels(view.labels),
    view.ports
      .map((p) => `${p.name ?? ''}:${p.port}/${p.protocol}`)
      .sort()
      .join(','),
  ].join('\u0000');
}

function canonicalLabels(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0001');
}

/** What policies see of a workload's pods. */
export function podViewOf(workload: Workload, namespaceLabels: ReadonlyMap<string, Labels>): PodView {
  return {
    namespace: workload.namespace,
    namespaceLabels: namespaceLabels.get(workload.namespace) ?? {
      'kubernetes.io/metadata.name': workload.namespace,
    },
    labels: workload.labels,
    ports: workload.ports,
  };
}

export function namespaceLabelMap(model: ClusterModel): Map<string, Labels> {
  return new Map(model.namespaces.map((ns) => [ns.name, ns.labels]));
}

/** The label keys and port names that some policy can see; everything else cannot matter. */
export interface RelevantKeys {
  podKeys: ReadonlySet<string>;
  namespaceKeys: ReadonlySet<string>;
  portNames: ReadonlySet<string>;
}

/** Collects the keys and port names the policies refer to. */
export function relevantKeys(policies: ClusterModel['policies']): RelevantKeys {
  const podKeys = new Set<string>();
  const namespaceKeys = new Set<string>();
  const portNames = new Set<string>();
  const addSelector = (
    into: Set<string>,
    selector: { matchLabels: Labels; matchExpressions: readonly { key: string }[] } | undefined,
  ) => {
    if (!selector) return;
    for (const key of Object.keys(selector.matchLabels)) into.add(key);
    for (const expression of selector.matchExpressions) into.add(expression.key);
  };
  for (const policy of policies) {
    addSelector(podKeys, policy.podSelector);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind !== 'pods') continue;
        addSelector(podKeys, peer.podSelector);
        addSelector(namespaceKeys, peer.namespaceSelector);
      }
      for (const port of rule.ports ?? []) if (typeof port.port === 'string') portNames.add(port.port);
    }
  }
  return { podKeys, namespaceKeys, portNames };
}

function project(labels: Labels, keys: ReadonlySet<string>): Labels {
  const kept: [string, string][] = [];
  for (const key of Object.keys(labels)) if (keys.has(key)) kept.push([key, labels[key] as string]);
  return Object.fromEntries(kept);
}

/**
 * What policies can see of a pod, reduced to the label keys and port names they refer to, so
 * pods that differ only in labels no policy reads (pod-template-hash, chart versions) share a
 * class and a toggle of such a label costs nothing.
 */
export function projectView(view: PodView, relevant: RelevantKeys): PodView {
  return {
    namespace: view.namespace,
    namespaceLabels: project(view.namespaceLabels, relevant.namespaceKeys),
    labels: project(view.labels, relevant.podKeys),
    ports: view.ports.filter((p) => p.name !== undefined && relevant.portNames.has(p.name)),
  };
}
