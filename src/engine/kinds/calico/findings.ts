import type { ClusterModel, Direction, Workload } from '../../model/types.ts';
import { isUnconditionallyEmpty, subtract } from '../../policy/connectionSet.ts';
import { type Expr, formatExpr, matchExpr } from '../../policy/expr.ts';
import { parseIpv4 } from '../../policy/ipv4.ts';
import type { EndpointView } from '../../policy/peers.ts';
import type { KindFinding } from '../plugin.ts';
import type { CompiledPolicy, CompiledRule } from '../types.ts';
import type { CalicoExtras } from './tiers.ts';

const CALICO_KINDS = new Set(['NetworkPolicy', 'GlobalNetworkPolicy', 'Profile']);

/**
 * Calico design problems: a rule that can never act because an earlier Deny of an earlier policy
 * of the tier (or an earlier part of the same policy) that applies to at least the same endpoints
 * already takes all its traffic (within one policy, tierFindings reports it); a serviceAccounts rule naming accounts no workload runs as; a policy selector
 * that selects no endpoint.
 */
export function calicoFindings(model: ClusterModel): KindFinding[] {
  const extras = model.extras.calico as CalicoExtras | undefined;
  if (!extras) return [];
  const policies = model.policies.filter(
    (p) => CALICO_KINDS.has(p.kind) && p.apiVersion.includes('projectcalico.org'),
  );
  const views = model.workloads.map((w) => endpointViewOf(w, model));
  return [
    ...shadowedRules(policies),
    ...unusedAccounts(model, extras),
    ...emptySelectors(policies, extras, views),
  ];
}

/** What Calico policies see of a workload. */
export function endpointViewOf(workload: Workload, model: ClusterModel): EndpointView {
  const ns = model.namespaces.find((n) => n.name === workload.namespace);
  const account = workload.serviceAccountName ?? 'default';
  const sa = (model.serviceAccounts ?? []).find(
    (s) => s.namespace === workload.namespace && s.name === account,
  );
  return {
    namespace: workload.namespace,
    namespaceLabels: workload.host
      ? {}
      : (ns?.labels ?? { 'kubernetes.io/metadata.name': workload.namespace }),
    labels: workload.labels,
    ports: workload.ports,
    ...(workload.host ? { host: true } : { serviceAccount: account }),
    ...(sa ? { serviceAccountLabels: sa.labels } : {}),
    ...(workload.profiles ? { profiles: workload.profiles } : {}),
    ips: workload.podIPs.map((ip) => parseIpv4(ip)).filter((n): n is number => n !== undefined),
  };
}

function shadowedRules(policies: readonly CompiledPolicy[]): KindFinding[] {
  const findings: KindFinding[] = [];
  const byTier = new Map<string, CompiledPolicy[]>();
  for (const p of policies) byTier.set(p.tier, [...(byTier.get(p.tier) ?? []), p]);
  for (const tierPolicies of byTier.values()) {
    const ordered = [...tierPolicies].sort(
      (a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    for (const direction of ['ingress', 'egress'] as Direction[]) {
      const denies: { policy: CompiledPolicy; rule: CompiledRule }[] = [];
      for (const policy of ordered) {
        for (const rule of policy[direction]?.rules ?? []) {
          // Within one compiled policy the engine's tier findings already report it (rule-shadowed).
          const cover = denies.find(
            (d) => d.policy !== policy && appliesToAll(d.policy, policy) && covers(d.rule, rule),
          );
          if (cover && rule.action !== 'log') {
            const where =
              cover.policy === policy || cover.policy.name === policy.name ? '' : ` of ${cover.policy.id}`;
            findings.push({
              severity: 'warning',
              code: 'calico-rule-shadowed',
              message: `${direction} rule ${rule.index + 1} of ${policy.id} never applies: ${direction} rule ${cover.rule.index + 1}${where} denies all of its traffic first`,
              fix: 'Move the rule before the Deny, narrow the Deny, or delete the rule.',
              ref: rule.ref,
            });
          }
          if (rule.action === 'deny' && !rule.condition) denies.push({ policy, rule });
        }
      }
    }
  }
  return findings;
}

/** Whether every endpoint `later` applies to is also one `earlier` applies to (checked by form). */
function appliesToAll(earlier: CompiledPolicy, later: CompiledPolicy): boolean {
  if (earlier.subject.op === 'all') return true;
  if (sameExpr(earlier.subject, later.subject)) return true;
  // An AND applies to fewer endpoints than any AND of a subset of its terms.
  const terms = (e: Expr): readonly Expr[] => (e.op === 'and' ? e.of : [e]);
  const laterTerms = terms(later.subject);
  return terms(earlier.subject).every((t) => laterTerms.some((u) => sameExpr(t, u)));
}

function covers(deny: CompiledRule, rule: CompiledRule): boolean {
  if (deny.ports.named.length > 0 || deny.ports.except) return false;
  if (deny.peers && !(rule.peers && sameExpr(deny.peers, rule.peers))) return false;
  if (rule.ports.named.length > 0) return false;
  return isUnconditionallyEmpty(subtract(rule.ports.fixed, deny.ports.fixed));
}

function sameExpr(a: unknown, b: unknown): boolean {
  return (
    JSON.stringify(a, (key, value) => (key === 'ref' || key === 'index' ? undefined : value)) ===
    JSON.stringify(b, (key, value) => (key === 'ref' || key === 'index' ? undefined : value))
  );
}

function unusedAccounts(model: ClusterModel, extras: CalicoExtras): KindFinding[] {
  const findings: KindFinding[] = [];
  for (const entry of extras.serviceAccountRules) {
    const used = new Set(
      model.workloads
        .filter((w) => !w.host && (entry.namespace === undefined || w.namespace === entry.namespace))
        .map((w) => w.serviceAccountName ?? 'default'),
    );
    const unused = entry.names.filter((name) => !used.has(name));
    if (unused.length === 0) continue;
    findings.push({
      severity: 'warning',
      code: 'calico-service-account-unused',
      message: `a rule of ${entry.policyId} names ServiceAccount ${unused.join(', ')}, which no workload${entry.namespace ? ` in namespace ${entry.namespace}` : ''} runs as`,
      fix: 'Check the spelling, or set serviceAccountName on the pods that should match.',
      ref: entry.ref,
    });
  }
  return findings;
}

function emptySelectors(
  policies: readonly CompiledPolicy[],
  extras: CalicoExtras,
  views: readonly EndpointView[],
): KindFinding[] {
  const findings: KindFinding[] = [];
  const selectsNone = (expr: Expr) => !views.some((view) => matchExpr(expr, view));
  for (const policy of policies) {
    if (!extras.policyIds.includes(policy.id) || policy.kind === 'Profile') continue;
    if (!selectsNone(policy.subject)) continue;
    findings.push({
      severity: 'info',
      code: 'calico-selector-matches-nothing',
      message: `${policy.id} applies to no endpoint: its selector (${formatExpr(policy.subject)}) matches nothing in the manifests`,
      fix: 'Check the selector against the labels of the endpoints it should protect.',
      ref: policy.ref,
    });
  }
  return findings;
}
