import type { ClusterModel } from '../../model/types.ts';
import { and, type Expr, NONE, or } from '../../policy/expr.ts';
import type { CompiledPolicy } from '../types.ts';
import { readIstioExtras } from './extras.ts';
import { MESH } from './identity.ts';
import { labelsExpr } from './subject.ts';

/**
 * Gives policies aimed at a Service (`targetRef: {kind: Service}`) the pods that Service selects
 * as their subject. Services may come after the policy in the manifests, so this runs once every
 * object is read (PolicyKind.resolve). A Service without a selector, or missing, leaves the
 * policy applying to nothing (finding `policy-applies-to-nothing`).
 */
export function resolveServiceTargets(
  policies: readonly CompiledPolicy[],
  model: ClusterModel,
): readonly CompiledPolicy[] {
  const extras = readIstioExtras(model.extras);
  if (!extras || extras.serviceTargets.length === 0) return policies;
  const subjects = new Map<string, Expr>();
  for (const { policyId, subject, services } of extras.serviceTargets) {
    const selected: Expr[] = services.map(({ namespace, name }) => {
      const service = model.services.find((s) => s.namespace === namespace && s.name === name);
      if (!service?.selector || Object.keys(service.selector).length === 0) return NONE;
      return and(MESH, { op: 'namespace', names: [namespace] }, labelsExpr(service.selector));
    });
    subjects.set(policyId, or(subject, ...selected));
  }
  return policies.map((p): CompiledPolicy => {
    const subject = subjects.get(p.id);
    return subject ? { ...p, subject } : p;
  });
}
