import type { LabelSelector } from '../../model/types.ts';
import { and, type Expr, type LabelScope, not } from '../../policy/expr.ts';

/**
 * A Kubernetes LabelSelector as an expression over one scope's labels: matchLabels and
 * matchExpressions ANDed; NotIn and DoesNotExist hold where the key is absent. `{}` is `all`.
 */
export function labelSelectorExpr(selector: LabelSelector, scope: LabelScope): Expr {
  const parts: Expr[] = Object.entries(selector.matchLabels).map(([key, value]) => ({
    op: 'label',
    scope,
    key,
    test: { is: 'eq', value },
  }));
  for (const { key, operator, values } of selector.matchExpressions) {
    const has: Expr = { op: 'label', scope, key, test: { is: 'exists' } };
    const among: Expr = { op: 'label', scope, key, test: { is: 'in', values } };
    if (operator === 'In') parts.push(among);
    else if (operator === 'NotIn') parts.push(not(among));
    else if (operator === 'Exists') parts.push(has);
    else parts.push(not(has));
  }
  return and(...parts);
}

/** Pods (never host endpoints) in the namespaces a namespace selector picks. */
export function podsInNamespacesExpr(namespaceSelector: LabelSelector, podSelector?: LabelSelector): Expr {
  return and(
    not({ op: 'host' }),
    labelSelectorExpr(namespaceSelector, 'namespace'),
    podSelector ? labelSelectorExpr(podSelector, 'pod') : { op: 'all' },
  );
}

/** Pods of one namespace that a pod selector picks. */
export function podsInNamespaceExpr(namespace: string, podSelector?: LabelSelector): Expr {
  return and(
    { op: 'namespace', names: [namespace] },
    not({ op: 'host' }),
    podSelector ? labelSelectorExpr(podSelector, 'pod') : { op: 'all' },
  );
}
