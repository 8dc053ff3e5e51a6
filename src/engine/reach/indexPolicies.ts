import { dependsOnDestination, resolvePortSpec } from '../kinds/shared/portSpecs.ts';
import type { CompiledPolicy, CompiledRule, PeerSpec, Tier } from '../kinds/types.ts';
import type { Direction, IpRange } from '../model/types.ts';
import { type MatchSettings, matchExpr } from '../policy/expr.ts';
import { IPV4_MAX } from '../policy/ipv4.ts';
import { Bitset } from './bitset.ts';
import type { ConnectionTable } from './connectionTable.ts';
import type { ExprIndex } from './exprIndex.ts';
import type { PodClass } from './podClasses.ts';

/** A compiled rule with the classes and external ranges its peers match, precomputed. */
export interface IndexedRule {
  uid: number;
  policy: CompiledPolicy;
  rule: CompiledRule;
  direction: Direction;
  /**
   * Pod classes the peers match; undefined when the rule has no peers (everyone). May be shared
   * with other rules whose peers select alike (see ExprIndex.selectAny): only grow it, with a
   * class the peers match.
   */
  peerClasses: Bitset | undefined;
  /** External ranges (indexes into the partition) the peers cover; undefined when everyone. */
  peerRanges: Bitset | undefined;
  /** For each range of the partition, the index of the first peer covering it (-1: none). */
  firstPeerOfRange: Int32Array | undefined;
  /** Connection id of the rule's ports when they do not depend on the destination. */
  fixedPorts: number | undefined;
  /** Connection id of the rule's ports towards an external address (names resolve to nothing). */
  externalPorts: number;
  /** Named-port resolutions, indexed by the destination's port-list id (see Reachability). */
  portsBySignature: number[];
}

export interface IndexedPolicy {
  /** Position in the model's policy list (a stable id for grouping). */
  index: number;
  policy: CompiledPolicy;
  tier: Tier;
  /** Pod classes the policy applies to. */
  selects: Bitset;
  rules: Record<Direction, IndexedRule[]>;
}

/**
 * Splits the IPv4 space at every boundary of a peer's external ranges, so that each resulting
 * range is either wholly inside or wholly outside every peer.
 */
export function partitionAddresses(policies: readonly CompiledPolicy[]): IpRange[] {
  const cuts = new Set<number>([0, IPV4_MAX + 1]);
  for (const policy of policies) {
    for (const rule of [...(policy.ingress?.rules ?? []), ...(policy.egress?.rules ?? [])]) {
      for (const peer of rule.peers ?? []) {
        for (const range of peer.external) {
          cuts.add(range.start);
          cuts.add(range.end + 1);
        }
      }
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const ranges: IpRange[] = [];
  for (let i = 0; i + 1 < points.length; i++)
    ranges.push({ start: points[i] as number, end: (points[i + 1] as number) - 1 });
  return ranges;
}

/** Whether a peer covers a whole range of the partition. */
export function peerCoversRange(peer: PeerSpec, range: IpRange): boolean {
  return peer.external.some((r) => r.start <= range.start && range.end <= r.end);
}

/** Indexes of the partition ranges a peer covers (the partition is cut at every peer boundary). */
function* rangesCovered(peer: PeerSpec, ranges: readonly IpRange[]): Generator<number> {
  for (const r of peer.external) {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ranges[mid] as IpRange).start < r.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < ranges.length && (ranges[i] as IpRange).end <= r.end; i++) yield i;
  }
}

/**
 * Precomputes, for every policy and rule, the pod classes they match as bitsets (through the
 * expression index) and the external ranges their peers cover.
 */
export function indexPolicies(
  policies: readonly CompiledPolicy[],
  tiers: ReadonlyMap<string, Tier>,
  index: ExprIndex,
  addressRanges: readonly IpRange[],
  table: ConnectionTable,
): IndexedPolicy[] {
  let uid = 0;
  const indexed: IndexedPolicy[] = [];
  for (const policy of policies) {
    const tier = tiers.get(policy.tier);
    if (!tier) continue;
    const indexRules = (direction: Direction): IndexedRule[] =>
      (policy[direction]?.rules ?? []).map((rule) => {
        let peerClasses: Bitset | undefined;
        let peerRanges: Bitset | undefined;
        let firstPeerOfRange: Int32Array | undefined;
        if (rule.peers) {
          peerClasses = index.selectAny(rule.peers.map((peer) => peer.endpoints));
          peerRanges = new Bitset(addressRanges.length);
          for (const [p, peer] of rule.peers.entries()) {
            if (peer.external.length === 0) continue;
            firstPeerOfRange ??= new Int32Array(addressRanges.length).fill(-1);
            for (const i of rangesCovered(peer, addressRanges)) {
              peerRanges.add(i);
              if (firstPeerOfRange[i] === -1) firstPeerOfRange[i] = p;
            }
          }
        }
        const externalPorts = table.id(resolvePortSpec(rule.ports, undefined));
        return {
          uid: uid++,
          policy,
          rule,
          direction,
          peerClasses,
          peerRanges,
          firstPeerOfRange,
          // Without named ports the connections are the same towards every destination: fixed
          // minus the exceptions (Calico notPorts / notProtocol / notICMP), as for an address.
          fixedPorts: dependsOnDestination(rule.ports) ? undefined : externalPorts,
          externalPorts,
          portsBySignature: [],
        };
      });
    indexed.push({
      index: indexed.length,
      policy,
      tier,
      selects: index.select(policy.subject).clone(),
      rules: { ingress: indexRules('ingress'), egress: indexRules('egress') },
    });
  }
  return indexed;
}

/**
 * Adds one new pod class to precomputed indexes by matching it directly against every policy and
 * rule: the incremental path for a label toggle, linear in the number of rules.
 */
export function indexNewClass(
  indexed: readonly IndexedPolicy[],
  podClass: PodClass,
  settings: MatchSettings,
): void {
  const { view } = podClass;
  for (const entry of indexed) {
    if (matchExpr(entry.policy.subject, view, settings)) entry.selects.add(podClass.id);
    for (const rule of [...entry.rules.ingress, ...entry.rules.egress]) {
      if (rule.peerClasses && rule.rule.peers?.some((peer) => matchExpr(peer.endpoints, view, settings)))
        rule.peerClasses.add(podClass.id);
    }
  }
}
