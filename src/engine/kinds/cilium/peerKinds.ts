import { asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { and, type Expr, formatExpr, NONE, not } from '../../policy/expr.ts';
import { ENTITIES, isEntity } from './entities.ts';
import type { PeerInput, RuleScope } from './peers.ts';
import {
  type CiliumSelector,
  foreignSources,
  namesNamespace,
  readCiliumSelector,
  readsNamespaceLabels,
  reservedKeys,
  selectorExpr,
} from './selector.ts';

/** The peers of one kind each: endpoint selectors, entities and Services. */

/**
 * An endpoint selector peer with Cilium's namespace scoping: in a CiliumNetworkPolicy a selector
 * that names neither the namespace nor namespace labels matches only the policy's namespace; in a
 * clusterwide policy it matches Cilium-managed pods of every namespace (never a bare wildcard).
 */
export function endpointPeer(scope: RuleScope, node: unknown, at: string): PeerInput | undefined {
  const selector = readCiliumSelector(scope.ctx, node, at);
  if (!selector) return undefined;
  const reserved = reservedKeys(selector);
  if (reserved.length > 0) {
    const entity = reserved[0] as string;
    if (!isEntity(entity)) {
      scope.ctx.report(
        'warning',
        node,
        undefined,
        at,
        `reserved:${entity} is not a Cilium entity label; this peer matches nothing`,
      );
      return { endpoints: NONE, external: [], label: `reserved:${entity}` };
    }
    return entityInput(scope.ctx, entity, node, at);
  }
  const foreign = foreignSources(selector);
  if (foreign.length > 0)
    scope.ctx.report(
      'warning',
      node,
      undefined,
      at,
      `labels from source ${foreign.join(', ')}: pods only carry k8s: labels, so those requirements never match a pod`,
    );
  const own = selectorExpr(selector);
  const endpoints = scoped(scope, selector, own, node);
  return { endpoints, external: [], label: endpointLabel(scope, selector, own) };
}

function scoped(scope: RuleScope, selector: CiliumSelector, own: Expr, node: unknown): Expr {
  if (namesNamespace(selector)) return and(own, not({ op: 'host' }));
  if (scope.namespace === undefined) return and(own, not({ op: 'host' }));
  if (readsNamespaceLabels(selector)) return and(own, not({ op: 'host' }));
  scope.extras.scopedSelectors.push({
    policyId: scope.policyId,
    namespace: scope.namespace,
    unscoped: and(own, not({ op: 'host' })),
    label: formatExpr(own),
    ref: scope.ctx.refOf(node),
  });
  return and({ op: 'namespace', names: [scope.namespace] }, own);
}

function endpointLabel(scope: RuleScope, selector: CiliumSelector, own: Expr): string {
  const pods = own.op === 'all' ? 'all pods' : `pods ${formatExpr(own)}`;
  if (namesNamespace(selector) || readsNamespaceLabels(selector)) return pods;
  return scope.namespace === undefined
    ? `${pods} in any namespace`
    : `${pods} in namespace ${scope.namespace}`;
}

export function entityPeer(
  ctx: ObjectContext,
  name: string,
  list: readonly unknown[],
  at: string,
): PeerInput | undefined {
  if (!isEntity(name)) {
    ctx.report(
      'error',
      list,
      undefined,
      at,
      `"${name}" is not a Cilium entity: use world, cluster, all, host, remote-node, kube-apiserver, health, init, ingress, unmanaged or none`,
      true,
    );
    return undefined;
  }
  return entityInput(ctx, name, list, at);
}

function entityInput(ctx: ObjectContext, name: string, node: unknown, at: string): PeerInput {
  const meaning = ENTITIES[name] as (typeof ENTITIES)[string];
  if (meaning.notModelled)
    ctx.report(
      'warning',
      node,
      undefined,
      at,
      `entity ${name}: ${meaning.notModelled}, so this peer matches nothing here`,
    );
  const input: PeerInput = {
    endpoints: meaning.endpoints,
    external: meaning.external,
    label: `entity ${name}`,
  };
  return meaning.notModelled ? { ...input, note: meaning.notModelled } : input;
}

/** A Service peer; its pods are filled in once every Service is read (see services.ts). */
export function servicePeer(scope: RuleScope, node: unknown, at: string): PeerInput {
  const record = asRecord(node);
  const byName = asRecord(field(record, 'k8sService'));
  const bySelector = asRecord(field(record, 'k8sServiceSelector'));
  const namespace = asString(field(byName ?? bySelector, 'namespace')) || scope.namespace;
  if (byName) {
    const name = asString(field(byName, 'serviceName')) ?? '';
    return {
      endpoints: NONE,
      external: [],
      label: `service ${namespace ?? '*'}/${name}`,
      service: { ...inNamespace(namespace), name },
    };
  }
  const selector = bySelector
    ? readCiliumSelector(scope.ctx, field(bySelector, 'selector'), `${at}.k8sServiceSelector.selector`)
    : undefined;
  if (!selector) {
    scope.ctx.report(
      'warning',
      node,
      undefined,
      at,
      'a toServices entry needs k8sService or k8sServiceSelector; it matches nothing',
    );
    return { endpoints: NONE, external: [], label: 'service (none)' };
  }
  const expr = selectorExpr(selector);
  const label = `services ${formatExpr(expr)}${namespace ? ` in namespace ${namespace}` : ''}`;
  return { endpoints: NONE, external: [], label, service: { ...inNamespace(namespace), selector: expr } };
}

export function inNamespace(namespace: string | undefined): { namespace?: string } {
  return namespace === undefined ? {} : { namespace };
}
