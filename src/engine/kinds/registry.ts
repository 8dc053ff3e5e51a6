import { calicoKind } from './calico/calicoKind.ts';
import { ciliumKind } from './cilium/kind.ts';
import { clusterTiersKind } from './clustertiers/index.ts';
import { istioKind } from './istio/index.ts';
import { networkPolicyKind } from './networkpolicy/index.ts';
import type { PolicyKind } from './plugin.ts';

/**
 * Every policy kind the engine evaluates, in one list. buildModel asks each in turn whether it
 * reads an object; reach/ never looks at kinds.
 */
export const POLICY_KINDS: readonly PolicyKind[] = [
  networkPolicyKind,
  clusterTiersKind,
  calicoKind,
  ciliumKind,
  istioKind,
];

/** The kind that reads objects of this group and kind, if any. */
export function kindFor(group: string, kind: string): PolicyKind | undefined {
  return POLICY_KINDS.find((k) => k.reads(group, kind));
}

/** API groups whose objects are network or mesh policies. */
const POLICY_GROUPS = new Set([
  'policy.networking.k8s.io',
  'cilium.io',
  'projectcalico.org',
  'crd.projectcalico.org',
  'security.istio.io',
  'policy.linkerd.io',
  'crd.antrea.io',
  'security.antrea.io',
  'networking.gke.io',
  'k8s.ovn.org',
  'kuma.io',
  'consul.hashicorp.com',
]);

/** Groups whose kinds end in "Policy" but govern admission, scheduling or disruption, not traffic. */
const NOT_NETWORK_GROUPS = new Set([
  'policy',
  'admissionregistration.k8s.io',
  'kyverno.io',
  'templates.gatekeeper.sh',
  'constraints.gatekeeper.sh',
  'autoscaling',
  'scheduling.k8s.io',
]);

/** Policy kinds of known policy groups that configure rather than decide traffic (never warned). */
const NOT_TRAFFIC_KINDS = new Set(['PodDisruptionBudget', 'PodSecurityPolicy']);

/**
 * Whether an object looks like a policy that decides traffic: its group is a known policy group,
 * or its kind ends in `Policy` outside groups that use the word for other things.
 */
export function looksLikeTrafficPolicy(group: string, kind: string): boolean {
  if (NOT_TRAFFIC_KINDS.has(kind) || NOT_NETWORK_GROUPS.has(group)) return false;
  if (POLICY_GROUPS.has(group))
    return /Policy|Policies|Rule|Authoriz|Authentication|Tier|Profile|Server/.test(kind);
  return /Policy$/.test(kind);
}
