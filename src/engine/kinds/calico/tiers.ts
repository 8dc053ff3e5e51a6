import type { SourceRef } from '../../diagnostics.ts';
import { asRecord, field, type ObjectContext } from '../../model/objectContext.ts';
import type { IpRange, Labels, Workload } from '../../model/types.ts';
import type { ModelDraft } from '../plugin.ts';
import { DEFAULT_TIER, type Tier } from '../types.ts';

/** Calico's default tier is the namespaced tier every Kubernetes NetworkPolicy sits in. */
export const CALICO_DEFAULT_TIER = 'default';

/**
 * Profiles are evaluated after every tier (Calico: "if the last tier applying to the endpoint
 * passes the packet, that endpoint's profiles are evaluated"), and an endpoint with a profile list
 * whose profiles decide nothing is denied.
 */
export const PROFILE_TIER: Tier = {
  key: 'calico-profiles',
  layer: 'network',
  order: 20_000_000,
  label: 'Calico profiles',
  endAction: 'deny',
};

/** Where a tier without `order` goes: after every ordered tier (baseline included), before profiles. */
export const UNORDERED_TIER_ORDER = 19_000_000;

/** What the kind remembers between objects, in `draft.extras.calico`. */
export interface CalicoExtras {
  /** Tier names defined by Tier objects (their settings win over placeholders). */
  tierObjects: string[];
  profileTier: boolean;
  /** Rules that name ServiceAccounts, for the unused-account finding. */
  serviceAccountRules: { policyId: string; namespace?: string; names: readonly string[]; ref: SourceRef }[];
  /** Rules that name Services, to resolve against the model's Services. */
  serviceRules: {
    policyId: string;
    direction: 'ingress' | 'egress';
    ruleIndex: number;
    name: string;
    namespace: string;
  }[];
  /** Ids of the Calico policies as written (before splitting by destination constraints). */
  policyIds: string[];
  /** Rule peers chosen by labels, which also match network sets (`negated`: by notSelector only). */
  selectorPeers: { policyId: string; direction: 'ingress' | 'egress'; ruleIndex: number; negated: boolean }[];
  /** NetworkSets (with a namespace) and GlobalNetworkSets: labelled external networks. */
  networkSets: { name: string; namespace?: string; labels: Labels; ranges: IpRange[] }[];
  /** Profile `labelsToApply`, by profile name. */
  profileLabels: Record<string, Labels>;
  /** WorkloadEndpoints and HostEndpoints as read (their own labels), by id. */
  endpoints: Record<string, Workload>;
}

export function calicoExtras(draft: ModelDraft): CalicoExtras {
  const existing = draft.extras.calico as CalicoExtras | undefined;
  if (existing) return existing;
  const created: CalicoExtras = {
    tierObjects: [],
    profileTier: false,
    serviceAccountRules: [],
    serviceRules: [],
    policyIds: [],
    selectorPeers: [],
    networkSets: [],
    profileLabels: {},
    endpoints: {},
  };
  draft.extras.calico = created;
  return created;
}

/** The engine's key for a Calico tier name. */
export function tierKey(name: string): string {
  return name === CALICO_DEFAULT_TIER ? DEFAULT_TIER.key : `calico:${name}`;
}

/** Makes sure a tier a policy names exists; a Tier object read before or after decides its settings. */
export function ensureTier(draft: ModelDraft, name: string): void {
  if (name === CALICO_DEFAULT_TIER) return;
  if (calicoExtras(draft).tierObjects.includes(name)) return;
  draft.addTier({
    key: tierKey(name),
    layer: 'network',
    order: UNORDERED_TIER_ORDER,
    label: `Calico tier ${name}`,
    endAction: 'deny',
  });
}

/** Registers the profile tier and the catch-all that denies what no profile decided. */
export function ensureProfileTier(draft: ModelDraft, ref: SourceRef): void {
  const extras = calicoExtras(draft);
  if (extras.profileTier) return;
  extras.profileTier = true;
  draft.addTier(PROFILE_TIER);
  draft.addPolicy({
    kind: 'Profile',
    apiVersion: 'projectcalico.org/v3',
    id: 'Calico endpoint default deny',
    name: 'endpoint default deny',
    tier: PROFILE_TIER.key,
    order: Number.MAX_VALUE,
    subject: { op: 'profile' },
    ingress: { rules: [], isolates: true },
    egress: { rules: [], isolates: true },
    ref,
    detail: 'a Calico endpoint that no policy or profile allowed is denied',
  });
}

/**
 * Reads a Tier: `order` (lower first; absent: after every ordered tier) and `defaultAction`
 * (Deny, the default, or Pass) for traffic the tier's policies select but do not decide.
 */
export function readTier(ctx: ObjectContext, name: string, draft: ModelDraft): void {
  const spec = asRecord(field(ctx.object.value, 'spec')) ?? {};
  const order = spec.order;
  const action = spec.defaultAction ?? 'Deny';
  if (order !== undefined && order !== null && typeof order !== 'number') {
    ctx.report('error', spec, 'order', 'spec.order', 'order must be a number', true);
    return;
  }
  if (action !== 'Deny' && action !== 'Pass') {
    ctx.report(
      'error',
      spec,
      'defaultAction',
      'spec.defaultAction',
      'defaultAction must be Deny or Pass',
      true,
    );
    return;
  }
  const endAction = action === 'Pass' ? 'pass' : 'deny';
  const extras = calicoExtras(draft);
  if (!extras.tierObjects.includes(name)) extras.tierObjects.push(name);
  const ref = ctx.object.ref;
  if (name === CALICO_DEFAULT_TIER) {
    draft.addTier({ ...DEFAULT_TIER, endAction, ref });
    return;
  }
  draft.addTier({
    key: tierKey(name),
    layer: 'network',
    order: typeof order === 'number' ? order : UNORDERED_TIER_ORDER,
    label: `Calico tier ${name}`,
    endAction,
    ref,
  });
}
