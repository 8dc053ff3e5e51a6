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
