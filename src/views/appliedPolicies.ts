import type { PolicyView, WorkloadView } from './snapshot.ts';

export interface AppliedPolicy {
  policy: PolicyView;
  /** The directions it selects the workload for. */
  ingress: boolean;
  egress: boolean;
}

/** One tier's policies that select a workload, in the order the tiers decide. */
export interface AppliedTier {
  tier: string;
  policies: AppliedPolicy[];
}

/**
 * Every policy of any kind that selects a workload (AdminNetworkPolicy, NetworkPolicy, Calico,
 * Cilium, Istio), grouped by tier. Tiers and policies keep fold order: incoming first, then
 * any tier that only selects it for outgoing traffic.
 */
export function appliedPolicies(workload: WorkloadView, policies: readonly PolicyView[]): AppliedTier[] {
  const byId = new Map(policies.map((p) => [p.id, p]));
  const tiers = new Map<string, Map<string, AppliedPolicy>>();
  for (const direction of ['ingress', 'egress'] as const) {
    for (const id of workload.policies[direction]) {
      const policy = byId.get(id);
      if (!policy) continue;
      let tier = tiers.get(policy.tier);
      if (!tier) {
        tier = new Map();
        tiers.set(policy.tier, tier);
      }
      const entry = tier.get(id) ?? { policy, ingress: false, egress: false };
      entry[direction] = true;
      tier.set(id, entry);
    }
  }
  return [...tiers.entries()].map(([tier, entries]) => ({ tier, policies: [...entries.values()] }));
}
