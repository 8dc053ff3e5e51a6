import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { DEFAULT_SETTINGS } from '../../settings.ts';
import type { ModelDraft, ObjectIdentity } from '../plugin.ts';
import type { CompiledPolicy, CompiledRule, RuleAction } from '../types.ts';
import { type AuthorizationAction, type AuthorizationPolicyInfo, istioExtras } from './extras.ts';
import { isRejected } from './fields.ts';
import { compileRule } from './rules.ts';
import { readSubject } from './subject.ts';
import { ISTIO_ALLOW_TIER, ISTIO_CUSTOM_TIER, ISTIO_DENY_TIER } from './tiers.ts';

const ACTIONS = new Set<AuthorizationAction>(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']);

/**
 * Reads an AuthorizationPolicy and compiles it into the mesh layer: CUSTOM rules make what they
 * match conditional on the external authorizer, DENY rules deny, ALLOW rules allow and the policy
 * isolates its workloads (an ALLOW policy without rules admits nothing). AUDIT only logs, so it is
 * kept in extras and compiles to nothing. Policies Istio would reject are reported and dropped.
 */
export function readAuthorizationPolicy(ctx: ObjectContext, object: ObjectIdentity, draft: ModelDraft): void {
  const settings = draft.settings ?? DEFAULT_SETTINGS;
  const namespace = object.namespace ?? 'default';
  const spec = asRecord(field(ctx.object.value, 'spec'));
  const specNode = field(ctx.object.value, 'spec');
  if (specNode !== undefined && specNode !== null && !spec) {
    ctx.report(
      'error',
      ctx.object.value,
      'spec',
      'spec',
      'spec must be a mapping; the policy is rejected',
      true,
      'istio-spec-not-mapping',
    );
    return;
  }
  const actionText = asString(field(spec, 'action')) ?? 'ALLOW';
  if (!ACTIONS.has(actionText as AuthorizationAction)) {
    ctx.report(
      'error',
      spec,
      'action',
      'spec.action',
      `"${actionText}" is not an action: use ALLOW, DENY, AUDIT or CUSTOM; the policy is rejected`,
      true,
      'istio-invalid-action',
    );
    return;
  }
  const action = actionText as AuthorizationAction;
  const provider = asString(field(asRecord(field(spec, 'provider')), 'name'));
  if (action === 'CUSTOM' && !provider) {
    ctx.report(
      'error',
      spec,
      'action',
      'spec.provider.name',
      'a CUSTOM policy needs provider.name (the external authorizer); the policy is rejected',
      true,
      'istio-custom-without-provider',
    );
    return;
  }
  if (action !== 'CUSTOM' && field(spec, 'provider') !== undefined) {
    ctx.report(
      'error',
      spec,
      'provider',
      'spec.provider',
      'provider is only allowed with action CUSTOM; the policy is rejected',
      true,
      'istio-provider-without-custom',
    );
    return;
  }
  const subject = readSubject(ctx, spec, namespace, settings.mesh.rootNamespace);
  if (!subject) return;
  const rawRules = field(spec, 'rules');
  if (rawRules !== undefined && rawRules !== null && !asArray(rawRules)) {
    ctx.report(
      'error',
      spec,
      'rules',
      'spec.rules',
      'rules must be a list; the policy is rejected',
      true,
      'istio-rules-not-list',
    );
    return;
  }
  const ruleAction: RuleAction = action === 'CUSTOM' ? 'conditional' : action === 'DENY' ? 'deny' : 'allow';
  const rules: CompiledRule[] = [];
  const id = `AuthorizationPolicy ${namespace}/${object.name}`;
  const info: AuthorizationPolicyInfo = {
    id,
    namespace,
    name: object.name,
    action,
    ...(provider ? { provider } : {}),
    subject: subject.expr,
    meshWide: subject.meshWide,
    ruleCount: asArray(rawRules)?.length ?? 0,
    principals: [],
    namespaces: [],
    neverMatches: [],
    ref: ctx.refOf(ctx.object.value),
  };
  for (const [i, node] of (asArray(rawRules) ?? []).entries()) {
    const read = compileRule(ctx, node, `spec.rules[${i}]`, {
      action: ruleAction,
      trustDomain: settings.mesh.trustDomain,
      ...(provider ? { provider } : {}),
    });
    if (!read) return;
    // Operations and conditional sources split one written rule into several compiled ones:
    // they all carry the written rule's number, which is what explanations show.
    for (const rule of read.rules) rules.push({ ...rule, index: rules.length, name: String(i + 1) });
    info.principals.push(...read.principals);
    info.namespaces.push(...read.namespaces);
    if (read.neverMatches && action === 'DENY')
      info.neverMatches.push({ ref: ctx.refOf(node), why: read.neverMatches });
  }
  if (isRejected(ctx)) return;
  if (action === 'DENY' && info.ruleCount === 0)
    info.neverMatches.push({
      ref: info.ref,
      why: 'it has no rules, and a DENY policy without rules matches nothing',
    });
  const extras = istioExtras(draft.extras);
  extras.authorizationPolicies.push(info);
  if (action === 'AUDIT') return;
  const tier =
    action === 'ALLOW' ? ISTIO_ALLOW_TIER : action === 'DENY' ? ISTIO_DENY_TIER : ISTIO_CUSTOM_TIER;
  draft.addTier(tier);
  const policy: CompiledPolicy = {
    kind: 'AuthorizationPolicy',
    apiVersion: object.apiVersion,
    id,
    name: object.name,
    namespace,
    tier: tier.key,
    order: 0,
    subject: subject.expr,
    ingress: { rules, isolates: action === 'ALLOW' },
    ref: info.ref,
    detail:
      action === 'CUSTOM' ? `CUSTOM via ${provider}` : subject.meshWide ? `${action}, mesh-wide` : action,
  };
  draft.addPolicy(policy);
  if (subject.services.length > 0)
    extras.serviceTargets.push({ policyId: id, subject: subject.expr, services: subject.services });
}
