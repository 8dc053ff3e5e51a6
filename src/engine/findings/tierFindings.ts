import type { ClusterModel } from '../model/types.ts';
import type { Bitset } from '../reach/bitset.ts';
import { ruleLabel } from '../reach/explainWords.ts';
import type { IndexedPolicy, IndexedRule } from '../reach/indexPolicies.ts';
import type { Reachability } from '../reach/reachability.ts';
import type { Finding } from './findings.ts';

/**
 * Findings of the ordered tiers (AdminNetworkPolicy, ClusterNetworkPolicy, Calico and any kind
 * whose rules decide in order): rules an earlier rule of the same policy always decides first,
 * policies of one tier with the same priority over the same pods (their order is undefined), and
 * Pass rules with nothing below them to decide.
 */
export function tierFindings(model: ClusterModel, reach: Reachability): Finding[] {
  const findings: Finding[] = [];
  // Kubernetes NetworkPolicies only add up allows; Calico's NetworkPolicy (same kind name) is ordered.
  const ordered = reach.indexedPolicies.filter(
    (p) => p.policy.kind !== 'NetworkPolicy' || p.policy.apiVersion.includes('projectcalico.org'),
  );
  for (const entry of ordered) {
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = entry.rules[direction];
      for (const [j, rule] of rules.entries()) {
        const earlier = rules.slice(0, j).find((candidate) => covers(reach, candidate, rule));
        if (!earlier) continue;
        findings.push({
          kind: 'rule-shadowed',
          severity: 'warning',
          message: `${ruleLabel(entry.policy, rule.rule, direction)} can never decide anything: ${ruleLabel(entry.policy, earlier.rule, direction)} (line ${earlier.rule.ref.line}) matches every peer and port it does, first`,
          fix: 'Move the narrower rule above the broader one, or remove it.',
          ref: rule.rule.ref,
        });
      }
    }
  }
  for (const [i, a] of ordered.entries()) {
    for (const b of ordered.slice(i + 1)) {
      if (a.tier !== b.tier || a.policy.order !== b.policy.order || a.tier.endAction !== 'pass') continue;
      // Mesh tiers (Istio) have no priorities: DENY and CUSTOM policies act as one set.
      if (a.tier.layer === 'mesh') continue;
      if (!intersects(a.selects, b.selects)) continue;
      findings.push({
        kind: 'same-priority-overlap',
        severity: 'warning',
        message: `${a.policy.id} and ${b.policy.id} both have priority ${a.policy.order} and select some of the same pods: which one decides first is undefined (Reachlab orders them by name)`,
        fix: 'Give them different priorities.',
        ref: b.policy.ref,
      });
    }
  }
  for (const entry of ordered) {
    if (entry.policy.kind === 'BaselineAdminNetworkPolicy' && entry.policy.name !== 'default')
      findings.push({
        kind: 'baseline-name',
        severity: 'warning',
        message: `BaselineAdminNetworkPolicy ${entry.policy.name} is not named "default": the API server accepts only that name, so this object cannot exist in a cluster`,
        fix: 'Rename it to default (there is one baseline policy per cluster).',
        ref: entry.policy.ref,
      });
    // A mesh-layer pass (Istio PERMISSIVE over a broader STRICT) hands on to the authorization
    // tiers and to the network verdict by design.
    if (entry.tier.layer !== 'mesh') findings.push(...passToNothing(model, reach, entry));
  }
  return findings;
}

/** A rule decides first whatever a later rule would: its peers and ports contain the later one's. */
function covers(reach: Reachability, first: IndexedRule, later: IndexedRule): boolean {
  if (
    first.rule.condition !== undefined ||
    first.rule.action === 'log' ||
    first.rule.action === 'conditional'
  )
    return false;
  if (first.fixedPorts === undefined || later.fixedPorts === undefined) return false;
  // A rule that matches no one shadows nothing (and is a finding of its own kind elsewhere).
  if (first.peerClasses?.isEmpty() && first.peerRanges?.isEmpty()) return false;
  if (reach.table.subtract(later.fixedPorts, first.fixedPorts) !== 0) return false;
  if (first.peerClasses === undefined) return true;
  if (later.peerClasses === undefined) return false;
  return contains(first.peerClasses, later.peerClasses) && contains(first.peerRanges, later.peerRanges);
}

/** Pass rules of policies whose selected workloads meet no later tier: what they pass is allowed. */
function passToNothing(model: ClusterModel, reach: Reachability, entry: IndexedPolicy): Finding[] {
  const findings: Finding[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const passes = entry.rules[direction].filter((r) => r.rule.action === 'pass');
    if (passes.length === 0) continue;
    const subjects = model.workloads.filter((w) => {
      const c = reach.classOf(w.id);
      return c !== undefined && entry.selects.has(c);
    });
    if (subjects.length === 0) continue;
    const below = subjects.some((w) =>
      reach
        .side(w.id, direction)
        .groups.some((g) => g.tier.order > entry.tier.order && g.rules.length + (g.isolated ? 1 : 0) > 0),
    );
    if (below) continue;
    for (const rule of passes)
      findings.push({
        kind: 'pass-to-nothing',
        severity: 'info',
        message: `${ruleLabel(entry.policy, rule.rule, direction)} passes traffic on, but no NetworkPolicy or baseline policy selects ${subjects.length === 1 ? subjects[0]?.id : `any of its ${subjects.length} workloads`} for ${direction}: what it passes is allowed by default`,
        fix: 'Use Allow if that is the intent, or add the policy that should decide below.',
        ref: rule.rule.ref,
      });
  }
  return findings;
}

function contains(outer: Bitset | undefined, inner: Bitset | undefined): boolean {
  if (!inner) return outer === undefined;
  if (!outer) return true;
  return inner.clone().andNot(outer).isEmpty();
}

function intersects(a: Bitset, b: Bitset): boolean {
  return !a.clone().and(b).isEmpty();
}
