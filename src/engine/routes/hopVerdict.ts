import type { ClusterModel, IpRange, Protocol } from '../model/types.ts';
import type { ConnectionSet } from '../policy/connectionSet.ts';
import { explainPair, type SideExplanation } from '../reach/explain.ts';

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

function sideReason(side: SideExplanation, protocol: Protocol, port: number): { ok: boolean; text: string } {
  const who = side.direction === 'egress' ? `${side.subject} may send` : `${side.subject} accepts`;
  if (!side.isolated) return { ok: true, text: `${who} anything (no policy isolates its ${side.direction})` };
  const match = side.matches.find((m) => allows(m.allowed, protocol, port));
  if (match)
    return {
      ok: true,
      text: `${who} it: ${match.policy.id} ${side.direction} rule ${match.rule.index + 1} (line ${match.rule.ref.line})`,
    };
  const isolating = side.isolatingPolicies.map((p) => p.id).join(', ');
  const portOnly = side.matches.length > 0 ? `; its rules allow only other ports` : '';
  const closest = side.misses[0];
  const hint =
    closest && side.matches.length === 0
      ? `; closest: ${closest.policy.id} ${side.direction} rule ${closest.rule.index + 1}: ${closest.reason}`
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
  model: ClusterModel,
  from: string | IpRange,
  to: string | IpRange,
  protocol: Protocol,
  port: number,
  labels: { from: string; to: string },
): Hop {
  const explanation = explainPair(model, from, to);
  if (!explanation)
    return {
      from: labels.from,
      to: labels.to,
      protocol,
      port,
      verdict: 'denied',
      reason: 'unknown endpoint',
    };
  const sides = [explanation.egress, explanation.ingress]
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
