import type { SourceRef } from '../diagnostics.ts';
import type { Direction, IpRange, Protocol } from '../model/types.ts';
import type { ConnectionSet } from '../policy/connectionSet.ts';
import type { Expr } from '../policy/expr.ts';

/**
 * The policy-kind seam. Every policy kind (NetworkPolicy, the cluster tiers, Calico, Cilium,
 * Istio) compiles its objects into {@link CompiledPolicy} values of this one form; reach/ folds
 * them per direction without knowing which kind wrote them. A kind adds a folder under kinds/ and
 * one line in kinds/registry.ts.
 */

/**
 * Where traffic is decided. The network layer (L3/L4, enforced by the CNI) and the mesh layer
 * (Istio's sidecars, TCP only, at the destination) are folded separately and intersected.
 */
export type Layer = 'network' | 'mesh';

/** Tiers are folded in ascending `order` within their layer. */
export interface Tier {
  /** Stable key: `admin`, `default`, `baseline`, a Calico tier name, `istio-deny`, ... */
  key: string;
  layer: Layer;
  order: number;
  /** How explanations name it: "AdminNetworkPolicy tier", "Calico tier security". */
  label: string;
  /**
   * What becomes of traffic no rule of the tier decided, for an endpoint that a policy of the tier
   * isolates (see {@link DirectionRules.isolates}): `deny` (NetworkPolicy, Calico tiers, Istio
   * ALLOW) or `pass` to the next tier (AdminNetworkPolicy, BaselineAdminNetworkPolicy).
   */
  endAction: 'deny' | 'pass';
  ref?: SourceRef;
}

/**
 * The standard network tiers, ordered as Calico orders them (its AdminNetworkPolicy tier at 1,000,
 * the default tier at 1,000,000, the baseline tier at 10,000,000), so Calico's own tiers fall in
 * between where their `order` puts them.
 */
export const ADMIN_TIER: Tier = {
  key: 'admin',
  layer: 'network',
  order: 1_000,
  label: 'admin tier',
  endAction: 'pass',
};
export const DEFAULT_TIER: Tier = {
  key: 'default',
  layer: 'network',
  order: 1_000_000,
  label: 'namespaced tier',
  endAction: 'deny',
};
export const BASELINE_TIER: Tier = {
  key: 'baseline',
  layer: 'network',
  order: 10_000_000,
  label: 'baseline tier',
  endAction: 'pass',
};

/**
 * What a rule does with the connections it matches. `allow` and `deny` decide; `pass` hands them
 * to the next tier; `log` records and goes on (Calico Log); `conditional` means something outside
 * the manifests decides (Istio CUSTOM): the matched connections go on through the fold and are
 * marked conditional wherever they end up allowed.
 */
export type RuleAction = 'allow' | 'deny' | 'pass' | 'log' | 'conditional';

/**
 * One peer of a rule: the in-cluster endpoints it matches and the external IPv4 ranges it covers.
 * A rule matches a peer endpoint when any of its peers does (OR).
 */
export interface PeerSpec {
  /** In-cluster endpoints (pods, host endpoints) this peer matches. */
  endpoints: Expr;
  /** External addresses this peer covers, as sorted disjoint IPv4 ranges. */
  external: readonly IpRange[];
  /** The peer as people read it: `pods app=api in namespace shop`, `ipBlock 10.0.0.0/8`. */
  label: string;
  /** 0-based position in the rule's peer list. */
  index: number;
  ref: SourceRef;
  /** Set when the peer's match rests on a cluster setting (e.g. the pod network CIDR). */
  note?: string;
}

/** A port named in a policy, resolved against the destination's container ports. */
export interface NamedPort {
  name: string;
  /** Only container ports of this protocol; absent: any protocol (AdminNetworkPolicy namedPort). */
  protocol?: Protocol;
}

/**
 * The connections a rule matches: `fixed` (numbers, ranges, whole protocols) plus `named` ports
 * resolved per destination, minus `except` (Calico notPorts / notProtocol).
 */
export interface PortSpec {
  fixed: ConnectionSet;
  named: readonly NamedPort[];
  except?: { fixed: ConnectionSet; named: readonly NamedPort[] };
}

/** One rule in the common form. */
export interface CompiledRule {
  /** 0-based position among the policy's rules of this direction. */
  index: number;
  /** The rule's own name where the kind has one (AdminNetworkPolicy). */
  name?: string;
  action: RuleAction;
  /** Undefined: every peer, in the cluster and outside it. */
  peers?: readonly PeerSpec[];
  ports: PortSpec;
  /**
   * An L7 condition (HTTP method/path/host, DNS names, Kafka topics): an allow then allows only the
   * matching requests ("only GET /api/.*"), a deny denies only them. The text is shown as is.
   */
  condition?: string;
  ref: SourceRef;
}

/** A policy's rules for one direction. */
export interface DirectionRules {
  rules: readonly CompiledRule[];
  /**
   * Whether a selected endpoint is isolated in this direction: traffic no rule of the tier decided
   * then meets the tier's end action. NetworkPolicy: the policy type is listed; Calico: `types`;
   * Cilium: the policy has rules for the direction or enableDefaultDeny says so; Istio: ALLOW.
   */
  isolates: boolean;
}

/** A policy of any kind, compiled. */
export interface CompiledPolicy {
  /** Kind as written (`NetworkPolicy`, `AdminNetworkPolicy`, `GlobalNetworkPolicy`, ...). */
  kind: string;
  /** API group/version as written. */
  apiVersion: string;
  /** Unique within the model: `ns/name` for NetworkPolicy (as before), `Kind ns/name` otherwise. */
  id: string;
  name: string;
  /** Undefined for cluster-scoped policies. */
  namespace?: string;
  /** Key of its {@link Tier}. */
  tier: string;
  /** Position inside the tier: lower first (priority, Calico order); ties broken by name. */
  order: number;
  /** The endpoints it applies to. */
  subject: Expr;
  ingress?: DirectionRules;
  egress?: DirectionRules;
  ref: SourceRef;
  /** Short words for explanations: `priority 10`, `order 100`. */
  detail?: string;
}

/** The compiled rules of one direction, or an empty list. */
export function rulesFor(policy: CompiledPolicy, direction: Direction): readonly CompiledRule[] {
  return policy[direction]?.rules ?? [];
}
