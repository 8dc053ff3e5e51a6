import type { Diagnostic, SourceRef } from '../diagnostics.ts';
import type { CompiledPolicy, Tier } from '../kinds/types.ts';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Label map. Always read with `labelValue` so that keys like `constructor` are never inherited. */
export type Labels = Readonly<Record<string, string>>;

export interface Namespace {
  name: string;
  /** Includes `kubernetes.io/metadata.name`, as the API server sets it. */
  labels: Labels;
  /** False when the namespace is only implied by objects in it. */
  defined: boolean;
  ref?: SourceRef;
}

export interface ContainerPort {
  name?: string;
  port: number;
  protocol: Protocol;
  container: string;
}

export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'Job'
  | 'CronJob'
  | 'Pod'
  | 'VirtualMachine'
  | 'WorkloadEndpoint'
  | 'HostEndpoint';

/** A set of identical pods: a controller's pod template, or a bare Pod (or Pods grouped by owner). */
export interface Workload {
  /** `namespace/name`. */
  id: string;
  namespace: string;
  name: string;
  kind: WorkloadKind;
  labels: Labels;
  ports: readonly ContainerPort[];
  /** Desired replicas (controllers) or the number of Pods grouped into this workload. */
  replicas: number;
  serviceAccountName?: string;
  hostNetwork: boolean;
  nodeSelector: Labels;
  /** Pod IPs seen in `status.podIP(s)` of Pods in this workload. */
  podIPs: readonly string[];
  /** Pod template annotations (sidecar injection markers and the like). */
  annotations?: Labels;
  /** A Calico HostEndpoint: cluster-scoped, `namespace` is empty and the id is `HostEndpoint/<name>`. */
  host?: boolean;
  /** Calico profiles the endpoint lists (WorkloadEndpoint / HostEndpoint `spec.profiles`). */
  profiles?: readonly string[];
  /** What-if: mesh membership forced on or off (otherwise derived from injection markers). */
  inMesh?: boolean;
  ref: SourceRef;
}

/** A ServiceAccount object (only its labels matter to policies). */
export interface ServiceAccount {
  namespace: string;
  name: string;
  labels: Labels;
  ref: SourceRef;
}

/** A policy object of a kind Reachlab does not evaluate: reported loudly, never dropped in silence. */
export interface UnsupportedPolicy {
  apiVersion: string;
  kind: string;
  /** `namespace/name`, or the name of a cluster-scoped object. */
  id: string;
  ref: SourceRef;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

/** A parsed label selector. An empty one selects everything. */
export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: readonly LabelSelectorRequirement[];
}

export interface ServicePort {
  name?: string;
  protocol: Protocol;
  port: number;
  /** Number, or a container port name; defaults to `port`. */
  targetPort: number | string;
  nodePort?: number;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface Service {
  id: string;
  namespace: string;
  name: string;
  type: ServiceType;
  /** Undefined when the Service has no selector (endpoints are managed by hand). */
  selector?: Labels;
  /** The Service's own metadata.labels (Cilium toServices selects Services by them). */
  labels?: Labels;
  ports: readonly ServicePort[];
  headless: boolean;
  clusterIP?: string;
  externalName?: string;
  ref: SourceRef;
}

export interface IngressBackend {
  service?: { name: string; port: number | string };
  /** A non-Service backend (`resource:`), kept as its kind/name. */
  resource?: string;
}

export interface IngressPath {
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: IngressBackend;
}

export interface IngressRule {
  host?: string;
  paths: readonly IngressPath[];
}

export interface Ingress {
  id: string;
  namespace: string;
  name: string;
  ingressClassName?: string;
  rules: readonly IngressRule[];
  defaultBackend?: IngressBackend;
  tls: readonly { hosts: readonly string[]; secretName?: string }[];
  ref: SourceRef;
}

/** An IPv4 range, inclusive, as unsigned 32-bit numbers. */
export interface IpRange {
  start: number;
  end: number;
}

export interface PodPeer {
  kind: 'pods';
  /** Absent: pods of the policy's own namespace (with namespaceSelector absent) or all pods. */
  podSelector?: LabelSelector;
  /** Absent: the policy's own namespace. */
  namespaceSelector?: LabelSelector;
  ref: SourceRef;
  index: number;
}

export interface IpBlockPeer {
  kind: 'ipBlock';
  cidr: string;
  except: readonly string[];
  /** cidr minus except, as sorted disjoint IPv4 ranges (empty for IPv6 blocks). */
  ranges: readonly IpRange[];
  ref: SourceRef;
  index: number;
}

export type Peer = PodPeer | IpBlockPeer;

export interface PolicyPort {
  protocol: Protocol;
  /** Absent: every port of the protocol. */
  port?: number | string;
  endPort?: number;
  ref: SourceRef;
}

/** One ingress or egress rule. `peers` / `ports` absent (or empty) mean "any". */
export interface PolicyRule {
  index: number;
  peers?: readonly Peer[];
  ports?: readonly PolicyPort[];
  ref: SourceRef;
}

export type Direction = 'ingress' | 'egress';

export interface NetworkPolicy {
  id: string;
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** Whether the policy isolates its pods for ingress / egress (policyTypes with its defaults). */
  affects: Readonly<Record<Direction, boolean>>;
  ingress: readonly PolicyRule[];
  egress: readonly PolicyRule[];
  ref: SourceRef;
}

/** Endpoints of a Service without a selector (Endpoints or EndpointSlice objects). */
export interface ServiceEndpoints {
  /** `namespace/service-name`. */
  serviceId: string;
  addresses: readonly string[];
  ports: readonly { name?: string; port: number; protocol: Protocol }[];
  ref: SourceRef;
}

/** Everything the engine knows about a cluster, normalized. */
export interface ClusterModel {
  namespaces: readonly Namespace[];
  workloads: readonly Workload[];
  services: readonly Service[];
  ingresses: readonly Ingress[];
  endpoints: readonly ServiceEndpoints[];
  serviceAccounts: readonly ServiceAccount[];
  /** Every policy of every evaluated kind, compiled to the common rule form. */
  policies: readonly CompiledPolicy[];
  /** The NetworkPolicies as read (for NetworkPolicy-specific findings and views). */
  networkPolicies: readonly NetworkPolicy[];
  /** Tiers the policies refer to, in fold order per layer. */
  tiers: readonly Tier[];
  /** Policy objects of kinds that are not evaluated. */
  unsupported: readonly UnsupportedPolicy[];
  /** Kind-specific data, by kind id (see kinds/plugin.ts). */
  extras: Readonly<Record<string, unknown>>;
  /** Kinds that were read and not modelled, with counts (`ConfigMap: 3`). */
  ignored: Readonly<Record<string, number>>;
  diagnostics: readonly Diagnostic[];
}

/** Reads a label without ever touching inherited properties. */
export function labelValue(labels: Labels, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}
