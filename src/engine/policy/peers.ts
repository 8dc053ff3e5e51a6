import type {
  ContainerPort,
  Direction,
  IpRange,
  Labels,
  NetworkPolicy,
  Peer,
  PolicyRule,
} from '../model/types.ts';
import { matchSelector } from './matchSelector.ts';

/**
 * What policies see of an endpoint (a pod, or a Calico host endpoint): its namespace and that
 * namespace's labels, its labels and container ports, and the identity facts other kinds read.
 */
export interface EndpointView {
  /** Empty for cluster-scoped endpoints (host endpoints). */
  namespace: string;
  namespaceLabels: Labels;
  labels: Labels;
  ports: readonly ContainerPort[];
  /** ServiceAccount name (`default` when the pod names none). */
  serviceAccount?: string;
  /** Labels of that ServiceAccount object, when the manifests have it. */
  serviceAccountLabels?: Labels;
  /**
   * For a host-network pod: the labels of the node it runs on as far as the manifests tell (its
   * nodeSelector, plus `kubernetes.io/os: linux` unless that says otherwise). Undefined otherwise:
   * policy `nodes` peers match traffic to node addresses, which is what host-network pods have.
   */
  nodeLabels?: Labels;
  /** A Calico HostEndpoint rather than a pod. */
  host?: boolean;
  /** In the service mesh (an Istio sidecar or ambient mode). */
  inMesh?: boolean;
  /** Calico profiles the endpoint lists (WorkloadEndpoint / HostEndpoint); undefined for pods. */
  profiles?: readonly string[];
  /** IPv4 addresses known from the manifests (status.podIP, WorkloadEndpoint ipNetworks), as numbers. */
  ips?: readonly number[];
}

/** The NetworkPolicy view of an endpoint. */
export type PodView = EndpointView;

/** Whether a policy applies to a pod: same namespace, and its podSelector selects the pod. */
export function policySelectsPod(policy: NetworkPolicy, pod: PodView): boolean {
  return policy.namespace === pod.namespace && matchSelector(policy.podSelector, pod.labels);
}

/** Whether a policy isolates a pod in a direction: it selects the pod and lists that policy type. */
export function isolates(policy: NetworkPolicy, pod: PodView, direction: Direction): boolean {
  return policy.affects[direction] && policySelectsPod(policy, pod);
}

/**
 * Whether a peer selects a pod. podSelector alone: pods of the policy's namespace;
 * namespaceSelector alone: every pod in matching namespaces; both: AND. ipBlock never selects pods.
 */
export function peerSelectsPod(peer: Peer, policyNamespace: string, pod: PodView): boolean {
  if (peer.kind === 'ipBlock') return false;
  const namespaceMatches = peer.namespaceSelector
    ? matchSelector(peer.namespaceSelector, pod.namespaceLabels)
    : pod.namespace === policyNamespace;
  return namespaceMatches && (!peer.podSelector || matchSelector(peer.podSelector, pod.labels));
}

/** Whether a rule's peers include a pod (a rule without peers includes everyone). */
export function ruleSelectsPod(rule: PolicyRule, policyNamespace: string, pod: PodView): boolean {
  return !rule.peers || rule.peers.some((peer) => peerSelectsPod(peer, policyNamespace, pod));
}

/** Whether an ipBlock peer covers a whole external range (ranges come from a common partition). */
export function peerCoversRange(peer: Peer, range: IpRange): boolean {
  return peer.kind === 'ipBlock' && peer.ranges.some((r) => r.start <= range.start && range.end <= r.end);
}

/** Whether a rule's peers include an external range (a rule without peers includes everyone). */
export function ruleCoversRange(rule: PolicyRule, range: IpRange): boolean {
  return !rule.peers || rule.peers.some((peer) => peerCoversRange(peer, range));
}

export function rulesOf(policy: NetworkPolicy, direction: Direction): readonly PolicyRule[] {
  return direction === 'ingress' ? policy.ingress : policy.egress;
}
