import type { SourceRef } from '../../diagnostics.ts';
import type { Direction } from '../../model/types.ts';
import type { Expr } from '../../policy/expr.ts';

/**
 * What the Cilium kind keeps for its findings and for resolving toServices once every object is
 * read (`ModelDraft.extras.cilium`).
 */
export interface CiliumExtras {
  /** fromEndpoints / toEndpoints selectors that Cilium confined to the policy's namespace. */
  scopedSelectors: ScopedSelector[];
  /** Policies with a nodeSelector (host policies), which are not evaluated. */
  hostPolicies: { id: string; ref: SourceRef }[];
  /** Egress rules with toFQDNs, and whether a DNS rule could teach Cilium their addresses. */
  fqdnRules: { policyId: string; namespace?: string; names: string[]; ref: SourceRef }[];
  /** Namespaces (or '' for clusterwide) of policies that carry a DNS L7 rule. */
  dnsRuleNamespaces: string[];
  /** toServices peers, resolved against Services after every object is read. */
  servicePeers: ServicePeer[];
}

export interface ScopedSelector {
  policyId: string;
  namespace: string;
  /** The selector as written, without the namespace Cilium adds. */
  unscoped: Expr;
  label: string;
  ref: SourceRef;
}

export interface ServicePeer {
  policyId: string;
  direction: Direction;
  ruleIndex: number;
  peerIndex: number;
  /** Namespace of the Service (the policy's when the rule names none; any for a CCNP). */
  namespace?: string;
  name?: string;
  /** What the Service's own labels must match (k8sServiceSelector), as a pod-scope expression. */
  selector?: Expr;
}

/** The Cilium extras of a draft, created on first use. */
export function ciliumExtras(extras: Record<string, unknown>): CiliumExtras {
  const existing = extras.cilium as CiliumExtras | undefined;
  if (existing) return existing;
  const created: CiliumExtras = {
    scopedSelectors: [],
    hostPolicies: [],
    fqdnRules: [],
    dnsRuleNamespaces: [],
    servicePeers: [],
  };
  extras.cilium = created;
  return created;
}
