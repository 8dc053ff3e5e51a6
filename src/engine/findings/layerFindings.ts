import type { ClusterModel } from '../model/types.ts';
import {
  type ConnectionSet,
  formatRanges,
  intersect,
  isEmpty,
  NO_CONNECTIONS,
  subtract,
} from '../policy/connectionSet.ts';
import { mergeRanges } from '../policy/ranges.ts';
import { explainPair } from '../reach/explain.ts';
import { policyLabel } from '../reach/explainWords.ts';
import type { Reachability } from '../reach/reachability.ts';
import type { Finding } from './findings.ts';

/** At most this many pairs are reported: one line per pair, a long list helps nobody. */
const LIMIT = 50;

/**
 * Pairs where the network layer (NetworkPolicy, Calico, Cilium, the cluster tiers) and the mesh
 * layer (Istio) disagree about TCP: one lets a port through that the other blocks. Both sides are
 * named in the one finding, with the policies that decided each, so they read side by side.
 */
export function layerFindings(model: ClusterModel, reach: Reachability): Finding[] {
  const findings: Finding[] = [];
  const meshDestinations = model.workloads.filter((w) => reach.meshSide(w.id).mode !== 'open');
  if (meshDestinations.length === 0) return findings;
  for (const to of meshDestinations) {
    for (const from of model.workloads) {
      if (findings.length >= LIMIT) return findings;
      if (from === to) continue;
      const explanation = explainPair({ model, reach }, from.id, to.id);
      const mesh = explanation?.mesh;
      if (!explanation || !mesh) continue;
      if (!explanation.egress || !explanation.ingress) continue;
      // Only where both layers have a say: an open network side is not a disagreement.
      if (explanation.egress.isolatingPolicies.length + explanation.ingress.isolatingPolicies.length === 0)
        continue;
      // TCP ports allowed for at least some requests (L7 conditions count as allowed here).
      const tcp = (set: ConnectionSet): ConnectionSet => ({
        ...NO_CONNECTIONS,
        TCP: mergeRanges([
          ...set.TCP,
          ...(set.conditional ?? []).filter((c) => c.dimension === 'TCP').map((c) => c.range),
        ]),
      });
      const network = intersect(tcp(explanation.egress.allowed), tcp(explanation.ingress.allowed));
      const meshTcp = tcp(mesh.allowed);
      const networkOnly = subtract(network, meshTcp);
      const meshOnly = subtract(meshTcp, network);
      if (isEmpty(networkOnly) && isEmpty(meshOnly)) continue;
      const deciders = (side: typeof mesh) =>
        side.matches.map((m) => policyLabel(m.policy)).join(', ') ||
        `no rule of ${side.isolatingPolicies.map(policyLabel).join(', ')} matches`;
      const parts: string[] = [];
      if (!isEmpty(networkOnly))
        parts.push(
          `network policies let TCP ${formatRanges('TCP', networkOnly.TCP)} through, Istio blocks it (${deciders(mesh)})`,
        );
      if (!isEmpty(meshOnly))
        parts.push(
          `Istio allows TCP ${formatRanges('TCP', meshOnly.TCP)} (${deciders(mesh)}), network policies block it (${deciders(explanation.ingress)})`,
        );
      findings.push({
        kind: 'layers-disagree',
        severity: 'info',
        message: `${from.id} -> ${to.id}: ${parts.join('; ')}`,
        fix: 'Decide which layer should hold the rule and make the other agree, or the behaviour changes when either is removed.',
        ref: to.ref,
      });
    }
  }
  return findings;
}
