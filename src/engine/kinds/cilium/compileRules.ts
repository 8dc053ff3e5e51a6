import { asArray, asRecord, field } from '../../model/objectContext.ts';
import type { Direction } from '../../model/types.ts';
import { ALL_CONNECTIONS, isEmpty } from '../../policy/connectionSet.ts';
import { and, type Expr } from '../../policy/expr.ts';
import type { CompiledRule, PeerSpec, RuleAction } from '../types.ts';
import { hasDnsRules } from './l7.ts';
import { L3_FIELDS, type RuleScope, readPeers } from './peers.ts';
import { readIcmps, readToPorts } from './ports.ts';
import { namesNamespace, readCiliumSelector, readsNamespaceLabels, selectorExpr } from './selector.ts';

/** The rules of one direction of a Cilium rule, allow and deny apart. */
export interface DirectionRead {
  allow: CompiledRule[];
  deny: CompiledRule[];
  /** Whether the rule lists any rule for the direction (what turns default deny on). */
  hasRules: boolean;
}

/** The id of the policy that holds a Cilium rule's deny rules. */
export function denyIdOf(id: string): string {
  return `${id} (deny rules)`;
}

const LISTS: Record<Direction, { allow: string; deny: string; requires: string }> = {
  ingress: { allow: 'ingress', deny: 'ingressDeny', requires: 'fromRequires' },
  egress: { allow: 'egress', deny: 'egressDeny', requires: 'toRequires' },
};

/**
 * Compiles one direction of a Cilium rule (`spec` or an entry of `specs`). Each `toPorts` entry
 * becomes a rule of its own, so an L7 condition stays on its ports; `icmps` add one more. A rule
 * with neither peers nor ports selects nothing (Cilium's `ingress: [{}]` is a plain default deny).
 * Returns undefined when the API server would reject the policy (already reported).
 */
export function compileDirection(
  scope: Omit<RuleScope, 'direction' | 'ruleIndex'>,
  spec: Record<string, unknown>,
  path: string,
  direction: Direction,
): DirectionRead | undefined {
  const lists = LISTS[direction];
  const out: DirectionRead = { allow: [], deny: [], hasRules: false };
  for (const action of ['allow', 'deny'] as const) {
    const listName = lists[action];
    const listNode = field(spec, listName);
    if (listNode === undefined || listNode === null) continue;
    const list = asArray(listNode);
    if (!list) {
      scope.ctx.report(
        'error',
        spec,
        listName,
        `${path}.${listName}`,
        `${listName} must be a list of rules`,
        true,
      );
      return undefined;
    }
    if (list.length > 0) out.hasRules = true;
    for (const [i, raw] of list.entries()) {
      const at = `${path}.${listName}[${i}]`;
      const rule = asRecord(raw);
      if (!rule) {
        scope.ctx.report('error', raw ?? list, undefined, at, 'each rule must be a mapping', true);
        return undefined;
      }
      const target = action === 'allow' ? out.allow : out.deny;
      const compiled = compileRule(
        {
          ...scope,
          policyId: action === 'allow' ? scope.policyId : denyIdOf(scope.policyId),
          direction,
          ruleIndex: i,
        },
        rule,
        at,
        action,
        lists.requires,
      );
      if (!compiled) return undefined;
      target.push(...compiled);
    }
  }
  return out;
}

function compileRule(
  scope: RuleScope,
  rule: Record<string, unknown>,
  at: string,
  action: RuleAction,
  requiresField: string,
): CompiledRule[] | undefined {
  const { ctx } = scope;
  if (!supported(scope, rule, at)) return undefined;
  const l3 = readPeers(scope, rule, at, L3_FIELDS[scope.direction]);
  if (l3.invalid) return undefined;
  const requires = readRequires(scope, rule, at, requiresField);
  if (requires === false) return undefined;
  const peers = requires && l3.peers ? l3.peers.map((p) => narrowPods(p, requires)) : l3.peers;
  const toPortsNode = field(rule, 'toPorts');
  const groups = readToPorts(ctx, toPortsNode, `${at}.toPorts`, action === 'allow');
  const icmps = readIcmps(ctx, field(rule, 'icmps'), `${at}.icmps`);
  if (!groups || !icmps) return undefined;
  if (action === 'allow')
    for (const entry of asArray(toPortsNode) ?? [])
      if (hasDnsRules(field(asRecord(entry), 'rules')))
        scope.extras.dnsRuleNamespaces.push(scope.namespace ?? '');
  const ref = ctx.refOf(rule);
  const base = { action, ref, ...(peers ? { peers } : {}) };
  const hasL4 = groups.length > 0 || !isEmpty(icmps);
  // No peers and no ports: Cilium selects nothing with this rule.
  if (!peers && !hasL4) return [];
  if (!hasL4)
    return [{ ...base, index: scope.ruleIndex, name: at, ports: { fixed: ALL_CONNECTIONS, named: [] } }];
  const rules: CompiledRule[] = groups.map((group, i) => ({
    ...base,
    index: scope.ruleIndex,
    name: `${at}.toPorts[${i}]`,
    ports: group.ports,
    ...(group.condition ? { condition: group.condition } : {}),
  }));
  if (!isEmpty(icmps))
    rules.push({ ...base, index: scope.ruleIndex, name: `${at}.icmps`, ports: { fixed: icmps, named: [] } });
  return rules;
}

/**
 * fromRequires / toRequires (deprecated): extra conditions on the endpoint peers. Cilium applies
 * them to every rule of every policy selecting the endpoint; here they narrow this policy only.
 * Returns false when a selector is invalid, undefined when there are none.
 */
function readRequires(
  scope: RuleScope,
  rule: Record<string, unknown>,
  at: string,
  name: string,
): Expr | undefined | false {
  const list = asArray(field(rule, name));
  if (!list || list.length === 0) return undefined;
  scope.ctx.report(
    'warning',
    rule,
    name,
    `${at}.${name}`,
    `${name} is deprecated in Cilium; it narrows every rule of every policy on these endpoints, and Reachlab applies it to this policy's endpoint peers only: write the condition into the selectors instead`,
  );
  const exprs: Expr[] = [];
  for (const [i, node] of list.entries()) {
    const selector = readCiliumSelector(scope.ctx, node, `${at}.${name}[${i}]`);
    if (!selector) return false;
    const own = selectorExpr(selector);
    const free = namesNamespace(selector) || readsNamespaceLabels(selector) || scope.namespace === undefined;
    exprs.push(free ? own : and({ op: 'namespace', names: [scope.namespace as string] }, own));
  }
  return and(...exprs);
}

/** A pod peer narrowed by the requirements; entities and CIDRs are left alone. */
function narrowPods(peer: PeerSpec, requires: Expr): PeerSpec {
  if (peer.external.length > 0 || peer.endpoints.op === 'none') return peer;
  return { ...peer, endpoints: and(peer.endpoints, requires), label: `${peer.label} (narrowed by requires)` };
}

/**
 * Rules the Cilium agent refuses (the API server accepts them, but the policy is never enforced):
 * two kinds of peer in one rule, icmps beside toPorts, DNS rules on ingress.
 */
function supported(scope: RuleScope, rule: Record<string, unknown>, at: string): boolean {
  const { ctx } = scope;
  const kinds = L3_FIELDS[scope.direction].filter((f) => (asArray(field(rule, f))?.length ?? 0) > 0);
  if (kinds.length > 1) {
    const message = `combining ${kinds[0]} and ${kinds[1]} in one rule is not supported: the Cilium agent rejects this policy; write them as two rules`;
    ctx.report('error', rule, kinds[1], `${at}.${kinds[1]}`, message, true);
    return false;
  }
  const toPorts = asArray(field(rule, 'toPorts')) ?? [];
  if (toPorts.length > 0 && (asArray(field(rule, 'icmps'))?.length ?? 0) > 0) {
    const message =
      'icmps cannot stand beside toPorts in one rule: the Cilium agent rejects this policy; write a separate rule for icmps';
    ctx.report('error', rule, 'icmps', `${at}.icmps`, message, true);
    return false;
  }
  if (
    scope.direction === 'ingress' &&
    toPorts.some((entry) => hasDnsRules(field(asRecord(entry), 'rules')))
  ) {
    const message = 'DNS rules are only supported on egress: the Cilium agent rejects this policy';
    ctx.report('error', rule, 'toPorts', `${at}.toPorts`, message, true);
    return false;
  }
  return true;
}
