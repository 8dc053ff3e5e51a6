import type { ClusterModel, Workload } from '../../model/types.ts';
import { matchExpr } from '../../policy/expr.ts';
import type { EndpointView } from '../../policy/peers.ts';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../settings.ts';
import type { KindFinding } from '../plugin.ts';
import { type AuthorizationPolicyInfo, readIstioExtras } from './extras.ts';
import { patternShape } from './identity.ts';
import { inMesh, meshAssumed } from './membership.ts';

/**
 * Istio design problems: principals that name no workload's identity (with the one probably
 * meant), namespaces that do not exist, ALLOW policies on pods outside the mesh, DENY rules that
 * can never match, and the assumption that every pod is in the mesh when nothing says so.
 */
export function istioFindings(
  model: ClusterModel,
  settings: EngineSettings = DEFAULT_SETTINGS,
): KindFinding[] {
  const extras = readIstioExtras(model.extras);
  if (!extras) return [];
  const out: KindFinding[] = [];
  const compiledSubjects = new Map(model.policies.map((p) => [p.id, p.subject]));
  const namespaceNames = new Set([
    ...model.namespaces.map((n) => n.name),
    ...model.workloads.map((w) => w.namespace),
  ]);
  const identities = new Set(
    model.workloads.map((w) => `${w.namespace}/${w.serviceAccountName || 'default'}`),
  );
  for (const policy of extras.authorizationPolicies) {
    for (const { value, ref } of policy.principals) {
      const problem = principalProblem(value, settings.mesh.trustDomain, identities, model.workloads);
      if (problem)
        out.push({
          severity: 'warning',
          code: 'principal-matches-nothing',
          ref,
          ...problem,
          message: `${policy.id}: ${problem.message}${consequence(policy)}`,
        });
    }
    for (const { value, ref } of policy.namespaces) {
      if (patternShape(value).kind !== 'exact' || namespaceNames.has(value)) continue;
      out.push({
        severity: 'warning',
        code: 'namespace-missing',
        ref,
        message: `${policy.id}: namespace "${value}" does not exist in the manifests, so this source matches nobody`,
        fix: `correct the name (namespaces: ${[...namespaceNames].sort().join(', ')}) or create the namespace`,
      });
    }
    for (const { ref, why } of policy.neverMatches)
      out.push({
        severity: 'warning',
        code: 'deny-never-matches',
        ref,
        message: `${policy.id}: this DENY rule can never match: ${why}`,
        fix: 'fix the rule so it names traffic that exists, or delete it',
      });
    // The compiled subject, where a Service target has been resolved to the Service's pods.
    const subject = compiledSubjects.get(policy.id) ?? policy.subject;
    const selected = model.workloads.filter((w) => matchExpr(subject, viewOf(model, w, true)));
    if (selected.length === 0 && !policy.meshWide)
      out.push({
        severity: 'warning',
        code: 'policy-applies-to-nothing',
        ref: policy.ref,
        message: `${policy.id} applies to no workload: its selector or target matches no pod in the manifests`,
        fix: 'check the selector labels, or that the targeted Service or Gateway exists and selects pods',
      });
    if (policy.action === 'ALLOW') {
      const meshed = selected.filter((w) =>
        inMesh(
          w,
          model.namespaces.find((n) => n.name === w.namespace),
          model,
          settings,
        ),
      );
      if (selected.length > 0 && meshed.length === 0)
        out.push({
          severity: 'warning',
          code: 'allow-outside-mesh',
          ref: policy.ref,
          message: `${policy.id} selects ${selected.map((w) => w.id).join(', ')}, which ${selected.length === 1 ? 'is' : 'are'} not in the mesh: no sidecar enforces it, so it restricts nothing`,
          fix: `label the namespace istio-injection=enabled (or istio.io/dataplane-mode=ambient) and restart the pods`,
        });
    }
  }
  const first = extras.authorizationPolicies[0] ?? extras.peerAuthentications[0];
  if (first && meshAssumed(model, settings))
    out.push({
      severity: 'info',
      code: 'mesh-assumed',
      ref: first.ref,
      message:
        'No namespace or pod says whether Istio injects a sidecar, so every pod is assumed to be in the mesh',
      fix: 'label namespaces istio-injection=enabled (or set the mesh membership setting to "markers")',
    });
  return out;
}

function consequence(policy: AuthorizationPolicyInfo): string {
  return policy.action === 'ALLOW'
    ? '; the rule admits nobody, and if no other rule does, the ALLOW policy admits no TCP at all'
    : '';
}

const ACCOUNT_SEGMENT = /^([^/]+)\/ns\/([^/]+)\/([^/]+)\/([^/]+)$/;

function principalProblem(
  value: string,
  trustDomain: string,
  identities: ReadonlySet<string>,
  workloads: readonly Workload[],
): { message: string; fix: string } | undefined {
  if (value.includes('*')) return undefined;
  const text = value.startsWith('spiffe://') ? value.slice('spiffe://'.length) : value;
  const m = ACCOUNT_SEGMENT.exec(text);
  if (!m)
    return {
      message: `principal "${value}" is not of the form ${trustDomain}/ns/<namespace>/sa/<serviceaccount> and matches no workload`,
      fix: `write it as ${trustDomain}/ns/<namespace>/sa/<serviceaccount>`,
    };
  const [, domain, namespace, segment, account] = m as unknown as [string, string, string, string, string];
  const intended = `${trustDomain}/ns/${namespace}/sa/${account}`;
  if (segment !== 'sa' || text !== value)
    return {
      message: `principal "${value}" matches no workload: identities read ${trustDomain}/ns/<namespace>/sa/<serviceaccount>`,
      fix: `write ${intended}`,
    };
  if (domain !== trustDomain)
    return {
      message: `principal "${value}" is in trust domain ${domain}, but workloads here are in ${trustDomain}`,
      fix: `write ${intended} (or set the mesh trust domain to ${domain})`,
    };
  if (identities.has(`${namespace}/${account}`)) return undefined;
  const inNamespace = [
    ...new Set(
      workloads.filter((w) => w.namespace === namespace).map((w) => w.serviceAccountName || 'default'),
    ),
  ];
  const elsewhere = workloads.find((w) => (w.serviceAccountName || 'default') === account);
  const fix = elsewhere
    ? `write ${trustDomain}/ns/${elsewhere.namespace}/sa/${account} (ServiceAccount ${account} runs in namespace ${elsewhere.namespace})`
    : inNamespace.length > 0
      ? `use one of the ServiceAccounts that run in ${namespace}: ${inNamespace.join(', ')}`
      : `set serviceAccountName: ${account} on the client workload`;
  return { message: `principal "${value}" matches no ServiceAccount of any workload`, fix };
}

function viewOf(model: ClusterModel, w: Workload, meshed: boolean): EndpointView {
  const ns = model.namespaces.find((n) => n.name === w.namespace);
  return {
    namespace: w.namespace,
    namespaceLabels: ns?.labels ?? { 'kubernetes.io/metadata.name': w.namespace },
    labels: w.labels,
    ports: w.ports,
    serviceAccount: w.serviceAccountName || 'default',
    inMesh: meshed,
  };
}
