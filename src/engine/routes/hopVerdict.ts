import type { ClusterModel, IpRange, Protocol } from '../model/types.ts';
import type { ConnectionSet } from '../policy/connectionSet.ts';
import { explainPair, type SideExplanation } from '../reach/explain.ts';
import { policyLabel, ruleLabel } from '../reach/explainWords.ts';
import type { Reachability } from '../reach/reachability.ts';

/** One step of a request's path, judged by the same engine as pod-to-pod traffic. */
export interface Hop {
  from: string;
  to: string;
  protocol: Protocol | 'DNS';
  port: number;
  verdict: 'allowed' | 'denied';
  reason: string;
}

function allows(set: ConnectionSet, protocol: Protocol, port: number): boolean {
  return set[protocol].some(([lo, hi]) => lo <= port && port <= hi);
}

/** The condition under which some requests on the port are allowed, if only some are. */
function allowedIf(set: ConnectionSet, protocol: Protocol, port: number): string | undefined {
  return set.conditional?.find((c) => c.dimension === protocol && c.range[0] <= port && port <= c.range[1])
    ?.when;
}

function sideReason(side: SideExplanation, protocol: Protocol, port: number): { ok: boolean; text: string } {
  const mesh = side.layer === 'mesh' ? ' (Istio)' : '';
  const who = side.direction === 'egress' ? `${side.subject} may send` : `${side.subject} accepts${mesh}`;
  const covers = (set: ConnectionSet) => allows(set, protocol, port);
  if (side.isolatingPolicies.length === 0)
    return { ok: true, text: `${who} anything (no policy isolates its ${side.direction})` };
  const decisive = side.matches.find((m) => covers(m.allowed));
  if (allows(side.allowed, protocol, port)) {
    const text = decisive
      ? `${who} it: ${ruleLabel(decisive.policy, decisive.rule, side.direction)} (line ${decisive.rule.ref.line})`
      : `${who} it: no rule decided it, so it is allowed by default`;
    return { ok: true, text };
  }
  const condition = allowedIf(side.allowed, protocol, port);
  if (condition) return { ok: true, text: `${who} some requests only: ${condition}` };
  if (decisive && decisive.effect === 'deny')
    return {
      ok: false,
      text: `${side.subject} ${side.direction} denies ${protocol} ${port}: ${ruleLabel(decisive.policy, decisive.rule, side.direction)} (line ${decisive.rule.ref.line})`,
    };
  const isolating = side.isolatingPolicies.map(policyLabel).join(', ');
  const portOnly = side.matches.length > 0 ? `; its rules allow only other ports` : '';
  const closest = side.misses[0];
  const hint =
    closest && side.matches.length === 0
      ? `; closest: ${ruleLabel(closest.policy, closest.rule, side.direction)}: ${closest.reason}`
      : '';
  return {
    ok: false,
    text: `${side.subject} is isolated for ${side.direction} by ${isolating} and nothing allows ${protocol} ${port}${portOnly}${hint}`,
  };
}

/**
 * Judges one hop on one protocol and port with the engine's explanation, and says why in a line.
 * `from`/`to` are workload ids or external ranges.
 */
export function judgeHop(
  analysis: { model: ClusterModel; reach: Reachability },
  from: string | IpRange,
  to: string | IpRange,
  protocol: Protocol,
  port: number,
  labels: { from: string; to: string },
): Hop {
  const explanation = explainPair(analysis, from, to);
  if (!explanation)
    return {
      from: labels.from,
      to: labels.to,
      protocol,
      port,
      verdict: 'denied',
      reason: 'unknown endpoint',
    };
  const sides = [explanation.egress, explanation.ingress, explanation.mesh]
    .filter((s): s is SideExplanation => s !== undefined)
    .map((s) => sideReason(s, protocol, port));
  const blocked = sides.find((s) => !s.ok);
  return {
    from: labels.from,
    to: labels.to,
    protocol,
    port,
    verdict: blocked ? 'denied' : 'allowed',
    reason: blocked ? blocked.text : sides.map((s) => s.text).join('; '),
  };
}
