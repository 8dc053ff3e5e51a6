import type { ClusterModel, Labels, Workload } from '../model/types.ts';
import type { PodView } from '../policy/peers.ts';

/** What a NetworkPolicy sees of a workload's pods: namespace and its labels, labels, ports. */
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
