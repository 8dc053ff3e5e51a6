import { resolveNamedPort } from '../kinds/shared/portSpecs.ts';
import type { CompiledPolicy, CompiledRule, PeerSpec, Tier } from '../kinds/types.ts';
import type { ClusterModel, Direction, IpRange } from '../model/types.ts';
import { type ConnectionSet, formatConnectionSet, intersect, isEmpty } from '../policy/connectionSet.ts';
import { matchExpr } from '../policy/expr.ts';
import { formatRangeShort } from '../policy/ipv4.ts';
import type { EndpointView } from '../policy/peers.ts';
import { NONE_ID } from './connectionTable.ts';
import { describeSide, ruleLabel } from './explainWords.ts';
import { type FoldStep, foldSide, newRecord, type SideRules } from './fold.ts';
import type { IndexedRule } from './indexPolicies.ts';
import { peerMiss, portMissReason } from './missReasons.ts';
import type { Reachability } from './reachability.ts';

/** A pod (by workload id and view) or an external IPv4 range. */
export type Endpoint =
  | { kind: 'workload'; id: string; view: EndpointView }
  | { kind: 'external'; range: IpRange };

/** A rule that matched the other side and decided some connections. */
export interface RuleMatch {
  policy: CompiledPolicy;
  rule: CompiledRule;
  tier: Tier;
  /** The peer that matched; undefined when the rule has no peers (everyone). */
  peer?: PeerSpec;
  /** The connections this rule decided (for an allow: allowed). */
  allowed: ConnectionSet;
  effect: FoldStep['effect'];
  /** Why the ports are narrower than written (a named port the destination lacks). */
  portNote?: string;
}

/** A rule that did not match, and why, closest first. */
export interface RuleMiss {
  policy: CompiledPolicy;
  rule: CompiledRule;
  reason: string;
  /** Number of unmet requirements: 0 means the peer matched but no port did. */
  distance: number;
}

/** One side of a connection: the source's egress or the destination's ingress, in one layer. */
export interface SideExplanation {
  direction: Direction;
  layer: 'network' | 'mesh';
  /** The endpoint whose policies are consulted. */
  subject: string;
  /** Some policy selects the subject and can deny what its rules do not allow. */
  isolated: boolean;
  /** The policies that apply to the subject in this direction, in fold order. */
  isolatingPolicies: CompiledPolicy[];
  allowed: ConnectionSet;
  /** Rules that decided connections, in fold order (allows, denies, passes). */
  matches: RuleMatch[];
  /** Rules that did not match, closest first; listed only when no rule allowed anything. */
  misses: RuleMiss[];
  /** Plain-language lines for this side. */
  lines: string[];
}

export interface PairExplanation {
  from: string;
  to: string;
  allowed: ConnectionSet;
  /** Undefined for an external source (nothing of ours limits its egress). */
  egress?: SideExplanation;
  /** Undefined for an external destination. */
  ingress?: SideExplanation;
  /** The mesh layer at the destination, when it is in the mesh and some mesh policy applies. */
  mesh?: SideExplanation;
  /** Plain-language lines, most important first. */
  summary: string[];
}

export interface ExplainOptions {
  /**
   * Whether to list the rules that came closest for denied traffic (default true). Callers that
   * only need which rule or tier decided skip them: on long rule lists they cost the most.
   */
  misses?: boolean;
}

/**
 * Explains the verdict between two endpoints (`ns/name` workloads, or an external range given as
 * `{start, end}`): which policies apply on each side, which rule and peer decided which ports (in
 * the order the tiers decide), or for denied traffic the rules that came closest and what they
 * needed. It replays the same fold the evaluation ran, with a record, so it cannot disagree.
 */
export function explainPair(
  analysis: { model: ClusterModel; reach: Reachability },
  from: string | IpRange,
  to: string | IpRange,
  options: ExplainOptions = {},
): PairExplanation | undefined {
  const misses = options.misses !== false;
  const { reach } = analysis;
  const endpoint = (ref: string | IpRange): Endpoint | undefined => {
    if (typeof ref !== 'string') return { kind: 'external', range: ref };
    const view = reach.endpointView(ref);
    return view ? { kind: 'workload', id: ref, view } : undefined;
  };
  const source = endpoint(from);
  const target = endpoint(to);
  if (!source || !target || (source.kind === 'external' && target.kind === 'external')) return undefined;
  const destinationId = target.kind === 'workload' ? target.id : undefined;

  const sides: SideExplanation[] = [];
  const result: PairExplanation = {
    from: name(source),
    to: name(target),
    allowed: reach.table.get(NONE_ID),
    summary: [],
  };
  let allowed: ConnectionSet | undefined;
  if (source.kind === 'workload') {
    result.egress = explainSide(
      reach,
      reach.side(source.id, 'egress'),
      'egress',
      'network',
      source.id,
      target,
      destinationId,
      misses,
    );
    sides.push(result.egress);
    allowed = result.egress.allowed;
  }
  if (target.kind === 'workload') {
    result.ingress = explainSide(
      reach,
      reach.side(target.id, 'ingress'),
      'ingress',
      'network',
      target.id,
      source,
      destinationId,
      misses,
    );
    sides.push(result.ingress);
    allowed = allowed ? intersect(allowed, result.ingress.allowed) : result.ingress.allowed;
    const meshSide = reach.meshSide(target.id);
    if (meshSide.mode !== 'open') {
      result.mesh = explainSide(reach, meshSide, 'ingress', 'mesh', target.id, source, destinationId, misses);
      sides.push(result.mesh);
      const filter = reach.table.get(reach.table.meshFilter(reach.table.id(result.mesh.allowed)));
      allowed = intersect(allowed, filter);
    }
  }
  result.allowed = allowed ?? result.allowed;
  const verdict = isEmpty(result.allowed) ? 'denied' : `allowed: ${formatConnectionSet(result.allowed)}`;
  result.summary = [`${result.from} -> ${result.to}: ${verdict}`, ...sides.flatMap((s) => s.lines)];
  return result;
}

function explainSide(
  reach: Reachability,
  side: SideRules,
  direction: Direction,
  layer: 'network' | 'mesh',
  subject: string,
  peer: Endpoint,
  destinationId: string | undefined,
  withMisses: boolean,
): SideExplanation {
  const rangeIndex = peer.kind === 'external' ? partitionIndex(reach.addressRanges, peer.range) : -1;
  const matches = (rule: IndexedRule) =>
    peer.kind === 'workload'
      ? reach.ruleMatches(rule, { workload: peer.id })
      : reach.ruleMatches(rule, { range: rangeIndex });
  const ports = (rule: IndexedRule) => reach.rulePortsTowards(rule, destinationId);
  const record = newRecord();
  const allowedId = foldSide(side, reach.table, matches, ports, record);
  const explanation: SideExplanation = {
    direction,
    layer,
    subject,
    isolated: side.groups.some((g) => g.isolated && g.tier.endAction === 'deny'),
    isolatingPolicies: side.groups.flatMap((g) => g.policies.map((p) => p.policy)),
    allowed: reach.table.get(allowedId),
    matches: [],
    misses: [],
    lines: [],
  };
  const matched = new Set<IndexedRule>();
  for (const step of record.steps) {
    matched.add(step.rule);
    const portsTowards = reach.table.get(ports(step.rule));
    if (step.decided === NONE_ID) {
      if (isEmpty(portsTowards))
        explanation.misses.push({
          ...ruleOf(step.rule),
          reason: portMissReason(step.rule.rule, destinationId),
          distance: 0,
        });
      continue;
    }
    const match: RuleMatch = {
      ...ruleOf(step.rule),
      tier: step.tier,
      allowed: reach.table.get(step.decided),
      effect: step.effect,
    };
    const via = matchingPeer(step.rule, peer, rangeIndex, reach);
    if (via) match.peer = via;
    const destinationPorts =
      destinationId === undefined ? undefined : reach.endpointView(destinationId)?.ports;
    const missingNames = step.rule.rule.ports.named.filter((n) =>
      isEmpty(resolveNamedPort(n, destinationPorts)),
    );
    if (missingNames.length > 0)
      match.portNote = `named port ${missingNames.map((n) => n.name).join(', ')} does not exist on the destination and allows nothing`;
    explanation.matches.push(match);
  }
  // Closest misses only matter where nothing allowed anything; they are costly on long rules.
  const allowedSome = explanation.matches.some((m) => m.effect === 'allow' || m.effect === 'allow-if');
  for (const group of allowedSome || !withMisses ? [] : side.groups) {
    for (const rule of group.rules) {
      if (matched.has(rule)) continue;
      const miss = peerMiss(rule.rule, peer, reach.matchSettings);
      explanation.misses.push({ ...ruleOf(rule), ...miss });
    }
  }
  explanation.misses.sort((a, b) => a.distance - b.distance);
  explanation.lines = describeSide(explanation, side, record, reach.table);
  return explanation;
}

function ruleOf(rule: IndexedRule): { policy: CompiledPolicy; rule: CompiledRule } {
  return { policy: rule.policy, rule: rule.rule };
}

/** The first peer of a rule that matches the other side (undefined: the rule has no peers). */
function matchingPeer(
  rule: IndexedRule,
  peer: Endpoint,
  rangeIndex: number,
  reach: Reachability,
): PeerSpec | undefined {
  const peers = rule.rule.peers;
  if (!peers) return undefined;
  if (peer.kind === 'external') return peers[rule.firstPeerOfRange?.[rangeIndex] ?? -1];
  return peers.find((candidate) => matchExpr(candidate.endpoints, peer.view, reach.matchSettings));
}

/** The partition range holding an address range's start. */
function partitionIndex(ranges: readonly IpRange[], range: IpRange): number {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((ranges[mid] as IpRange).start <= range.start) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function name(endpoint: Endpoint): string {
  return endpoint.kind === 'workload' ? endpoint.id : formatRangeShort(endpoint.range);
}

export { ruleLabel };
