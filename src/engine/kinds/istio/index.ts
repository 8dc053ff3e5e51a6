import type { PolicyKind } from '../plugin.ts';
import { readAuthorizationPolicy } from './authorizationPolicy.ts';
import { istioFindings } from './findings.ts';
import { inMesh } from './membership.ts';
import { readPeerAuthentication } from './peerAuthentication.ts';
import { readRouting } from './readRouting.ts';
import { resolveServiceTargets } from './serviceTargets.ts';

const ROUTING: Readonly<Record<string, readonly string[]>> = {
  'networking.istio.io': ['Gateway', 'VirtualService', 'DestinationRule', 'ServiceEntry'],
  'gateway.networking.k8s.io': ['Gateway', 'HTTPRoute'],
};

/**
 * Istio: AuthorizationPolicy and PeerAuthentication compile into the mesh layer (TCP only, at the
 * destination, for workloads in the mesh); Gateways, routes, DestinationRules and ServiceEntries
 * are kept for the path through the mesh.
 */
export const istioKind: PolicyKind = {
  id: 'istio',
  label: 'Istio',
  reads(group, kind) {
    if (group === 'security.istio.io') return kind === 'AuthorizationPolicy' || kind === 'PeerAuthentication';
    return ROUTING[group]?.includes(kind) ?? false;
  },
  clusterScoped: () => false,
  read(ctx, object, draft) {
    if (object.kind === 'AuthorizationPolicy') readAuthorizationPolicy(ctx, object, draft);
    else if (object.kind === 'PeerAuthentication') readPeerAuthentication(ctx, object, draft);
    else readRouting(ctx, object, draft);
  },
  resolve: resolveServiceTargets,
  findings: (model, settings) => istioFindings(model, settings),
  endpointFacts(workload, namespace, model, settings) {
    return { inMesh: inMesh(workload, namespace, model, settings) };
  },
};

export { istioFindings } from './findings.ts';
export { meshPath } from './meshPath.ts';
export { resolveServiceTargets } from './serviceTargets.ts';
