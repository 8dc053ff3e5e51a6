import type { Tier } from '../kinds/types.ts';
import type { Direction } from '../model/types.ts';
import { ALL_ID, type ConnectionTable, NONE_ID } from './connectionTable.ts';
import type { IndexedPolicy, IndexedRule } from './indexPolicies.ts';

/** The rules of one tier that apply to an endpoint in one direction, in fold order. */
export interface TierGroup {
  tier: Tier;
  /** Some policy of the tier that applies isolates the endpoint: undecided traffic meets the tier's end. */
  isolated: boolean;
  policies: IndexedPolicy[];
  rules: IndexedRule[];
}

/**
 * How one side (an endpoint's egress, or its ingress) decides: `open` allows everything,
 * `union` allows the union of the matching rules' ports (NetworkPolicy alone: a single tier of
 * allows that denies at its end), `fold` needs the whole tier fold per peer.
 */
export interface SideRules {
  mode: 'open' | 'union' | 'fold';
  groups: TierGroup[];
}

export const OPEN_SIDE: SideRules = { mode: 'open', groups: [] };

/**
 * The tier groups of the policies that select a class, per direction and layer: tiers by order,
 * policies by (order, name, id) as the seam says (Calico breaks order ties by name), rules as written.
 */
export function sideRules(policies: readonly IndexedPolicy[], direction: Direction): SideRules {
  const byTier = new Map<Tier, IndexedPolicy[]>();
  for (const entry of policies) {
    const rules = entry.policy[direction];
    if (!rules) continue;
    let list = byTier.get(entry.tier);
    if (!list) {
      list = [];
      byTier.set(entry.tier, list);
    }
    list.push(entry);
  }
  const groups: TierGroup[] = [...byTier.entries()]
    .sort(([a], [b]) => a.order - b.order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(([tier, list]) => {
      list.sort(
        (a, b) =>
          a.policy.order - b.policy.order ||
          (a.policy.name < b.policy.name ? -1 : a.policy.name > b.policy.name ? 1 : 0) ||
          (a.policy.id < b.policy.id ? -1 : a.policy.id > b.policy.id ? 1 : 0),
      );
      return {
        tier,
        isolated: list.some((p) => p.policy[direction]?.isolates === true),
        policies: list,
        rules: list.flatMap((p) => p.rules[direction]),
      };
    })
    .filter((g) => g.rules.length > 0 || (g.isolated && g.tier.endAction === 'deny'));
  if (groups.length === 0) return OPEN_SIDE;
  const only = groups[0] as TierGroup;
  const unionOnly =
    groups.length === 1 &&
    only.isolated &&
    only.tier.endAction === 'deny' &&
    only.rules.every((r) => r.rule.action === 'allow' && r.rule.condition === undefined);
  if (unionOnly) return { mode: 'union', groups };
  // Allows without isolation leave everything allowed in the end.
  const neverDecides = groups.every(
    (g) => !g.isolated && g.rules.every((r) => r.rule.action === 'allow' && r.rule.condition === undefined),
  );
  return neverDecides ? OPEN_SIDE : { mode: 'fold', groups };
}

/** What happened at one rule of a fold, for explanations. */
export interface FoldStep {
  rule: IndexedRule;
  tier: Tier;
  /** Connection id the rule decided (or marked); NONE when earlier rules had decided it all. */
  decided: number;
  /** How the connections were decided. */
  effect: 'allow' | 'deny' | 'pass' | 'log' | 'conditional' | 'allow-if' | 'deny-if';
}

/** What happened at the end of a tier, for explanations. */
export interface TierEnd {
  tier: Tier;
  isolated: boolean;
  /** Connections no rule of the tier decided: denied (`deny`) or handed on (`pass`). */
  rest: number;
  action: 'deny' | 'pass';
}

/** A fold's record: every rule that matched the peer and every tier end, in order. */
export interface FoldRecord {
  steps: FoldStep[];
  ends: TierEnd[];
  /** What no tier decided and the default allowed. */
  defaultAllowed: number;
}

/**
 * The one verdict fold of a side: tiers in order, first matching rule decides per connection,
 * Pass hands over, isolated endpoints meet the tier's end action, what is left is allowed.
 * L7 conditions and `conditional` rules narrow the result to "only some requests".
 *
 * @param matches whether a rule's peers include the other side
 * @param portsOf the connection id of a rule's ports towards the destination
 */
export function foldSide(
  side: SideRules,
  table: ConnectionTable,
  matches: (rule: IndexedRule) => boolean,
  portsOf: (rule: IndexedRule) => number,
  record?: FoldRecord,
): number {
  if (side.mode === 'open') {
    if (record) record.defaultAllowed = ALL_ID;
    return ALL_ID;
  }
  if (side.mode === 'union' && !record) {
    // Allows only, then deny: the union of what the matching rules allow (the general loop below
    // gives the same, with three table lookups per rule instead of one).
    let allowed = NONE_ID;
    for (const rule of (side.groups[0] as TierGroup).rules) {
      if (!matches(rule)) continue;
      allowed = table.union(allowed, portsOf(rule));
      if (allowed === ALL_ID) break;
    }
    return allowed;
  }
  let rest = ALL_ID;
  let allowed = NONE_ID;
  let allowedIf = NONE_ID;
  const marks: { set: number; when: string }[] = [];
  for (const group of side.groups) {
    let passed = NONE_ID;
    for (const rule of group.rules) {
      if (!matches(rule)) continue;
      const decided = rest === NONE_ID ? NONE_ID : table.intersect(rest, portsOf(rule));
      const { action, condition } = rule.rule;
      let effect: FoldStep['effect'] = action;
      if (decided !== NONE_ID) {
        if (condition !== undefined && (action === 'allow' || action === 'deny')) {
          if (action === 'allow') {
            allowedIf = table.union(allowedIf, table.restrict(decided, condition));
            effect = 'allow-if';
          } else {
            marks.push({ set: decided, when: `unless ${condition}` });
            effect = 'deny-if';
          }
        } else if (action === 'allow') {
          allowed = table.union(allowed, decided);
          rest = table.subtract(rest, decided);
        } else if (action === 'deny') {
          rest = table.subtract(rest, decided);
        } else if (action === 'pass') {
          passed = table.union(passed, decided);
          rest = table.subtract(rest, decided);
        } else if (action === 'conditional') {
          marks.push({ set: decided, when: condition ?? 'decided outside the manifests' });
        }
      }
      record?.steps.push({ rule, tier: group.tier, decided, effect });
    }
    const ends = group.isolated && group.tier.endAction === 'deny';
    record?.ends.push({ tier: group.tier, isolated: group.isolated, rest, action: ends ? 'deny' : 'pass' });
    if (ends) rest = NONE_ID;
    rest = table.union(rest, passed);
  }
  if (record) record.defaultAllowed = rest;
  let result = table.union(table.union(allowed, rest), allowedIf);
  for (const mark of marks) {
    const affected = table.intersect(result, mark.set);
    if (affected === NONE_ID) continue;
    result = table.union(table.subtract(result, mark.set), table.restrict(affected, mark.when));
  }
  return result;
}

/** An empty record to fill. */
export function newRecord(): FoldRecord {
  return { steps: [], ends: [], defaultAllowed: NONE_ID };
}
