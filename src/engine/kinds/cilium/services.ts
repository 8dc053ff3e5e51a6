import type { ClusterModel, IpRange, Service } from '../../model/types.ts';
import { and, type Expr, matchExpr, or } from '../../policy/expr.ts';
import { parseIpv4 } from '../../policy/ipv4.ts';
import { mergeRanges } from '../../policy/ranges.ts';
import type { CompiledPolicy, PeerSpec } from '../types.ts';
import type { CiliumExtras, ServicePeer } from './facts.ts';

/**
 * Fills in the toServices peers of Cilium policies once every Service is read: a Service with a
 * selector stands for its pods (Cilium translates it to the pods' identities); one without a
 * selector for the addresses of its Endpoints / EndpointSlices. A Service that is not in the
 * manifests leaves the peer matching nothing.
 */
export function resolveCiliumServices(
  policies: readonly CompiledPolicy[],
  model: ClusterModel,
): readonly CompiledPolicy[] {
  const extras = model.extras.cilium as CiliumExtras | undefined;
  if (!extras || extras.servicePeers.length === 0) return policies;
  const byPolicy = new Map<string, ServicePeer[]>();
  for (const peer of extras.servicePeers)
    byPolicy.set(peer.policyId, [...(byPolicy.get(peer.policyId) ?? []), peer]);
  return policies.map((policy) => {
    const peers = byPolicy.get(policy.id);
    const egress = policy.egress;
    if (!peers || !egress) return policy;
    const rules = egress.rules.map((rule) => {
      const mine = peers.filter((p) => p.ruleIndex === rule.index);
      if (mine.length === 0 || !rule.peers) return rule;
      const resolved = rule.peers.map((peer) => {
        const service = mine.find((p) => p.peerIndex === peer.index);
        return service ? resolvePeer(peer, service, model) : peer;
      });
      return { ...rule, peers: resolved };
    });
    return { ...policy, egress: { ...egress, rules } };
  });
}

function resolvePeer(peer: PeerSpec, ref: ServicePeer, model: ClusterModel): PeerSpec {
  const services = model.services.filter((s) => selects(ref, s));
  if (services.length === 0)
    return { ...peer, note: 'no such Service in the manifests: this peer matches nothing' };
  const endpoints: Expr[] = [];
  const external: IpRange[] = [];
  for (const service of services) {
    if (service.selector) {
      const labels = Object.entries(service.selector).map(
        ([key, value]): Expr => ({ op: 'label', scope: 'pod', key, test: { is: 'eq', value } }),
      );
      endpoints.push(and({ op: 'namespace', names: [service.namespace] }, ...labels));
      continue;
    }
    for (const slice of model.endpoints.filter((e) => e.serviceId === service.id))
      for (const address of slice.addresses) {
        const ip = parseIpv4(address);
        if (ip !== undefined) external.push({ start: ip, end: ip });
      }
  }
  const ranges = mergeRanges(external.map((r) => [r.start, r.end] as const)).map(([start, end]) => ({
    start,
    end,
  }));
  return { ...peer, endpoints: or(...endpoints), external: ranges };
}

function selects(ref: ServicePeer, service: Service): boolean {
  if (ref.namespace !== undefined && service.namespace !== ref.namespace) return false;
  if (ref.name !== undefined) return service.name === ref.name;
  if (!ref.selector) return false;
  const view = { namespace: service.namespace, namespaceLabels: {}, labels: service.labels ?? {}, ports: [] };
  return matchExpr(ref.selector, view);
}
