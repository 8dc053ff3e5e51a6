import type { NetworkPolicy } from '../../model/types.ts';
import type { ModelDraft, PolicyKind } from '../plugin.ts';
import { compileNetworkPolicy } from './compileNetworkPolicy.ts';
import { readNetworkPolicy } from './readNetworkPolicy.ts';

/** The NetworkPolicies as read, by `ns/name` (a later one of the same name replaces it, as kubectl apply). */
export function networkPoliciesOf(draft: Pick<ModelDraft, 'extras'>): Map<string, NetworkPolicy> {
  let map = draft.extras.networkpolicy as Map<string, NetworkPolicy> | undefined;
  if (!map) {
    map = new Map();
    draft.extras.networkpolicy = map;
  }
  return map;
}

/** Kubernetes NetworkPolicy (networking.k8s.io/v1, and the old extensions/v1beta1). */
export const networkPolicyKind: PolicyKind = {
  id: 'networkpolicy',
  label: 'Kubernetes NetworkPolicy',
  reads: (group, kind) =>
    kind === 'NetworkPolicy' && (group === 'networking.k8s.io' || group === 'extensions' || group === ''),
  clusterScoped: () => false,
  read(ctx, object, draft) {
    const namespace = object.namespace ?? 'default';
    const policy = readNetworkPolicy(ctx, namespace, object.name);
    if (!policy) return;
    const existing = networkPoliciesOf(draft);
    if (existing.has(policy.id))
      ctx.report(
        'warning',
        ctx.object.value,
        'metadata',
        'metadata.name',
        `NetworkPolicy ${policy.id} appears twice: the later one is used, as kubectl apply would`,
      );
    existing.set(policy.id, policy);
    draft.addPolicy(compileNetworkPolicy(policy));
  },
};
