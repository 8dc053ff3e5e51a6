import type { Labels } from './model/types.ts';

/** What Reachlab assumes about the cluster beyond the manifests. Every command and view takes these. */
export interface ClusterSettings {
  /**
   * The network plugin: `auto` (inferred from the policy kinds present), or an id of
   * NETWORK_PLUGINS (`flannel` enforces no policy at all).
   */
  networkPlugin: string;
  /** Where the ingress controller runs, so policies admitting it are judged right. */
  ingressController: { namespace: string; labels: Labels };
  clusterDomain: string;
  /**
   * The pod network (CIDRs such as `10.244.0.0/16`). Policy peers given as IP networks
   * (AdminNetworkPolicy `networks`, Calico `nets`) match pods whose IP they contain; a pod's IP is
   * taken from `status.podIP` when the manifests have it, else a network that contains the whole
   * pod network matches every pod. Empty: unknown.
   */
  podCidrs: readonly string[];
  mesh: MeshSettings;
}

/** Istio's settings. */
export interface MeshSettings {
  /** Trust domain of workload principals (`cluster.local/ns/<ns>/sa/<sa>`). */
  trustDomain: string;
  /** Policies in this namespace apply mesh-wide. */
  rootNamespace: string;
  /**
   * Which pods are in the mesh: `auto` reads injection markers and, when the manifests have
   * AuthorizationPolicies but no marker at all, assumes every pod is (and says so); `markers`
   * reads markers only; `all` puts every pod in the mesh.
   */
  membership: 'auto' | 'markers' | 'all';
}

/** The settings the engine reads (the same object the CLI flags and the settings panel fill). */
export type EngineSettings = ClusterSettings;

export const DEFAULT_SETTINGS: ClusterSettings = {
  networkPlugin: 'auto',
  ingressController: { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  clusterDomain: 'cluster.local',
  podCidrs: [],
  mesh: { trustDomain: 'cluster.local', rootNamespace: 'istio-system', membership: 'auto' },
};

/** Settings with defaults for every field missing from `partial` (old links and state files). */
export function withDefaults(partial: Partial<ClusterSettings> | undefined): ClusterSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...partial,
    mesh: { ...DEFAULT_SETTINGS.mesh, ...partial?.mesh },
    podCidrs: partial?.podCidrs ?? DEFAULT_SETTINGS.podCidrs,
  };
}

/**
 * Whether two settings say the same thing. Settings that cross a worker boundary arrive as new
 * objects on every call; comparing them by identity made every label toggle in the app a full
 * re-evaluation.
 */
export function sameSettings(a: ClusterSettings, b: ClusterSettings): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

/** JSON with keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
    .join(',')}}`;
}
