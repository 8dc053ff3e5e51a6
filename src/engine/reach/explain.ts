import type { ClusterModel, Direction, IpRange, NetworkPolicy, Peer, PolicyRule } from '../model/types.ts';
import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  formatConnectionSet,
  intersect,
  isEmpty,
  NO_CONNECTIONS,
  union,
} from '../policy/connectionSet.ts';
import { formatRangeShort } from '../policy/ipv4.ts';
import { formatSelector } from '../policy/matchSelector.ts';
import { isolates, type PodView, peerCoversRange, peerSelectsPod } from '../policy/peers.ts';
import { resolvePolicyPort, rulePorts } from '../policy/resolvePorts.ts';
import { selectorMisses } from '../policy/selectorMisses.ts';
import { namespaceLabelMap, podViewOf } from './podClasses.ts';

/** A pod (by workload id and view) or an external IPv4 range. */
export type Endpoint = { kind: 'workload'; id: string; view: PodView } | { kind: 'external'; range: IpRange };

/** A rule whose peers include the other side, and the ports it allows. */
export interface RuleMatch {
  policy: NetworkPolicy;
  rule: PolicyRule;
  /** The peer that matched; undefined when the rule has no peers (everyone). */
  peer?: Peer;
  allowed: ConnectionSet;
  /** Why the ports are narrower than written (a named port the destination lacks). */
  portNote?: string;
}

/** A rule that allowed nothing for this pair, and why, closest first. */
export interface RuleMiss {
  policy: NetworkPolicy;
  rule: PolicyRule;
  reason: string;
  /** Number of unmet requirements: 0 means the peer matched but no port did. */
  distance: number;
}

/** One direction's side of a connection: the source's egress or the destination's ingress. */
export interface SideExplanation {
  direction: Direction;
  /** The endpoint whose policies are consulted. */
  subject: string;
  isolated: boolean;
  isolatingPolicies: NetworkPolicy[];
  allowed: ConnectionSet;
  matches: RuleMatch[];
  misses: RuleMiss[];
}

export interface PairExplanation {
  from: string;
  to: string;
  allowed: ConnectionSet;
  /** Undefined for an external source (nothing of ours limits its egress). */
  egress?: SideExplanation;
  /** Undefined for an external destination. */
  ingress?: SideExplanation;
  /** Plain-language lines, most important first. */
  summary: string[];
}

/**
 * Explains the verdict between two endpoints (`ns/name` workloads, or an external range given as
 * `{start, end}`): which policies isolate each side, which rule and peer allowed which ports, and
 * for denied traffic the rules that came closest and what they needed.
 *
 * Works from the model directly (not from the evaluation's bitsets), so it doubles as an
 * independent check of the matrix.
 */
export function explainPair(
  model: ClusterModel,
  from: string | IpRange,
  to: string | IpRange,
): PairExplanation | undefined {
  const namespaceLabels = namespaceLabelMap(model);
  const endpoint = (ref: string | IpRange): Endpoint | undefined => {
    if (typeof ref !== 'string') return { kind: 'external', range: ref };
    const workload = model.workloads.find((w) => w.id === ref);
    return workload
      ? { kind: 'workload', id: workload.id, view: podViewOf(workload, namespaceLabels) }
      : undefined;
  };
  const source = endpoint(from);
  const target = endpoint(to);
  if (!source || !target || (source.kind === 'external' && target.kind === 'external')) return undefined;

  const egress =
    source.kind === 'workload' ? explainSide(model.policies, 'egress', source, target, target) : undefined;
  const ingress =
    target.kind === 'workload' ? explainSide(model.policies, 'ingress', target, source, target) : undefined;
  let allowed: ConnectionSet = egress?.allowed ?? ingress?.allowed ?? NO_CONNECTIONS;
  if (egress && ingress) allowed = intersect(egress.allowed, ingress.allowed);
  const result: PairExplanation = { from: name(source), to: name(target), allowed, summary: [] };
  if (egress) result.egress = egress;
  if (ingress) result.ingress = ingress;
  result.summary = summarize(result);
  return result;
}

function explainSide(
  policies: readonly NetworkPolicy[],
  direction: Direction,
  subject: Extract<Endpoint, { kind: 'workload' }>,
  peer: Endpoint,
  destination: Endpoint,
): SideExplanation {
  const isolating = policies.filter((p) => isolates(p, subject.view, direction));
  const side: SideExplanation = {
    direction,
    subject: subject.id,
    isolated: isolating.length > 0,
    isolatingPolicies: isolating,
    allowed: NO_CONNECTIONS,
    matches: [],
    misses: [],
  };
  if (!side.isolated) {
    side.allowed = ALL_CONNECTIONS;
    return side;
  }
  const destinationPorts = destination.kind === 'workload' ? destination.view.ports : undefined;
  for (const policy of isolating) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      const peerResult = matchRulePeers(rule, policy, peer);
      if (!peerResult.matched) {
        side.misses.push({ policy, rule, reason: peerResult.reason, distance: peerResult.distance });
        continue;
      }
      const allowed = rulePorts(rule.ports, destinationPorts);
      if (isEmpty(allowed)) {
        side.misses.push({ policy, rule, reason: portMissReason(rule, destination), distance: 0 });
        continue;
      }
      const match: RuleMatch = { policy, rule, allowed };
      if (peerResult.peer) match.peer = peerResult.peer;
      const note = namedPortNote(rule, destinationPorts);
      if (note) match.portNote = note;
      side.matches.push(match);
      side.allowed = union(side.allowed, allowed);
    }
  }
  side.misses.sort((a, b) => a.distance - b.distance);
  return side;
}

type PeerResult = { matched: true; peer?: Peer } | { matched: false; reason: string; distance: number };

function matchRulePeers(rule: PolicyRule, policy: NetworkPolicy, peer: Endpoint): PeerResult {
  if (!rule.peers) return { matched: true };
  let best: { reason: string; distance: number } | undefined;
  for (const candidate of rule.peers) {
    if (peer.kind === 'external') {
      if (peerCoversRange(candidate, peer.range)) return { matched: true, peer: candidate };
      const reason =
        candidate.kind === 'ipBlock'
          ? `ipBlock ${candidate.cidr}${candidate.except.length ? ` except ${candidate.except.join(', ')}` : ''} does not cover ${formatRangeShort(peer.range)}`
          : 'selects pods, not external addresses';
      best = closer(best, { reason, distance: candidate.kind === 'ipBlock' ? 1 : 3 });
      continue;
    }
    if (peerSelectsPod(candidate, policy.namespace, peer.view)) return { matched: true, peer: candidate };
    best = closer(best, podPeerMiss(candidate, policy, peer));
  }
  return { matched: false, ...(best ?? { reason: 'no peer matched', distance: 9 }) };
}

function podPeerMiss(
  peer: Peer,
  policy: NetworkPolicy,
  endpoint: Extract<Endpoint, { kind: 'workload' }>,
): { reason: string; distance: number } {
  if (peer.kind === 'ipBlock')
    return { reason: `ipBlock ${peer.cidr} matches external addresses only, never pods`, distance: 5 };
  const misses: string[] = [];
  const { view } = endpoint;
  if (peer.namespaceSelector) {
    const nsMisses = selectorMisses(peer.namespaceSelector, view.namespaceLabels);
    misses.push(
      ...nsMisses.map(
        (m) => `namespace ${m.replace('needs ', 'needs ').replace(', has', `, ${view.namespace} has`)}`,
      ),
    );
  } else if (view.namespace !== policy.namespace) {
    misses.push(
      `peer selects pods in namespace ${policy.namespace} only, ${endpoint.id} is in ${view.namespace}`,
    );
  }
  if (peer.podSelector) {
    misses.push(...selectorMisses(peer.podSelector, view.labels).map((m) => `pod ${m}`));
  }
  return { reason: misses.join('; '), distance: misses.length };
}

function closer(
  a: { reason: string; distance: number } | undefined,
  b: { reason: string; distance: number },
) {
  return !a || b.distance < a.distance ? b : a;
}

function portMissReason(rule: PolicyRule, destination: Endpoint): string {
  const named = (rule.ports ?? [])
    .filter((p) => typeof p.port === 'string')
    .map((p) => `${p.protocol} ${String(p.port)}`);
  if (destination.kind === 'external')
    return `peer matches, but its named ports (${named.join(', ')}) mean nothing for an external address`;
  return `peer matches, but the destination has no container port named ${named.join(' or ')}`;
}

function namedPortNote(rule: PolicyRule, destinationPorts: PodView['ports'] | undefined): string | undefined {
  const unresolved = (rule.ports ?? []).filter(
    (p) => typeof p.port === 'string' && isEmpty(resolvePolicyPort(p, destinationPorts)),
  );
  if (unresolved.length === 0) return undefined;
  return `named port ${unresolved.map((p) => String(p.port)).join(', ')} does not exist on the destination and allows nothing`;
}

function name(endpoint: Endpoint): string {
  return endpoint.kind === 'workload' ? endpoint.id : formatRangeShort(endpoint.range);
}

/** `policy ns/name ingress rule 2` (1-based, as people count). */
export function ruleLabel(policy: NetworkPolicy, rule: PolicyRule, direction: Direction): string {
  return `${policy.id} ${direction} rule ${rule.index + 1}`;
}

export function peerLabel(peer: Peer): string {
  if (peer.kind === 'ipBlock')
    return `ipBlock ${peer.cidr}${peer.except.length ? ` except ${peer.except.join(', ')}` : ''}`;
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaces ${formatSelector(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`pods ${formatSelector(peer.podSelector)}`);
  return parts.join(' and ');
}

function summarize(explanation: PairExplanation): string[] {
  const lines: string[] = [];
  const verdict = isEmpty(explanation.allowed)
    ? 'denied'
    : `allowed: ${formatConnectionSet(explanation.allowed)}`;
  lines.push(`${explanation.from} -> ${explanation.to}: ${verdict}`);
  for (const side of [explanation.egress, explanation.ingress]) {
    if (!side) continue;
    const what = side.direction === 'egress' ? `${side.subject} egress` : `${side.subject} ingress`;
    if (!side.isolated) {
      lines.push(
        `${what}: not isolated (no policy selects it for ${side.direction}), so everything is allowed`,
      );
      continue;
    }
    lines.push(`${what}: isolated by ${side.isolatingPolicies.map((p) => p.id).join(', ')}`);
    for (const match of side.matches) {
      const via = match.peer ? ` (peer ${match.peer.index + 1}: ${peerLabel(match.peer)})` : ' (any peer)';
      lines.push(
        `  allows ${formatConnectionSet(match.allowed)}: ${ruleLabel(match.policy, match.rule, side.direction)}${via}, line ${match.rule.ref.line}`,
      );
    }
    if (side.matches.length === 0) {
      const best = side.misses[0]?.distance;
      const closest = side.misses.filter((miss) => miss.distance === best).slice(0, 3);
      if (closest.length > 0) {
        const described = closest.map(
          (miss) =>
            `${ruleLabel(miss.policy, miss.rule, side.direction)} (line ${miss.rule.ref.line}): ${miss.reason}`,
        );
        lines.push(`  nothing allows it; closest: ${described.join(' | ')}`);
      } else {
        lines.push(`  nothing allows it: the isolating policies have no ${side.direction} rules (deny all)`);
      }
    }
  }
  return lines;
}
