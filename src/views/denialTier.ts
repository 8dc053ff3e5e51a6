import { type CompiledPolicy, isEmpty, type PairExplanation, type Tier } from '../engine/index.ts';

/**
 * Who denied a pair when it was not a Kubernetes NetworkPolicy: a cluster tier (`admin`,
 * `baseline`), the mesh, a Calico tier or profile (`tier`, named by its label), or another kind in
 * the namespaced tier (`kind`: Cilium, Calico).
 */
export type DenialMarker =
  | { family: 'admin' | 'baseline' | 'mesh' }
  | { family: 'tier' | 'kind'; name: string };

/**
 * The tier that decided a denied pair, from its explanation: the first side that denies everything
 * on its own (else the first isolated side), then its first deny rule, else the first tier that
 * denies by default. Null when the pair is allowed, or a Kubernetes NetworkPolicy decided.
 */
export function denialMarker(explanation: PairExplanation, tiers: readonly Tier[]): DenialMarker | null {
  if (!isEmpty(explanation.allowed)) return null;
  const sides = [explanation.egress, explanation.ingress, explanation.mesh].filter((s) => s !== undefined);
  const side = sides.find((s) => isEmpty(s.allowed)) ?? sides.find((s) => s.isolated);
  if (!side) return null;
  if (side.layer === 'mesh') return { family: 'mesh' };
  const deny = side.matches.find((m) => m.effect === 'deny' && !isEmpty(m.allowed));
  if (deny) return markerOf(deny.tier, deny.policy);
  const tierByKey = new Map(tiers.map((t) => [t.key, t]));
  for (const policy of side.isolatingPolicies) {
    const tier = tierByKey.get(policy.tier);
    if (tier?.endAction === 'deny') return markerOf(tier, policy);
  }
  return null;
}

function markerOf(tier: Tier, policy: CompiledPolicy): DenialMarker | null {
  if (tier.layer === 'mesh') return { family: 'mesh' };
  if (tier.key === 'admin' || tier.key === 'baseline') return { family: tier.key };
  if (tier.key !== 'default') return { family: 'tier', name: tier.label };
  const group = policy.apiVersion.split('/')[0] ?? '';
  if (group === 'networking.k8s.io') return null;
  if (group.endsWith('cilium.io')) return { family: 'kind', name: 'Cilium' };
  if (group.endsWith('projectcalico.org')) return { family: 'kind', name: 'Calico' };
  return { family: 'kind', name: policy.kind };
}
