import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import type { Direction } from '../../model/types.ts';
import type { ObjectIdentity, PolicyKind } from '../plugin.ts';
import {
  ADMIN_TIER,
  BASELINE_TIER,
  type CompiledPolicy,
  type CompiledRule,
  type DirectionRules,
  type RuleAction,
} from '../types.ts';
import { RejectedPolicy, readPeers, readSubject } from './readPeers.ts';
import { readV1alpha1Ports, readV1alpha2Protocols } from './readRulePorts.ts';

const KINDS = new Set(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);

/** Actions as each version spells them. v1alpha2 renamed Allow to Accept. */
const ACTIONS: Readonly<Record<string, Readonly<Record<string, RuleAction>>>> = {
  AdminNetworkPolicy: { Allow: 'allow', Deny: 'deny', Pass: 'pass' },
  BaselineAdminNetworkPolicy: { Allow: 'allow', Deny: 'deny' },
  ClusterNetworkPolicy: { Accept: 'allow', Deny: 'deny', Pass: 'pass' },
};

/**
 * Cluster-scoped policy tiers of kubernetes-sigs/network-policy-api: AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy (v1alpha2, tier Admin or
 * Baseline). Admin policies fold before namespaced ones by priority, first matching rule
 * decides, Pass hands over; baseline policies fold after them; neither denies by default.
 */
export const clusterTiersKind: PolicyKind = {
  id: 'clustertiers',
  label: 'AdminNetworkPolicy / ClusterNetworkPolicy',
  reads: (group, kind) => group === 'policy.networking.k8s.io' && KINDS.has(kind),
  clusterScoped: () => true,
  read(ctx, object, draft) {
    try {
      const policy = compileClusterPolicy(ctx, object);
      if (policy) draft.addPolicy(policy);
    } catch (error) {
      if (!(error instanceof RejectedPolicy)) throw error;
    }
  },
};

function compileClusterPolicy(ctx: ObjectContext, object: ObjectIdentity): CompiledPolicy | undefined {
  const spec = asRecord(field(ctx.object.value, 'spec'));
  if (!spec) {
    ctx.report(
      'error',
      ctx.object.value,
      'spec',
      'spec',
      `${object.kind} ${object.name} has no spec; it was skipped`,
      true,
    );
    return undefined;
  }
  const tier = tierOf(ctx, object, spec);
  const priority = object.kind === 'BaselineAdminNetworkPolicy' ? 0 : readPriority(ctx, spec);
  if (object.kind === 'BaselineAdminNetworkPolicy' && object.name !== 'default')
    ctx.report(
      'warning',
      ctx.object.value,
      'metadata',
      'metadata.name',
      `a BaselineAdminNetworkPolicy must be named "default" (the API server rejects other names); this one is evaluated as if it were`,
    );
  const subject = readSubject(ctx, field(spec, 'subject'), 'spec.subject');
  const compiled: CompiledPolicy = {
    kind: object.kind,
    apiVersion: object.apiVersion,
    id: `${object.kind} ${object.name}`,
    name: object.name,
    tier: tier.key,
    order: priority,
    subject: subject.expr,
    ref: ctx.object.ref,
    detail:
      tier === ADMIN_TIER && object.kind !== 'BaselineAdminNetworkPolicy'
        ? `priority ${priority}`
        : 'baseline',
  };
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = readRules(ctx, object, spec, direction);
    if (rules) compiled[direction] = rules;
  }
  return compiled;
}

function tierOf(ctx: ObjectContext, object: ObjectIdentity, spec: Record<string, unknown>) {
  if (object.kind === 'AdminNetworkPolicy') return ADMIN_TIER;
  if (object.kind === 'BaselineAdminNetworkPolicy') return BASELINE_TIER;
  const tier = field(spec, 'tier');
  if (tier === 'Admin') return ADMIN_TIER;
  if (tier === 'Baseline') return BASELINE_TIER;
  ctx.report(
    'error',
    spec,
    'tier',
    'spec.tier',
    `tier must be Admin or Baseline, not ${JSON.stringify(tier ?? null)}`,
    true,
  );
  throw new RejectedPolicy();
}

function readPriority(ctx: ObjectContext, spec: Record<string, unknown>): number {
  const priority = field(spec, 'priority');
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 1000) {
    ctx.report(
      'error',
      spec,
      'priority',
      'spec.priority',
      `priority must be an integer from 0 to 1000, not ${JSON.stringify(priority ?? null)}`,
      true,
    );
    throw new RejectedPolicy();
  }
  return priority;
}

function readRules(
  ctx: ObjectContext,
  object: ObjectIdentity,
  spec: Record<string, unknown>,
  direction: Direction,
): DirectionRules | undefined {
  const node = field(spec, direction);
  if (node === undefined || node === null) return undefined;
  const list = asArray(node);
  if (!list || list.length > 100) {
    ctx.report(
      'error',
      spec,
      direction,
      `spec.${direction}`,
      `${direction} must be a list of at most 100 rules`,
      true,
    );
    throw new RejectedPolicy();
  }
  const rules = list.map((raw, index): CompiledRule => {
    const path = `spec.${direction}[${index}]`;
    const rule = asRecord(raw);
    if (!rule) {
      ctx.report('error', list, undefined, path, 'a rule must be a mapping with action and peers', true);
      throw new RejectedPolicy();
    }
    const actionText = field(rule, 'action');
    const action = typeof actionText === 'string' ? ACTIONS[object.kind]?.[actionText] : undefined;
    if (!action) {
      const allowed = Object.keys(ACTIONS[object.kind] ?? {}).join(', ');
      ctx.report(
        'error',
        rule,
        'action',
        `${path}.action`,
        `action must be one of ${allowed} for ${object.kind}, not ${JSON.stringify(actionText ?? null)}`,
        true,
      );
      throw new RejectedPolicy();
    }
    const compiled: CompiledRule = {
      index,
      action,
      peers: readPeers(ctx, rule, direction === 'ingress' ? 'from' : 'to', path),
      ports:
        object.kind === 'ClusterNetworkPolicy'
          ? readV1alpha2Protocols(ctx, rule, path)
          : readV1alpha1Ports(ctx, rule, path),
      ref: ctx.refOf(raw),
    };
    const name = asString(field(rule, 'name'));
    if (name) compiled.name = name;
    return compiled;
  });
  // Admin and baseline tiers never deny by themselves: what no rule matches passes on.
  return { rules, isolates: false };
}
