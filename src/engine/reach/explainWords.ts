import type { CompiledPolicy, CompiledRule } from '../kinds/types.ts';
import type { Direction } from '../model/types.ts';
import { formatConnectionSet } from '../policy/connectionSet.ts';
import { type ConnectionTable, NONE_ID } from './connectionTable.ts';
import type { SideExplanation } from './explain.ts';
import type { FoldRecord, SideRules } from './fold.ts';

/**
 * A policy as explanations name it: a NetworkPolicy by `ns/name` (as kubectl does), every other
 * kind by kind and name with its place in its tier: `AdminNetworkPolicy block-lab (priority 10)`.
 */
export function policyLabel(policy: CompiledPolicy): string {
  // Calico's NetworkPolicy shares the kind name but has a place in its tier (order) to show.
  if (policy.kind === 'NetworkPolicy' && !policy.apiVersion.includes('projectcalico.org')) return policy.id;
  return `${policy.id}${policy.detail ? ` (${policy.detail})` : ''}`;
}

/** `shop/api-ingress ingress rule 2`, `AdminNetworkPolicy block-lab (priority 10) ingress rule deny-from-lab`. */
export function ruleLabel(policy: CompiledPolicy, rule: CompiledRule, direction: Direction): string {
  return `${policyLabel(policy)} ${direction} rule ${rule.name ?? rule.index + 1}`;
}

const VERBS = {
  allow: 'allows',
  deny: 'denies',
  pass: 'passes to the next tier',
  log: 'logs',
  conditional: 'hands to an external authorizer',
  'allow-if': 'allows for some requests only',
  'deny-if': 'denies some requests on',
} as const;

/** The plain-language lines of one side, in the order the fold decided. */
export function describeSide(
  side: SideExplanation,
  rules: SideRules,
  record: FoldRecord,
  table: ConnectionTable,
): string[] {
  const what = `${side.subject} ${side.layer === 'mesh' ? 'mesh (Istio) ' : ''}${side.direction}`;
  if (rules.mode === 'open') {
    return [`${what}: not isolated (no policy selects it for ${side.direction}), so everything is allowed`];
  }
  const isolating = side.isolatingPolicies.filter((p) => p[side.direction]?.isolates);
  const others = side.isolatingPolicies.filter((p) => !p[side.direction]?.isolates);
  const parts = [
    ...(isolating.length ? [`isolated by ${isolating.map(policyLabel).join(', ')}`] : []),
    ...(others.length
      ? [`${isolating.length ? 'also ' : ''}decided by ${others.map(policyLabel).join(', ')}`]
      : []),
  ];
  const lines = [`${what}: ${parts.join('; ')}`];
  for (const match of side.matches) {
    const via = match.peer ? ` (peer ${match.peer.index + 1}: ${match.peer.label})` : ' (any peer)';
    const note = match.peer?.note ? ` [${match.peer.note}]` : '';
    const condition = match.rule.condition ? ` [${match.rule.condition}]` : '';
    lines.push(
      `  ${VERBS[match.effect]} ${formatConnectionSet(match.allowed)}: ${ruleLabel(match.policy, match.rule, side.direction)}${via}${condition}, line ${match.rule.ref.line}${note}`,
    );
  }
  for (const end of record.ends) {
    if (end.action === 'deny' && end.rest !== NONE_ID && side.matches.length > 0)
      lines.push(
        `  denies the rest (${formatConnectionSet(table.get(end.rest))}) at the end of the ${end.tier.label}: no rule there allows it`,
      );
  }
  const anyAllow = side.matches.some((m) => m.effect === 'allow' || m.effect === 'allow-if');
  if (record.defaultAllowed !== NONE_ID && side.matches.length > 0)
    lines.push(
      `  allows ${formatConnectionSet(table.get(record.defaultAllowed))} by default: no tier decided it`,
    );
  // A rule that denied says why already; the closest misses are for "nothing allowed it".
  const anyDeny = side.matches.some((m) => m.effect === 'deny');
  if (!anyAllow && !anyDeny && record.defaultAllowed === NONE_ID) {
    const best = side.misses[0]?.distance;
    const closest = side.misses.filter((miss) => miss.distance === best).slice(0, 3);
    if (closest.length > 0) {
      const described = closest.map(
        (miss) =>
          `${ruleLabel(miss.policy, miss.rule, side.direction)} (line ${miss.rule.ref.line}): ${miss.reason}`,
      );
      lines.push(`  nothing allows it; closest: ${described.join(' | ')}`);
    } else if (side.matches.length === 0) {
      lines.push(`  nothing allows it: the isolating policies have no ${side.direction} rules (deny all)`);
    }
  }
  return lines;
}
