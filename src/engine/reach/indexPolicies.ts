import type { Direction, IpRange, NetworkPolicy, PolicyRule } from '../model/types.ts';
import { IPV4_MAX } from '../policy/ipv4.ts';
import { type PodView, peerCoversRange, policySelectsPod, ruleSelectsPod } from '../policy/peers.ts';
import { rulePorts } from '../policy/resolvePorts.ts';
import { Bitset } from './bitset.ts';
import type { ConnectionTable } from './connectionTable.ts';
import type { PodClass } from './podClasses.ts';
import { SelectorIndex } from './selectorIndex.ts';

/** A policy rule with the pod classes and external ranges its peers select, precomputed. */
export interface IndexedRule {
  uid: number;
  policy: NetworkPolicy;
  rule: PolicyRule;
  direction: Direction;
  /** Pod classes the peers select; undefined when the rule has no peers (everyone). */
  peerClasses: Bitset | undefined;
  /** External ranges (indexes into the partition) the peers cover; undefined when everyone. */
  peerRanges: Bitset | undefined;
  /** Connection id of the rule's ports when they need no named-port resolution. */
  fixedPorts: number | undefined;
  /** Connection id of the rule's ports towards an external address (names resolve to nothing). */
  externalPorts: number;
  /** Named-port resolutions, indexed by the destination's port-list id (see Reachability). */
  portsBySignature: number[];
}

export interface IndexedPolicy {
  policy: NetworkPolicy;
  /** Pod classes the policy selects (its namespace and podSelector). */
  selects: Bitset;
  rules: Record<Direction, IndexedRule[]>;
}

/**
 * Splits the IPv4 space at every ipBlock boundary, so that each resulting range is either wholly
 * inside or wholly outside every ipBlock peer.
 */
export function partitionAddresses(policies: readonly NetworkPolicy[]): IpRange[] {
  const cuts = new Set<number>([0, IPV4_MAX + 1]);
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind !== 'ipBlock') continue;
        for (const range of peer.ranges) {
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

/**
 * Precomputes, for every policy and rule, the pod classes they select as bitsets (through label
 * indexes over classes and namespaces) and the external ranges their ipBlocks cover.
 */
export function indexPolicies(
  policies: readonly NetworkPolicy[],
  classes: readonly PodClass[],
  addressRanges: readonly IpRange[],
  table: ConnectionTable,
): IndexedPolicy[] {
  const capacity = Math.max(64, classes.length * 2);
  const podIndex = new SelectorIndex(
    capacity,
    classes.map((c) => c.view.labels),
  );
  const namespaceNames = [...new Set(classes.map((c) => c.view.namespace))];
  const namespaceLabels = namespaceNames.map(
    (name) => classes.find((c) => c.view.namespace === name)?.view.namespaceLabels ?? {},
  );
  const namespaceIndex = new SelectorIndex(Math.max(64, namespaceNames.length), namespaceLabels);
  const classesInNamespace = new Map<string, Bitset>();
  for (const c of classes) {
    let set = classesInNamespace.get(c.view.namespace);
    if (!set) {
      set = new Bitset(capacity);
      classesInNamespace.set(c.view.namespace, set);
    }
    set.add(c.id);
  }
  const none = new Bitset(capacity);
  const inNamespaces = (names: Bitset): Bitset => {
    const result = new Bitset(capacity);
    names.forEach((i) => {
      const set = classesInNamespace.get(namespaceNames[i] as string);
      if (set) result.or(set);
    });
    return result;
  };

  let uid = 0;
  return policies.map((policy) => {
    const selects = (classesInNamespace.get(policy.namespace) ?? none)
      .clone()
      .and(podIndex.select(policy.podSelector));
    const indexRules = (direction: Direction): IndexedRule[] =>
      (direction === 'ingress' ? policy.ingress : policy.egress).map((rule) => {
        let peerClasses: Bitset | undefined;
        let peerRanges: Bitset | undefined;
        if (rule.peers) {
          peerClasses = new Bitset(capacity);
          peerRanges = new Bitset(addressRanges.length);
          for (const peer of rule.peers) {
            if (peer.kind === 'ipBlock') {
              for (const [i, range] of addressRanges.entries())
                if (peerCoversRange(peer, range)) peerRanges.add(i);
              continue;
            }
            const namespaces = peer.namespaceSelector
              ? inNamespaces(namespaceIndex.select(peer.namespaceSelector))
              : (classesInNamespace.get(policy.namespace) ?? none).clone();
            if (peer.podSelector) namespaces.and(podIndex.select(peer.podSelector));
            peerClasses.or(namespaces);
          }
        }
        const named = rule.ports?.some((p) => typeof p.port === 'string') ?? false;
        return {
          uid: uid++,
          policy,
          rule,
          direction,
          peerClasses,
          peerRanges,
          fixedPorts: named ? undefined : table.id(rulePorts(rule.ports, [])),
          externalPorts: table.id(rulePorts(rule.ports, undefined)),
          portsBySignature: [],
        };
      });
    return { policy, selects, rules: { ingress: indexRules('ingress'), egress: indexRules('egress') } };
  });
}

/**
 * Adds one new pod class to precomputed indexes by matching it directly against every policy and
 * rule: the incremental path for a label toggle, linear in the number of rules.
 */
export function indexNewClass(indexed: readonly IndexedPolicy[], podClass: PodClass): void {
  const view: PodView = podClass.view;
  for (const entry of indexed) {
    if (policySelectsPod(entry.policy, view)) entry.selects.add(podClass.id);
    for (const rule of [...entry.rules.ingress, ...entry.rules.egress]) {
      if (rule.peerClasses && ruleSelectsPod(rule.rule, entry.policy.namespace, view))
        rule.peerClasses.add(podClass.id);
    }
  }
}
