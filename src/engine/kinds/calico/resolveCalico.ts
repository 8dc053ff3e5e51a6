import type { ClusterModel, IpRange } from '../../model/types.ts';
import { matchExpr } from '../../policy/expr.ts';
import { subtractRanges } from '../../policy/ipv4.ts';
import type { EndpointView } from '../../policy/peers.ts';
import { mergeRanges } from '../../policy/ranges.ts';
import type { CompiledPolicy, CompiledRule } from '../types.ts';
import { resolveCalicoServices } from './resolveServices.ts';
import type { CalicoExtras } from './tiers.ts';

/**
 * What the Calico kind can only decide once every object is read (objects come in any order):
 * rules naming Services get the Service's endpoints, and rule selectors also match the nets of
 * the NetworkSets and GlobalNetworkSets they select. The kind's `resolve` step: policies of other
 * kinds come back unchanged.
 */
export function resolveCalico(policies: readonly CompiledPolicy[], model: ClusterModel): CompiledPolicy[] {
  const extras = model.extras.calico as CalicoExtras | undefined;
  if (!extras) return [...policies];
  const withServices = resolveCalicoServices(policies, model);
  return extras.networkSets.length ? withNetworkSets(withServices, extras, model) : withServices;
}

/** A network set as selectors see it: its labels, its namespace (none for global sets). */
function setView(set: CalicoExtras['networkSets'][number], model: ClusterModel): EndpointView {
  const ns = set.namespace === undefined ? undefined : model.namespaces.find((n) => n.name === set.namespace);
  return {
    namespace: set.namespace ?? '',
    namespaceLabels:
      set.namespace === undefined ? {} : (ns?.labels ?? { 'kubernetes.io/metadata.name': set.namespace }),
    labels: set.labels,
    ports: [],
    // global() and the namespace guard of namespaceSelector treat a global set like a host endpoint.
    ...(set.namespace === undefined ? { host: true } : {}),
  };
}

function withNetworkSets(
  policies: CompiledPolicy[],
  extras: CalicoExtras,
  model: ClusterModel,
): CompiledPolicy[] {
  const sets = extras.networkSets.map((set) => ({ set, view: setView(set, model) }));
  return policies.map((policy) => {
    const refs = extras.selectorPeers.filter(
      (r) => policy.id === r.policyId || policy.id.startsWith(`${r.policyId} #`),
    );
    if (refs.length === 0) return policy;
    const next: CompiledPolicy = { ...policy };
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = policy[direction];
      if (!rules) continue;
      next[direction] = {
        ...rules,
        rules: rules.rules.map((rule) => {
          const ref = refs.find((r) => r.direction === direction && r.ruleIndex === rule.index);
          return ref ? addSets(rule, sets, ref.negated) : rule;
        }),
      };
    }
    return next;
  });
}

function addSets(
  rule: CompiledRule,
  sets: readonly { set: CalicoExtras['networkSets'][number]; view: EndpointView }[],
  negated: boolean,
): CompiledRule {
  const peer = rule.peers?.[0];
  if (!peer) return rule;
  let external: IpRange[];
  if (negated) {
    // notSelector alone matches everything outside the cluster except the sets it selects.
    const excluded = sets
      .filter(({ view }) => !matchExpr(peer.endpoints, view))
      .flatMap(({ set }) => set.ranges);
    external = peer.external.flatMap((r) => subtractRanges(r, excluded));
  } else {
    const added = sets.filter(({ view }) => matchExpr(peer.endpoints, view)).flatMap(({ set }) => set.ranges);
    if (added.length === 0) return rule;
    external = mergeRanges([...peer.external, ...added].map((r) => [r.start, r.end] as const)).map(
      ([start, end]) => ({
        start,
        end,
      }),
    );
  }
  return { ...rule, peers: [{ ...peer, external }] };
}
