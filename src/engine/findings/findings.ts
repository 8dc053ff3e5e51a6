import type { SourceRef } from '../diagnostics.ts';
import { POLICY_KINDS } from '../kinds/registry.ts';
import type { ClusterModel } from '../model/types.ts';
import { parseIpv4 } from '../policy/ipv4.ts';
import { formatSelector, matchSelector } from '../policy/matchSelector.ts';
import { peerSelectsPod, policySelectsPod } from '../policy/peers.ts';
import { namespaceLabelMap, podViewOf } from '../reach/podViews.ts';
import { Reachability } from '../reach/reachability.ts';
import { dnsServers, withAssumedComponents } from '../routes/assumedComponents.ts';
import { serviceBackends } from '../routes/serviceBackends.ts';
import { type ClusterSettings, resolvePlugin } from '../routes/settings.ts';
import { layerFindings } from './layerFindings.ts';
import { PodsByLabel } from './podsByLabel.ts';
import { tierFindings } from './tierFindings.ts';

export type FindingKind =
  | 'service-selects-nothing'
  | 'target-port-missing'
  | 'ingress-backend-missing'
  | 'egress-without-dns'
  | 'policy-selects-nothing'
  | 'peer-matches-nothing'
  | 'ipblock-matches-pod-ip'
  | 'unprotected-workload'
  | 'host-network'
  | 'boolean-label'
  | 'rule-shadowed'
  | 'same-priority-overlap'
  | 'baseline-name'
  | 'pass-to-nothing'
  | 'unsupported-kind'
  | 'layers-disagree'
  | 'not-enforced';

export interface Finding {
  /** One of FindingKind, or a policy kind's own code (`cilium-...`, `calico-...`, `istio-...`). */
  kind: FindingKind | (string & {});
  severity: 'error' | 'warning' | 'info';
  /** What is wrong, naming the objects. */
  message: string;
  /** One line that says how to fix it. */
  fix: string;
  ref: SourceRef;
}

/**
 * Design problems that are not syntax errors: dangling Services and Ingresses, egress isolation
 * that forgot DNS, policies and selectors that select nothing, ipBlocks aimed at pods, workloads
 * left open beside protected ones, host-network pods, and label values YAML reads as booleans.
 * `evaluated` may pass an existing evaluation of `model` (or of it plus assumed components) to
 * save evaluating it again.
 */
export function findProblems(
  model: ClusterModel,
  settings: ClusterSettings,
  evaluated?: Reachability,
): Finding[] {
  const findings: Finding[] = [];
  const namespaceLabels = namespaceLabelMap(model);
  const views = new Map(model.workloads.map((w) => [w.id, podViewOf(w, namespaceLabels)]));

  for (const service of model.services) {
    if (!service.selector || service.type === 'ExternalName') continue;
    const backends = serviceBackends(service, model.workloads);
    if (backends.length === 0) {
      findings.push({
        kind: 'service-selects-nothing',
        severity: 'warning',
        message: `Service ${service.id} selects no pods (selector ${
          Object.entries(service.selector)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ') || 'empty'
        })`,
        fix: "Make the Service's selector match the pod template labels of the workload it fronts.",
        ref: service.ref,
      });
      continue;
    }
    for (const port of service.ports) {
      if (typeof port.targetPort === 'string') {
        const lacking = backends.filter(
          (b) => !b.ports.some((p) => p.name === port.targetPort && p.protocol === port.protocol),
        );
        if (lacking.length > 0) {
          findings.push({
            kind: 'target-port-missing',
            severity: 'error',
            message: `Service ${service.id} port ${port.port} targets the named port ${port.targetPort}, which ${lacking.map((b) => b.id).join(', ')} do${lacking.length === 1 ? 'es' : ''} not expose (${port.protocol})`,
            fix: `Name a container port ${port.targetPort} (${port.protocol}) in those pods, or point targetPort at a port they have.`,
            ref: service.ref,
          });
        }
      } else if (
        backends.every(
          (b) =>
            b.ports.length > 0 &&
            !b.ports.some((p) => p.port === port.targetPort && p.protocol === port.protocol),
        )
      ) {
        findings.push({
          kind: 'target-port-missing',
          severity: 'warning',
          message: `Service ${service.id} sends port ${port.port} to ${port.targetPort}/${port.protocol}, which none of its pods declare`,
          fix: 'Check targetPort against the containerPort the pods listen on (declare it in the pod spec).',
          ref: service.ref,
        });
      }
    }
  }

  for (const ingress of model.ingresses) {
    const backends = [
      ...ingress.rules.flatMap((r) => r.paths.map((p) => p.backend)),
      ...(ingress.defaultBackend ? [ingress.defaultBackend] : []),
    ];
    for (const backend of backends) {
      if (!backend.service) continue;
      const { name, port } = backend.service;
      const service = model.services.find((s) => s.namespace === ingress.namespace && s.name === name);
      if (!service) {
        findings.push({
          kind: 'ingress-backend-missing',
          severity: 'error',
          message: `Ingress ${ingress.id} routes to Service ${name}, which does not exist in namespace ${ingress.namespace}`,
          fix: `Create Service ${name} in ${ingress.namespace} or fix the backend's service name.`,
          ref: ingress.ref,
        });
      } else if (
        port !== '' &&
        !service.ports.some((p) => (typeof port === 'number' ? p.port === port : p.name === port))
      ) {
        findings.push({
          kind: 'ingress-backend-missing',
          severity: 'error',
          message: `Ingress ${ingress.id} routes to port ${port} of Service ${service.id}, which has no such port`,
          fix: `Use one of the Service's ports: ${service.ports.map((p) => p.name ?? p.port).join(', ')}.`,
          ref: ingress.ref,
        });
      }
    }
  }

  // DNS: does every egress-isolated workload reach kube-dns on UDP 53? With the input's own DNS
  // pods, ask an evaluation; with assumed ones (not in the model), check the isolating policies'
  // rules against them directly, which needs no second evaluation.
  const ownDns = dnsServers(model)[0];
  const reach = evaluated ?? Reachability.evaluate(model, settings);
  const assumedDns = ownDns
    ? undefined
    : dnsServers(withAssumedComponents(model, settings, { controller: false, dns: true }).model)[0];
  const dnsView = assumedDns ? podViewOf(assumedDns, namespaceLabels) : undefined;
  const dnsTarget = ownDns?.id ?? assumedDns?.id ?? 'kube-system/kube-dns';
  for (const workload of model.workloads) {
    if (!reach.isIsolated(workload.id, 'egress')) continue;
    let reachesDns: boolean;
    if (ownDns)
      reachesDns = reach.between(workload.id, ownDns.id).UDP.some(([lo, hi]) => lo <= 53 && 53 <= hi);
    else
      reachesDns =
        dnsView !== undefined &&
        reach.sideTowards(workload.id, 'egress', dnsView).UDP.some(([lo, hi]) => lo <= 53 && 53 <= hi);
    if (reachesDns) continue;
    findings.push({
      kind: 'egress-without-dns',
      severity: 'warning',
      message: `${workload.id} is isolated for egress and may not reach cluster DNS (UDP 53 to ${dnsTarget}): it cannot resolve any name`,
      fix: 'Add an egress rule to namespaceSelector kubernetes.io/metadata.name=kube-system AND podSelector k8s-app=kube-dns, ports UDP 53 and TCP 53.',
      ref: workload.ref,
    });
  }

  // Pods by namespace and label: a peer or policy only ever looks at the namespaces it names,
  // and only at the pods one of its required labels leaves.
  const pods = new PodsByLabel(views.values());
  const withAnyPod = new Set(pods.namespaces());
  const hasPodsWithIps = model.workloads.some((w) => w.podIPs.length > 0);
  for (const policy of model.networkPolicies) {
    if (
      !pods.candidates(policy.namespace, policy.podSelector).some((view) => policySelectsPod(policy, view))
    ) {
      findings.push({
        kind: 'policy-selects-nothing',
        severity: 'warning',
        message: `NetworkPolicy ${policy.id} selects no pods (podSelector ${formatSelector(policy.podSelector)} in namespace ${policy.namespace})`,
        fix: 'Fix its podSelector to match pod template labels, or remove the policy.',
        ref: policy.ref,
      });
    }
    for (const [direction, rules] of [
      ['ingress', policy.ingress] as const,
      ['egress', policy.egress] as const,
    ]) {
      for (const rule of rules) {
        for (const peer of rule.peers ?? []) {
          if (peer.kind === 'ipBlock') {
            if (!hasPodsWithIps) continue;
            const hits = model.workloads.filter((w) =>
              w.podIPs.some((ip) => {
                const value = parseIpv4(ip);
                return value !== undefined && peer.ranges.some((r) => r.start <= value && value <= r.end);
              }),
            );
            if (hits.length > 0) {
              findings.push({
                kind: 'ipblock-matches-pod-ip',
                severity: 'warning',
                message: `${policy.id} ${direction} rule ${rule.index + 1} uses ipBlock ${peer.cidr}, which contains pod IPs of ${hits.map((w) => w.id).join(', ')}; ipBlock is for traffic from outside the cluster and pod IPs change`,
                fix: 'Select those pods with podSelector/namespaceSelector instead of their IPs.',
                ref: peer.ref,
              });
            }
            continue;
          }
          const namespacesMatched = peer.namespaceSelector
            ? model.namespaces.filter(
                (n) =>
                  peer.namespaceSelector !== undefined && matchSelector(peer.namespaceSelector, n.labels),
              )
            : null;
          const label = `${policy.id} ${direction} rule ${rule.index + 1} peer ${peer.index + 1}`;
          if (namespacesMatched && namespacesMatched.length === 0) {
            findings.push({
              kind: 'peer-matches-nothing',
              severity: 'warning',
              message: `${label}: namespaceSelector ${formatSelector(peer.namespaceSelector ?? { matchLabels: {}, matchExpressions: [] })} matches no namespace`,
              fix: 'Label the intended namespace (namespace labels, not pod labels), or select it by kubernetes.io/metadata.name.',
              ref: peer.ref,
            });
          } else if (
            !(namespacesMatched?.map((n) => n.name) ?? [policy.namespace])
              .filter((name) => withAnyPod.has(name))
              .some((name) =>
                pods
                  .candidates(name, peer.podSelector)
                  .some((view) => peerSelectsPod(peer, policy.namespace, view)),
              )
          ) {
            findings.push({
              kind: 'peer-matches-nothing',
              severity: 'warning',
              message: `${label}: ${peer.podSelector ? `podSelector ${formatSelector(peer.podSelector)}` : 'this peer'} matches no pods${peer.namespaceSelector ? ' in the selected namespaces' : ` in namespace ${policy.namespace}`}`,
              fix: peer.namespaceSelector
                ? 'Check the pod labels, and that both selectors sit in one peer only if both must hold.'
                : "A podSelector alone looks in the policy's own namespace: add a namespaceSelector to reach pods elsewhere.",
              ref: peer.ref,
            });
          }
        }
      }
    }
  }

  // Protected: some policy of any kind and tier decides what reaches it (the fold is not open).
  const isolatedIngress = new Set(
    model.workloads
      .filter((w) => reach.side(w.id, 'ingress').mode !== 'open' || reach.meshSide(w.id).mode !== 'open')
      .map((w) => w.id),
  );
  for (const namespace of model.namespaces) {
    const members = model.workloads.filter((w) => w.namespace === namespace.name);
    const protectedOnes = members.filter((w) => isolatedIngress.has(w.id));
    if (protectedOnes.length === 0 || protectedOnes.length === members.length) continue;
    for (const workload of members.filter((w) => !isolatedIngress.has(w.id))) {
      findings.push({
        kind: 'unprotected-workload',
        severity: 'info',
        message: `${workload.id} accepts traffic from anywhere: no policy decides what reaches it, while ${protectedOnes.length} other workload${protectedOnes.length === 1 ? '' : 's'} in ${namespace.name} ${protectedOnes.length === 1 ? 'is' : 'are'} protected`,
        fix: `Add a default deny (podSelector: {}) in ${namespace.name}, or a policy for this workload.`,
        ref: workload.ref,
      });
    }
  }

  for (const workload of model.workloads) {
    if (!workload.hostNetwork) continue;
    findings.push({
      kind: 'host-network',
      severity: 'warning',
      message: `${workload.id} uses the host network: most network plugins do not apply NetworkPolicy to it, so its verdicts here may not hold`,
      fix: 'Avoid hostNetwork, or protect the node with host firewall rules.',
      ref: workload.ref,
    });
  }

  findings.push(...tierFindings(model, reach));
  findings.push(...layerFindings(model, reach));
  for (const kind of POLICY_KINDS)
    for (const finding of kind.findings?.(model, settings) ?? [])
      findings.push({
        kind: finding.code,
        severity: finding.severity,
        message: finding.message,
        fix: finding.fix,
        ref: finding.ref,
      });
  for (const policy of model.unsupported) {
    findings.push({
      kind: 'unsupported-kind',
      severity: 'warning',
      message: `${policy.kind} ${policy.id} (${policy.apiVersion}) is not evaluated: every verdict ignores it`,
      fix: 'Check its effect by hand, or remove it from the input to silence this warning.',
      ref: policy.ref,
    });
  }
  const plugin = resolvePlugin(settings, model);
  if (!plugin.plugin.enforces && model.policies.length > 0)
    findings.unshift({
      kind: 'not-enforced',
      severity: 'warning',
      message: `${plugin.plugin.label} does not enforce NetworkPolicy: the policies below are written but not enforced, so every connection is open`,
      fix: 'Run a network plugin that enforces policy (Calico, Cilium, ...) or change the cluster setting.',
      ref: model.policies[0]?.ref ?? { source: '', doc: 1, line: 1, endLine: 1 },
    });

  for (const diagnostic of model.diagnostics) {
    if (!/as a boolean|as a number|as a boolean and the API server/.test(diagnostic.message)) continue;
    findings.push({
      kind: 'boolean-label',
      severity: 'error',
      message: `${diagnostic.source} document ${diagnostic.doc}, ${diagnostic.path ?? ''}: ${diagnostic.message}`,
      fix: 'Quote the value ("yes", "true", "1.0").',
      ref: {
        source: diagnostic.source,
        doc: diagnostic.doc,
        line: diagnostic.line,
        endLine: diagnostic.line,
      },
    });
  }
  return findings;
}
