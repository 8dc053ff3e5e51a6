import type { NetworkPolicy, Peer, PolicyPort, PolicyRule } from '../../model/types.ts';
import { type ConnectionSet, NO_CONNECTIONS, portsOf, union } from '../../policy/connectionSet.ts';
import { NONE } from '../../policy/expr.ts';
import { formatSelector } from '../../policy/matchSelector.ts';
import { podsInNamespaceExpr, podsInNamespacesExpr } from '../shared/labelSelectorExpr.ts';
import { ANY_PORT } from '../shared/portSpecs.ts';
import {
  type CompiledPolicy,
  type CompiledRule,
  DEFAULT_TIER,
  type DirectionRules,
  type NamedPort,
  type PeerSpec,
  type PortSpec,
} from '../types.ts';

/** Where Calico puts Kubernetes NetworkPolicies in its default tier, and so do we. */
export const NETWORK_POLICY_ORDER = 1000;

/**
 * Compiles a NetworkPolicy to the common form: default tier, order 1000, every rule an Allow. A
 * selected pod is isolated in a direction when the policy lists that type, so traffic no rule
 * allows meets the tier's deny: "isolated pods get the union of the allows".
 */
export function compileNetworkPolicy(policy: NetworkPolicy): CompiledPolicy {
  const compiled: CompiledPolicy = {
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    id: policy.id,
    name: policy.name,
    namespace: policy.namespace,
    tier: DEFAULT_TIER.key,
    order: NETWORK_POLICY_ORDER,
    subject: podsInNamespaceExpr(policy.namespace, policy.podSelector),
    ref: policy.ref,
  };
  if (policy.affects.ingress) compiled.ingress = direction(policy, policy.ingress);
  if (policy.affects.egress) compiled.egress = direction(policy, policy.egress);
  return compiled;
}

function direction(policy: NetworkPolicy, rules: readonly PolicyRule[]): DirectionRules {
  return { isolates: true, rules: rules.map((rule) => compileRule(policy, rule)) };
}

function compileRule(policy: NetworkPolicy, rule: PolicyRule): CompiledRule {
  const compiled: CompiledRule = {
    index: rule.index,
    action: 'allow',
    ports: rule.ports ? portSpec(rule.ports) : ANY_PORT,
    ref: rule.ref,
  };
  if (rule.peers) compiled.peers = rule.peers.map((peer) => peerSpec(policy, peer));
  return compiled;
}

function peerSpec(policy: NetworkPolicy, peer: Peer): PeerSpec {
  if (peer.kind === 'ipBlock') {
    const except = peer.except.length ? ` except ${peer.except.join(', ')}` : '';
    return {
      endpoints: NONE,
      external: peer.ranges,
      label: `ipBlock ${peer.cidr}${except}`,
      index: peer.index,
      ref: peer.ref,
    };
  }
  const endpoints = peer.namespaceSelector
    ? podsInNamespacesExpr(peer.namespaceSelector, peer.podSelector)
    : podsInNamespaceExpr(policy.namespace, peer.podSelector);
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaces ${formatSelector(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`pods ${formatSelector(peer.podSelector)}`);
  return { endpoints, external: [], label: parts.join(' and '), index: peer.index, ref: peer.ref };
}

function portSpec(ports: readonly PolicyPort[]): PortSpec {
  let fixed: ConnectionSet = NO_CONNECTIONS;
  const named: NamedPort[] = [];
  for (const entry of ports) {
    if (typeof entry.port === 'string') named.push({ name: entry.port, protocol: entry.protocol });
    else if (entry.port === undefined) fixed = union(fixed, portsOf(entry.protocol));
    else fixed = union(fixed, portsOf(entry.protocol, entry.port, entry.endPort ?? entry.port));
  }
  return { fixed, named };
}
