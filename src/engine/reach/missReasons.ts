import type { CompiledRule } from '../kinds/types.ts';
import { exprMisses, type MatchSettings } from '../policy/expr.ts';
import { formatRangeShort } from '../policy/ipv4.ts';
import type { Endpoint } from './explain.ts';

/**
 * Why a rule's peers do not include the other side, as the closest of its peers describes it,
 * with the number of unmet requirements (the distance used to rank "closest misses").
 */
export function peerMiss(
  rule: CompiledRule,
  peer: Endpoint,
  settings: MatchSettings,
): { reason: string; distance: number } {
  if (!rule.peers)
    return { reason: 'the rule matches everyone, but earlier rules decided these connections', distance: 9 };
  let best: { reason: string; distance: number } | undefined;
  for (const candidate of rule.peers) {
    let miss: { reason: string; distance: number };
    if (peer.kind === 'external') {
      miss =
        candidate.external.length > 0
          ? { reason: `${candidate.label} does not cover ${formatRangeShort(peer.range)}`, distance: 1 }
          : { reason: 'selects pods, not external addresses', distance: 3 };
    } else if (candidate.endpoints.op === 'none') {
      miss = { reason: `${candidate.label} matches external addresses only, never pods`, distance: 5 };
    } else {
      const misses = exprMisses(candidate.endpoints, peer.view, settings);
      miss = { reason: misses.join('; '), distance: misses.length };
    }
    if (!best || miss.distance < best.distance) best = miss;
    if (best.distance <= 1) break;
  }
  return best ?? { reason: 'no peer matched', distance: 9 };
}

/** Why a rule whose peer matched allowed no port towards this destination. */
export function portMissReason(rule: CompiledRule, destinationId: string | undefined): string {
  const named = rule.ports.named.map((p) => `${p.protocol ?? ''} ${p.name}`.trim());
  if (destinationId === undefined)
    return `peer matches, but its named ports (${named.join(', ')}) mean nothing for an external address`;
  return `peer matches, but the destination has no container port named ${named.join(' or ')}`;
}
