import { NAMESPACE_NAME_LABEL } from '../model/buildModel.ts';
import type { ClusterModel, ContainerPort, Labels, Namespace, Workload } from '../model/types.ts';

/**
 * A what-if pod that does not exist in the manifests: "what if a pod with these labels ran in
 * that namespace?". Pure data, like a label override; the manifests are never changed.
 */
export interface Ghost {
  namespace: string;
  name: string;
  labels: Labels;
  /** Container ports, so named ports in policies can resolve against the ghost. */
  ports?: readonly ContainerPort[];
}

/** Where a ghost's source reference points: there is no line to show. */
export const GHOST_SOURCE = '(what-if pod)';

/** `namespace/name` of a ghost, the id it gets in the model. */
export function ghostId(ghost: Pick<Ghost, 'namespace' | 'name'>): string {
  return `${ghost.namespace}/${ghost.name}`;
}

/** Whether a workload is a ghost added by `applyGhosts`. */
export function isGhost(workload: Workload): boolean {
  return workload.ref.source === GHOST_SOURCE;
}

/**
 * Adds ghost workloads to a copy of the model (a Pod each), and the namespaces they name when
 * those do not exist yet (labelled only with `kubernetes.io/metadata.name`, as the API server
 * would). A ghost whose id is already taken is skipped: a real workload wins.
 */
export function applyGhosts(model: ClusterModel, ghosts: readonly Ghost[]): ClusterModel {
  if (ghosts.length === 0) return model;
  const taken = new Set(model.workloads.map((w) => w.id));
  const namespaces: Namespace[] = [...model.namespaces];
  const known = new Set(namespaces.map((n) => n.name));
  const added: Workload[] = [];
  for (const [i, ghost] of ghosts.entries()) {
    const id = ghostId(ghost);
    if (taken.has(id) || !ghost.namespace || !ghost.name) continue;
    taken.add(id);
    if (!known.has(ghost.namespace)) {
      known.add(ghost.namespace);
      namespaces.push({
        name: ghost.namespace,
        labels: { [NAMESPACE_NAME_LABEL]: ghost.namespace },
        defined: false,
      });
    }
    added.push({
      id,
      namespace: ghost.namespace,
      name: ghost.name,
      kind: 'Pod',
      labels: { ...ghost.labels },
      ports: ghost.ports ?? [],
      replicas: 1,
      hostNetwork: false,
      nodeSelector: {},
      podIPs: [],
      ref: { source: GHOST_SOURCE, doc: i + 1, line: 0, endLine: 0 },
    });
  }
  return { ...model, namespaces, workloads: [...model.workloads, ...added] };
}
