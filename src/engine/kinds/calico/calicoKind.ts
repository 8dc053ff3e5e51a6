import type { PolicyKind } from '../plugin.ts';
import { calicoFindings } from './findings.ts';
import { readCalicoEndpoint } from './readEndpoints.ts';
import { readNetworkSet } from './readNetworkSet.ts';
import { readCalicoPolicy } from './readPolicy.ts';
import { resolveCalico } from './resolveCalico.ts';
import { readTier } from './tiers.ts';

/** API groups Calico objects come in: the API server's and the CRDs' as stored. */
const GROUPS = new Set(['projectcalico.org', 'crd.projectcalico.org']);
const POLICIES = new Set(['NetworkPolicy', 'GlobalNetworkPolicy', 'Profile']);
const ENDPOINTS = new Set(['WorkloadEndpoint', 'HostEndpoint']);
const NETWORK_SETS = new Set(['NetworkSet', 'GlobalNetworkSet']);
const CLUSTER_SCOPED = new Set([
  'GlobalNetworkPolicy',
  'Profile',
  'HostEndpoint',
  'Tier',
  'GlobalNetworkSet',
]);

/**
 * Calico (projectcalico.org/v3, crd.projectcalico.org/v1): NetworkPolicy, GlobalNetworkPolicy,
 * Tier, Profile, WorkloadEndpoint, HostEndpoint, NetworkSet and GlobalNetworkSet. Staged policies are not read (they do not
 * enforce anything). See docs/kinds/calico.md for the semantics.
 */
export const calicoKind: PolicyKind = {
  id: 'calico',
  label: 'Calico',
  reads: (group, kind) =>
    GROUPS.has(group) &&
    (POLICIES.has(kind) || ENDPOINTS.has(kind) || NETWORK_SETS.has(kind) || kind === 'Tier'),
  clusterScoped: (kind) => CLUSTER_SCOPED.has(kind),
  read(ctx, identity, draft) {
    if (identity.kind === 'Tier') readTier(ctx, identity.name, draft);
    else if (ENDPOINTS.has(identity.kind)) readCalicoEndpoint(ctx, identity, draft);
    else if (NETWORK_SETS.has(identity.kind)) readNetworkSet(ctx, identity, draft);
    else readCalicoPolicy(ctx, identity, draft);
  },
  resolve: resolveCalico,
  findings: calicoFindings,
  impliesPlugin: 'calico',
  readsServiceAccounts: true,
};
