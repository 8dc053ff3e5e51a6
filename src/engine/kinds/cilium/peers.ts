import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import type { Direction, IpRange } from '../../model/types.ts';
import { and, type Expr, formatExpr, NONE, not } from '../../policy/expr.ts';
import type { PeerSpec } from '../types.ts';
import { readCidrPeers } from './cidr.ts';
import { ENTITIES, isEntity } from './entities.ts';
import type { CiliumExtras, ServicePeer } from './facts.ts';
import {
  type CiliumSelector,
  foreignSources,
  namesNamespace,
  readCiliumSelector,
  readsNamespaceLabels,
  reservedKeys,
  selectorExpr,
} from './selector.ts';

/** Where a rule is read: its policy, namespace (undefined = clusterwide) and what to record. */
export interface RuleScope {
  ctx: ObjectContext;
  policyId: string;
  namespace?: string;
  extras: CiliumExtras;
  direction: Direction;
  ruleIndex: number;
}

/** The L3 fields of each direction, in the order their peers are listed. */
export const L3_FIELDS = {
  ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromNodes', 'fromGroups'],
  egress: [
    'toEndpoints',
    'toEntities',
    'toCIDR',
    'toCIDRSet',
    'toServices',
    'toFQDNs',
    'toNodes',
    'toGroups',
  ],
} as const;

/** What the L3 part of a rule selects: `undefined` peers = everyone; `invalid` drops the policy. */
export type L3Result = { peers?: PeerSpec[]; invalid?: true };

type ServiceRef = Pick<ServicePeer, 'namespace' | 'name' | 'selector'>;
type PeerInput = {
  endpoints: Expr;
  external: readonly IpRange[];
  label: string;
  note?: string;
  service?: ServiceRef;
};

/**
 * Reads the peers of one rule. No L3 field at all: every peer (`undefined`). A field given as an
 * empty list selects nothing, whatever else the rule says (Cilium: "explicitly empty non-nil
 * slices select no identity"). Otherwise the peers of every field, OR'ed.
 */
export function readPeers(
  scope: RuleScope,
  rule: Record<string, unknown>,
  path: string,
  fields: readonly string[],
): L3Result {
  const present = fields.filter((f) => field(rule, f) !== undefined && field(rule, f) !== null);
  if (present.length === 0) return {};
  const inputs: { input: PeerInput; node: unknown }[] = [];
  let empty = false;
  for (const name of present) {
    const list = asArray(field(rule, name));
    const at = `${path}.${name}`;
    if (!list) {
      scope.ctx.report('error', rule, name, at, `${name} must be a list`, true);
      return { invalid: true };
    }
    if (list.length === 0) empty = true;
    const read = readField(scope, name, list, at);
    if (!read) return { invalid: true };
    inputs.push(...read);
  }
  if (empty) return { peers: [] };
  return {
    peers: inputs.map(({ input: { service, ...input }, node }, index) => {
      if (service) {
        const { policyId, direction, ruleIndex } = scope;
        scope.extras.servicePeers.push({ ...service, policyId, direction, ruleIndex, peerIndex: index });
      }
      return { ...input, index, ref: scope.ctx.refOf(node) };
    }),
  };
}

function readField(
  scope: RuleScope,
  name: string,
  list: readonly unknown[],
  at: string,
): { input: PeerInput; node: unknown }[] | undefined {
  const { ctx } = scope;
  const out: { input: PeerInput; node: unknown }[] = [];
  const push = (input: PeerInput, node: unknown) => out.push({ input, node });
  switch (name) {
    case 'fromEndpoints':
    case 'toEndpoints':
      for (const [i, node] of list.entries()) {
        const input = endpointPeer(scope, node, `${at}[${i}]`);
        if (!input) return undefined;
        push(input, node);
      }
      return out;
    case 'fromEntities':
    case 'toEntities':
      for (const [i, node] of list.entries()) {
        const input = entityPeer(ctx, String(node), list, `${at}[${i}]`);
        if (!input) return undefined;
        push(input, list);
      }
      return out;
    case 'fromCIDR':
    case 'toCIDR':
    case 'fromCIDRSet':
    case 'toCIDRSet': {
      const peers = readCidrPeers(ctx, list, at, name.endsWith('Set'));
      return peers?.map(({ node, ...input }) => ({ input, node }));
    }
    case 'toServices':
      return list.map((node, i) => ({ input: servicePeer(scope, node, `${at}[${i}]`), node }));
    case 'toFQDNs': {
      const names = list.map(
        (node) =>
          asString(field(asRecord(node), 'matchName')) ??
          asString(field(asRecord(node), 'matchPattern')) ??
          '?',
      );
      scope.extras.fqdnRules.push({
        policyId: scope.policyId,
        ...inNamespace(scope.namespace),
        names,
        ref: ctx.refOf(list),
      });
      ctx.report(
        'info',
        list,
        undefined,
        at,
        `toFQDNs (${names.join(', ')}): Cilium learns these addresses from DNS answers at run time; Reachlab knows no IP for them, so this peer matches no address here`,
      );
      return names.map((n) => ({
        input: {
          endpoints: NONE,
          external: [],
          label: `FQDN ${n}`,
          note: 'a DNS name: its addresses are learnt at run time, not known here',
        },
        node: list,
      }));
    }
    default: {
      const what = name.endsWith('Nodes')
        ? 'nodes are not modelled'
        : 'cloud provider groups are not modelled';
      ctx.report('warning', list, undefined, at, `${name}: ${what}; this peer matches nothing here`);
      return list.map((node) => ({
        input: { endpoints: NONE, external: [], label: `${name} (not modelled)` },
        node,
      }));
    }
  }
}

/**
 * An endpoint selector peer with Cilium's namespace scoping: in a CiliumNetworkPolicy a selector
 * that names neither the namespace nor namespace labels matches only the policy's namespace; in a
 * clusterwide policy it matches Cilium-managed pods of every namespace (never a bare wildcard).
 */
function endpointPeer(scope: RuleScope, node: unknown, at: string): PeerInput | undefined {
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

function entityPeer(
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
function servicePeer(scope: RuleScope, node: unknown, at: string): PeerInput {
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

function inNamespace(namespace: string | undefined): { namespace?: string } {
  return namespace === undefined ? {} : { namespace };
}
