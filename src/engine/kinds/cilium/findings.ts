import type { ClusterModel, Workload } from '../../model/types.ts';
import { matchExpr } from '../../policy/expr.ts';
import type { EndpointView } from '../../policy/peers.ts';
import type { KindFinding } from '../plugin.ts';
import type { CiliumExtras } from './facts.ts';

/**
 * Cilium-specific findings: endpoint selectors that Cilium confines to the policy's namespace
 * and that therefore miss the pods they would match elsewhere; host policies (nodeSelector),
 * which are not evaluated; toFQDNs with no DNS rule anywhere that could teach Cilium the names'
 * addresses.
 */
export function ciliumFindings(model: ClusterModel): KindFinding[] {
  const extras = model.extras.cilium as CiliumExtras | undefined;
  if (!extras) return [];
  const findings: KindFinding[] = [];
  const views = model.workloads.filter((w) => !w.host).map((w) => ({ workload: w, view: viewOf(w, model) }));
  for (const scoped of extras.scopedSelectors) {
    const matches = views.filter(({ view }) => matchExpr(scoped.unscoped, view));
    if (matches.length === 0 || matches.some(({ workload }) => workload.namespace === scoped.namespace))
      continue;
    const elsewhere = [...new Set(matches.map(({ workload }) => workload.id))].slice(0, 3).join(', ');
    findings.push({
      severity: 'warning',
      code: 'cilium-selector-namespace-scoped',
      message: `${scoped.policyId}: the endpoint selector ${scoped.label} matches no pod of namespace ${scoped.namespace}, where Cilium confines it; it would match ${elsewhere} if it looked in every namespace`,
      fix: `add k8s:io.kubernetes.pod.namespace (or a k8s:io.cilium.k8s.namespace.labels.<key> label) to the selector to name the other namespace`,
      ref: scoped.ref,
    });
  }
  for (const host of extras.hostPolicies)
    findings.push({
      severity: 'info',
      code: 'cilium-host-policy',
      message: `${host.id} is a host policy (nodeSelector): nodes are not modelled, so it is not evaluated`,
      fix: 'check host traffic with Cilium itself (cilium-dbg policy get on the node)',
      ref: host.ref,
    });
  for (const rule of extras.fqdnRules) {
    const covered = extras.dnsRuleNamespaces.some((ns) => ns === '' || ns === rule.namespace);
    if (covered) continue;
    findings.push({
      severity: 'warning',
      code: 'cilium-fqdn-without-dns-rule',
      message: `${rule.policyId} allows ${rule.names.join(', ')} by name, but no Cilium policy here has a DNS rule (toPorts rules.dns), so Cilium may never learn the addresses and the traffic is dropped`,
      fix: 'add an egress rule to kube-dns on port 53 (UDP and TCP) with rules: {dns: [{matchPattern: "*"}]}',
      ref: rule.ref,
    });
  }
  return findings;
}

function viewOf(workload: Workload, model: ClusterModel): EndpointView {
  const namespace = model.namespaces.find((n) => n.name === workload.namespace);
  return {
    namespace: workload.namespace,
    namespaceLabels: namespace?.labels ?? { 'kubernetes.io/metadata.name': workload.namespace },
    labels: workload.labels,
    ports: workload.ports,
    serviceAccount: workload.serviceAccountName ?? 'default',
  };
}
