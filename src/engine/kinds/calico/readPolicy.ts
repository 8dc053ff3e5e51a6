import { asArray, asRecord, field, type ObjectContext } from '../../model/objectContext.ts';
import { readLabels } from '../../model/readLabels.ts';
import type { Direction } from '../../model/types.ts';
import { ALL, and, type Expr } from '../../policy/expr.ts';
import type { ModelDraft, ObjectIdentity } from '../plugin.ts';
import type { CompiledPolicy, CompiledRule } from '../types.ts';
import { addProfileLabels } from './profileLabels.ts';
import { type ReadRule, readRule } from './readRule.ts';
import { INVALID, readSelectorField } from './readSelectorField.ts';
import {
  CALICO_DEFAULT_TIER,
  calicoExtras,
  ensureProfileTier,
  ensureTier,
  PROFILE_TIER,
  tierKey,
} from './tiers.ts';

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];
const TYPE_OF: Readonly<Record<string, Direction>> = { Ingress: 'ingress', Egress: 'egress' };

/**
 * Reads a Calico NetworkPolicy, GlobalNetworkPolicy or Profile and adds it to the draft.
 *
 * - NetworkPolicy applies to endpoints of its namespace; GlobalNetworkPolicy to every endpoint,
 *   narrowed by its `namespaceSelector`; both by `selector` (default all()) and
 *   `serviceAccountSelector`.
 * - `types` absent: Egress when only egress rules are given, Ingress and Egress when both are,
 *   Ingress otherwise (Calico's table). A listed type isolates the selected endpoints.
 * - `tier` (default `default`) and `order` (absent: after every ordered policy; ties by name).
 * - A rule that constrains the policy's own endpoint (`destination` selector or nets of an ingress
 *   rule, `source` ones of an egress rule) cannot be a peer condition, so the policy is split into
 *   consecutive parts with the same order and name, each with its own subject; the fold's
 *   (order, name, id) sort keeps their rules in the written order.
 * - A Profile's rules apply to endpoints that list it, after every tier.
 */
export function readCalicoPolicy(ctx: ObjectContext, identity: ObjectIdentity, draft: ModelDraft): void {
  const value = ctx.object.value;
  const spec = asRecord(field(value, 'spec')) ?? {};
  const isProfile = identity.kind === 'Profile';
  const namespace = identity.kind === 'NetworkPolicy' ? (identity.namespace ?? 'default') : undefined;
  const id = namespace
    ? `${identity.kind} ${namespace}/${identity.name}`
    : `${identity.kind} ${identity.name}`;

  const subject = isProfile
    ? ({ op: 'profile', name: identity.name } as Expr)
    : readSubject(ctx, spec, identity.kind, namespace);
  const order = isProfile ? 0 : readOrder(ctx, spec);
  const tierName = isProfile ? undefined : readTierName(ctx, spec, identity.name);
  const types = isProfile ? new Set(DIRECTIONS) : readTypes(ctx, spec);
  if (subject === INVALID || order === INVALID || tierName === INVALID || types === INVALID) return;
  for (const flag of ['doNotTrack', 'preDNAT'])
    if (field(spec, flag) === true)
      ctx.report(
        'info',
        spec,
        flag,
        `spec.${flag}`,
        `${flag} policies act on host endpoints outside connection tracking / before DNAT; Reachlab evaluates this one as an ordinary policy`,
      );

  const rules: Record<Direction, ReadRule[]> = { ingress: [], egress: [] };
  for (const direction of DIRECTIONS) {
    const list = field(spec, direction);
    if (list === undefined || list === null) continue;
    if (!asArray(list)) {
      ctx.report('error', spec, direction, `spec.${direction}`, `${direction} must be a list of rules`, true);
      return;
    }
    if (!types.has(direction) && (list as unknown[]).length > 0) {
      ctx.report(
        'warning',
        spec,
        direction,
        `spec.${direction}`,
        `types does not list ${direction === 'ingress' ? 'Ingress' : 'Egress'}, so Calico ignores these rules`,
      );
      continue;
    }
    for (const [i, node] of (list as unknown[]).entries()) {
      const read = readRule(ctx, node, `spec.${direction}[${i}]`, i, direction, namespace);
      if (read === INVALID) return;
      if (read) rules[direction].push(read);
    }
  }

  const tier = isProfile ? PROFILE_TIER.key : tierKey(tierName as string);
  if (isProfile) ensureProfileTier(draft, ctx.object.ref);
  else ensureTier(draft, tierName as string);
  const detail = isProfile
    ? 'profile, after every tier'
    : `${tierName === CALICO_DEFAULT_TIER ? '' : `tier ${tierName}, `}${order === Number.MAX_VALUE ? 'no order' : `order ${order}`}`;
  const base: CompiledPolicy = {
    kind: identity.kind,
    apiVersion: identity.apiVersion,
    id,
    // Calico breaks order ties by `namespace/name` (felix's PolicyNameLessThan), so that is the name.
    name: namespace ? `${namespace}/${identity.name}` : identity.name,
    ...(namespace ? { namespace } : {}),
    tier,
    order: order as number,
    subject: subject as Expr,
    ref: ctx.object.ref,
    detail,
  };
  const extras = calicoExtras(draft);
  extras.policyIds.push(id);
  if (isProfile) {
    const labels = readLabels(ctx, field(spec, 'labelsToApply'), 'spec.labelsToApply');
    if (Object.keys(labels).length > 0) addProfileLabels(draft, identity.name, labels);
  }
  for (const part of splitByLocal(base, rules, isProfile ? new Set() : types)) draft.addPolicy(part);
  for (const direction of DIRECTIONS) {
    for (const read of rules[direction]) {
      if (read.serviceAccountNames)
        extras.serviceAccountRules.push({
          policyId: id,
          names: read.serviceAccountNames,
          ref: read.rule.ref,
          ...(namespace ? { namespace } : {}),
        });
      if (read.peerSelects)
        extras.selectorPeers.push({
          policyId: id,
          direction,
          ruleIndex: read.rule.index,
          negated: read.peerSelects === 'notSelector',
        });
      if (read.service)
        extras.serviceRules.push({ policyId: id, direction, ruleIndex: read.rule.index, ...read.service });
    }
  }
}

/**
 * The policy as parts: the first holds isolation and every rule up to the first one with a
 * condition on the local endpoint; each following run of rules with the same condition becomes a
 * part whose subject adds that condition.
 */
export function splitByLocal(
  base: CompiledPolicy,
  rules: Readonly<Record<Direction, readonly ReadRule[]>>,
  types: ReadonlySet<Direction>,
): CompiledPolicy[] {
  const first: CompiledPolicy = { ...base };
  const parts: CompiledPolicy[] = [first];
  for (const direction of DIRECTIONS) {
    const runs: { local: Expr; rules: CompiledRule[] }[] = [];
    for (const read of rules[direction]) {
      const last = runs[runs.length - 1];
      if (last && sameExpr(last.local, read.local)) last.rules.push(read.rule);
      else runs.push({ local: read.local, rules: [read.rule] });
    }
    const isolates = types.has(direction);
    const firstRun = runs[0] && sameExpr(runs[0].local, ALL) ? runs.shift() : undefined;
    if (isolates || firstRun) first[direction] = { rules: firstRun?.rules ?? [], isolates };
    for (const run of runs) {
      parts.push({
        ...base,
        subject: and(base.subject, run.local),
        // The first part isolates; a later one only adds rules (its subject is narrower).
        [direction]: { rules: run.rules, isolates: false },
      });
    }
  }
  // The fold breaks (order, name) ties by id: pad part numbers so part 10 follows part 9.
  const width = String(parts.length).length;
  return parts.map((part, i) =>
    i === 0 ? part : { ...part, id: `${base.id} #${String(i + 1).padStart(width, '0')}` },
  );
}

function sameExpr(a: Expr, b: Expr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function readSubject(
  ctx: ObjectContext,
  spec: Record<string, unknown>,
  kind: string,
  namespace: string | undefined,
): Expr | typeof INVALID {
  const selector = readSelectorField(ctx, spec, 'selector', 'spec', 'endpoint');
  const accounts = readSelectorField(ctx, spec, 'serviceAccountSelector', 'spec', 'serviceAccount');
  const namespaces =
    kind === 'GlobalNetworkPolicy'
      ? readSelectorField(ctx, spec, 'namespaceSelector', 'spec', 'namespace')
      : undefined;
  if (selector === INVALID || accounts === INVALID || namespaces === INVALID) return INVALID;
  return and(
    namespace !== undefined ? { op: 'namespace', names: [namespace] } : ALL,
    namespaces ?? ALL,
    selector ?? ALL,
    accounts ?? ALL,
  );
}

function readOrder(ctx: ObjectContext, spec: Record<string, unknown>): number | typeof INVALID {
  const order = field(spec, 'order');
  if (order === undefined || order === null) return Number.MAX_VALUE;
  if (typeof order === 'number' && Number.isFinite(order)) return order;
  ctx.report(
    'error',
    spec,
    'order',
    'spec.order',
    `order must be a number, not ${JSON.stringify(order)}`,
    true,
  );
  return INVALID;
}

function readTierName(
  ctx: ObjectContext,
  spec: Record<string, unknown>,
  name: string,
): string | typeof INVALID {
  const tier = field(spec, 'tier');
  if (tier === undefined || tier === null || tier === '') return CALICO_DEFAULT_TIER;
  if (typeof tier !== 'string') {
    ctx.report('error', spec, 'tier', 'spec.tier', 'tier must be the name of a Tier', true);
    return INVALID;
  }
  if (tier !== CALICO_DEFAULT_TIER && !name.startsWith(`${tier}.`))
    ctx.report(
      'info',
      spec,
      'tier',
      'spec.tier',
      `policies in tier ${tier} are named "${tier}.<name>" before Calico 3.30; older API servers reject "${name}"`,
    );
  return tier;
}

function readTypes(ctx: ObjectContext, spec: Record<string, unknown>): Set<Direction> | typeof INVALID {
  const types = field(spec, 'types');
  const present = (key: string) => (asArray(field(spec, key))?.length ?? 0) > 0;
  if (types === undefined || types === null) {
    if (present('egress')) return new Set(present('ingress') ? DIRECTIONS : ['egress']);
    return new Set(['ingress']);
  }
  const list = asArray(types);
  const out = new Set<Direction>();
  for (const item of list ?? [undefined]) {
    const direction = typeof item === 'string' && Object.hasOwn(TYPE_OF, item) ? TYPE_OF[item] : undefined;
    if (!direction) {
      ctx.report('error', spec, 'types', 'spec.types', 'types must be a list of Ingress and/or Egress', true);
      return INVALID;
    }
    out.add(direction);
  }
  return out;
}
