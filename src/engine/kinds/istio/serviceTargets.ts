import type { ClusterModel } from '../../model/types.ts';
import { and, type Expr, NONE, or } from '../../policy/expr.ts';
import { readIstioExtras } from './extras.ts';
import { MESH } from './identity.ts';
import { labelsExpr } from './subject.ts';

const resolved = new WeakSet<object>();

/**
 * Gives policies aimed at a Service (`targetRef: {kind: Service}`) the pods that Service selects
 * as their subject. Services may come after the policy in the manifests, so this runs once the
 * model is complete (the first time membership is asked for, or explicitly); it is idempotent.
 * A Service without a selector, or missing, leaves the policy applying to nothing.
 */
export function resolveServiceTargets(model: ClusterModel): void {
  const extras = readIstioExtras(model.extras);
  if (!extras || resolved.has(extras)) return;
  resolved.add(extras);
  for (const { policy, services } of extras.serviceTargets) {
    const subjects: Expr[] = services.map(({ namespace, name }) => {
      const service = model.services.find((s) => s.namespace === namespace && s.name === name);
      if (!service?.selector || Object.keys(service.selector).length === 0) return NONE;
      return and(MESH, { op: 'namespace', names: [namespace] }, labelsExpr(service.selector));
    });
    // The policy object is the one in model.policies: its subject is completed in place.
    (policy as { subject: Expr }).subject = or(policy.subject, ...subjects);
    const info = extras.authorizationPolicies.find((p) => p.id === policy.id);
    if (info) info.subject = policy.subject;
  }
}
