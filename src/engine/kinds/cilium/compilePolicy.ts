import { asArray, asRecord, field, type ObjectContext } from '../../model/objectContext.ts';
import type { Direction } from '../../model/types.ts';
import { and, type Expr, not } from '../../policy/expr.ts';
import type { ObjectIdentity } from '../plugin.ts';
import { type CompiledPolicy, DEFAULT_TIER, type DirectionRules } from '../types.ts';
import { compileDirection, type DirectionRead, denyIdOf } from './compileRules.ts';
import type { CiliumExtras } from './facts.ts';
import { type CiliumSelector, NAMESPACE_KEY, readCiliumSelector, selectorExpr } from './selector.ts';

/** NetworkPolicy sits at order 1,000 of the default tier; Cilium's allows add up beside it. */
export const CILIUM_ALLOW_ORDER = 1_000;
/** Deny rules win over every allow of the tier, so they are folded first. */
export const CILIUM_DENY_ORDER = -1;

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/**
 * Compiles one Cilium rule (`spec`, or `specs[i]`) to policies of the default tier: one with its
 * allow rules and the default-deny flags, and, when it has ingressDeny/egressDeny, one with the
 * deny rules at an order before every allow. Default deny for a direction is on when the rule has
 * any rule (allow or deny) for it, unless `enableDefaultDeny` turns it off; it is never on for a
 * direction without rules. Returns [] for a host policy (not modelled) and undefined (after
 * reporting) when the API server would reject the rule.
 */
export function compileSpec(
  ctx: ObjectContext,
  object: ObjectIdentity,
  spec: Record<string, unknown>,
  path: string,
  id: string,
  extras: CiliumExtras,
): CompiledPolicy[] | undefined {
  const namespace = object.namespace;
  const subject = readSubject(ctx, spec, path, namespace, id, extras);
  if (subject === 'host') return [];
  if (!subject) return undefined;
  const defaults = readDefaultDeny(ctx, spec, path);
  if (!defaults) return undefined;
  const scope = { ctx, policyId: id, extras, ...(namespace !== undefined ? { namespace } : {}) };
  const read: Partial<Record<Direction, DirectionRead>> = {};
  for (const direction of DIRECTIONS) {
    const compiled = compileDirection(scope, spec, path, direction);
    if (!compiled) return undefined;
    read[direction] = compiled;
  }
  const base = {
    kind: object.kind,
    apiVersion: object.apiVersion,
    name: object.name,
    ...(namespace !== undefined ? { namespace } : {}),
    tier: DEFAULT_TIER.key,
    subject,
    ref: ctx.refOf(spec),
  };
  const allow: CompiledPolicy = { ...base, id, order: CILIUM_ALLOW_ORDER, detail: detailOf(read, defaults) };
  const deny: CompiledPolicy = {
    ...base,
    id: denyIdOf(id),
    order: CILIUM_DENY_ORDER,
    detail: 'its denies win over every allow',
  };
  let hasDeny = false;
  for (const direction of DIRECTIONS) {
    const r = read[direction] as DirectionRead;
    const isolates = r.hasRules && (defaults[direction] ?? true);
    if (r.allow.length > 0 || isolates)
      allow[direction] = { rules: r.allow, isolates } satisfies DirectionRules;
    if (r.deny.length > 0) {
      deny[direction] = { rules: r.deny, isolates: false };
      hasDeny = true;
    }
  }
  return hasDeny ? [deny, allow] : [allow];
}

function detailOf(
  read: Partial<Record<Direction, DirectionRead>>,
  defaults: Partial<Record<Direction, boolean>>,
): string {
  const off = DIRECTIONS.filter((d) => read[d]?.hasRules && defaults[d] === false);
  if (off.length) return `enableDefaultDeny off for ${off.join(' and ')}: its allows only add`;
  const on = DIRECTIONS.filter((d) => read[d]?.hasRules);
  return on.length ? `default deny for ${on.join(' and ')}` : 'no rules';
}

/**
 * The endpoints a rule applies to. A CiliumNetworkPolicy only ever selects pods of its own
 * namespace (Cilium overwrites any namespace in the selector); a clusterwide one selects pods of
 * every namespace. `nodeSelector` makes a host policy, which is not modelled.
 */
function readSubject(
  ctx: ObjectContext,
  spec: Record<string, unknown>,
  path: string,
  namespace: string | undefined,
  id: string,
  extras: CiliumExtras,
): Expr | 'host' | undefined {
  const endpointNode = field(spec, 'endpointSelector');
  const nodeNode = field(spec, 'nodeSelector');
  const hasEndpoint = endpointNode !== undefined && endpointNode !== null;
  const hasNode = nodeNode !== undefined && nodeNode !== null;
  if (hasEndpoint && hasNode) {
    ctx.report(
      'error',
      spec,
      'nodeSelector',
      `${path}.nodeSelector`,
      'endpointSelector and nodeSelector are mutually exclusive: Cilium rejects this rule',
      true,
    );
    return undefined;
  }
  if (hasNode) {
    if (namespace !== undefined) {
      ctx.report(
        'error',
        spec,
        'nodeSelector',
        `${path}.nodeSelector`,
        'nodeSelector (a host policy) is only allowed in a CiliumClusterwideNetworkPolicy: Cilium rejects this rule',
        true,
      );
      return undefined;
    }
    extras.hostPolicies.push({ id, ref: ctx.refOf(spec) });
    ctx.report(
      'warning',
      spec,
      'nodeSelector',
      `${path}.nodeSelector`,
      'a nodeSelector makes this a host policy; nodes (hosts) are not modelled, so this rule is not evaluated',
    );
    return 'host';
  }
  if (!hasEndpoint) {
    ctx.report(
      'error',
      spec,
      undefined,
      path,
      'a rule needs an endpointSelector (or, clusterwide, a nodeSelector): Cilium rejects it',
      true,
    );
    return undefined;
  }
  const selector = readCiliumSelector(ctx, endpointNode, `${path}.endpointSelector`);
  if (!selector) return undefined;
  if (namespace === undefined) return and(selectorExpr(selector), not({ op: 'host' }));
  const foreign = selector.requirements.filter(
    (r) =>
      r.key === NAMESPACE_KEY && !(r.operator === 'In' && r.values.length === 1 && r.values[0] === namespace),
  );
  if (foreign.length > 0)
    ctx.report(
      'warning',
      endpointNode,
      undefined,
      `${path}.endpointSelector`,
      `a CiliumNetworkPolicy only selects pods of its own namespace (${namespace}); Cilium drops the namespace condition written here`,
    );
  const own: CiliumSelector = { requirements: selector.requirements.filter((r) => r.key !== NAMESPACE_KEY) };
  return and({ op: 'namespace', names: [namespace] }, selectorExpr(own));
}

function readDefaultDeny(
  ctx: ObjectContext,
  spec: Record<string, unknown>,
  path: string,
): Partial<Record<Direction, boolean>> | undefined {
  const node = field(spec, 'enableDefaultDeny');
  if (node === undefined || node === null) return {};
  const record = asRecord(node);
  if (!record) {
    ctx.report(
      'error',
      spec,
      'enableDefaultDeny',
      `${path}.enableDefaultDeny`,
      'enableDefaultDeny must be a mapping such as {ingress: false, egress: true}',
      true,
    );
    return undefined;
  }
  const out: Partial<Record<Direction, boolean>> = {};
  for (const direction of DIRECTIONS) {
    const value = field(record, direction);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean') {
      ctx.report(
        'error',
        record,
        direction,
        `${path}.enableDefaultDeny.${direction}`,
        `enableDefaultDeny.${direction} must be true or false`,
        true,
      );
      return undefined;
    }
    out[direction] = value;
  }
  return out;
}

/** The rules of an object: `spec`, then every entry of `specs`, each with its path. */
export function specsOf(
  ctx: ObjectContext,
  value: Record<string, unknown>,
): { spec: Record<string, unknown>; path: string }[] | undefined {
  const out: { spec: Record<string, unknown>; path: string }[] = [];
  const spec = field(value, 'spec');
  const specs = field(value, 'specs');
  if (spec !== undefined && spec !== null) {
    const record = asRecord(spec);
    if (!record) {
      ctx.report('error', value, 'spec', 'spec', 'spec must be a mapping', true);
      return undefined;
    }
    out.push({ spec: record, path: 'spec' });
  }
  if (specs !== undefined && specs !== null) {
    const list = asArray(specs);
    if (!list) {
      ctx.report('error', value, 'specs', 'specs', 'specs must be a list of rules', true);
      return undefined;
    }
    for (const [i, raw] of list.entries()) {
      const record = asRecord(raw);
      if (!record) {
        ctx.report(
          'error',
          raw ?? list,
          undefined,
          `specs[${i}]`,
          'each entry of specs must be a mapping',
          true,
        );
        return undefined;
      }
      out.push({ spec: record, path: `specs[${i}]` });
    }
  }
  if (out.length === 0) {
    ctx.report(
      'error',
      value,
      undefined,
      'spec',
      'a Cilium policy needs spec or specs: Cilium rejects it',
      true,
    );
    return undefined;
  }
  return out;
}
