import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { readLabels } from '../../model/readLabels.ts';
import type { Labels } from '../../model/types.ts';
import { ALL, and, type Expr, NONE, or } from '../../policy/expr.ts';
import { MESH } from './identity.ts';

/** Pods carrying every label of the map. */
export function labelsExpr(labels: Labels): Expr {
  return and(
    ...Object.entries(labels).map(
      ([key, value]): Expr => ({ op: 'label', scope: 'pod', key, test: { is: 'eq', value } }),
    ),
  );
}

/** The workloads a policy applies to, and how it named them. */
export interface Subject {
  expr: Expr;
  meshWide: boolean;
  selector?: Labels;
  /** Services named by targetRef(s), resolved once Services are known. */
  services: { namespace: string; name: string }[];
}

/**
 * Reads `selector` (matchLabels) or `targetRef` / `targetRefs`. A selector picks pods of the
 * policy's namespace, or of every namespace when the policy is in the root namespace; neither
 * means the whole namespace, or the whole mesh in the root namespace. Returns undefined when
 * Istio would reject the combination (reported).
 */
export function readSubject(
  ctx: ObjectContext,
  spec: Record<string, unknown> | undefined,
  namespace: string,
  rootNamespace: string,
): Subject | undefined {
  const inRoot = namespace === rootNamespace;
  const scope: Expr = inRoot ? ALL : { op: 'namespace', names: [namespace] };
  const selectorNode = asRecord(field(spec, 'selector'));
  const targets = [
    ...(field(spec, 'targetRef') !== undefined ? [field(spec, 'targetRef')] : []),
    ...(asArray(field(spec, 'targetRefs')) ?? []),
  ];
  if (selectorNode && targets.length > 0) {
    ctx.report(
      'error',
      spec,
      'selector',
      'spec.selector',
      'selector and targetRef(s) cannot be used together; the policy is rejected',
      true,
      'istio-selector-and-target',
    );
    return undefined;
  }
  if (selectorNode) {
    if (field(selectorNode, 'matchExpressions') !== undefined)
      ctx.report(
        'warning',
        selectorNode,
        'matchExpressions',
        'spec.selector.matchExpressions',
        "Istio's workload selector has matchLabels only; matchExpressions ignored",
        false,
        'istio-selector-match-expressions',
      );
    const selector = readLabels(ctx, field(selectorNode, 'matchLabels'), 'spec.selector.matchLabels');
    return { expr: and(MESH, scope, labelsExpr(selector)), meshWide: false, selector, services: [] };
  }
  if (targets.length === 0) return { expr: and(MESH, scope), meshWide: inRoot, services: [] };
  const exprs: Expr[] = [];
  const services: { namespace: string; name: string }[] = [];
  for (const [i, raw] of targets.entries()) {
    const at = field(spec, 'targetRef') !== undefined && i === 0 ? 'spec.targetRef' : `spec.targetRefs[${i}]`;
    const ref = asRecord(raw);
    const kind = asString(field(ref, 'kind'));
    const name = asString(field(ref, 'name'));
    const group = asString(field(ref, 'group')) ?? '';
    if (!ref || !kind || !name) {
      ctx.report(
        'error',
        raw ?? spec,
        undefined,
        at,
        'a targetRef needs kind and name; ignored',
        false,
        'istio-target-incomplete',
      );
      continue;
    }
    const targetNamespace = asString(field(ref, 'namespace')) ?? namespace;
    if (kind === 'Gateway' && group === 'gateway.networking.k8s.io') {
      // Istio deploys a Gateway API Gateway as pods labelled with the Gateway's name.
      exprs.push(
        and(
          MESH,
          { op: 'namespace', names: [targetNamespace] },
          {
            op: 'label',
            scope: 'pod',
            key: 'gateway.networking.k8s.io/gateway-name',
            test: { is: 'eq', value: name },
          },
        ),
      );
    } else if (kind === 'Service' && (group === '' || group === 'core')) {
      services.push({ namespace: targetNamespace, name });
    } else {
      ctx.report(
        'warning',
        ref,
        'kind',
        `${at}.kind`,
        `a ${group ? `${group}/` : ''}${kind} target is not evaluated (only Gateway API Gateways and Services); this target applies to nothing here`,
        false,
        'istio-target-not-evaluated',
      );
    }
  }
  return { expr: exprs.length > 0 ? or(...exprs) : NONE, meshWide: false, services };
}
