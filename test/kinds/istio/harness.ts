import type { Diagnostic } from '../../../src/engine/diagnostics.ts';
import { istioKind } from '../../../src/engine/kinds/istio/index.ts';
import type { ModelDraft } from '../../../src/engine/kinds/plugin.ts';
import type { CompiledPolicy, Tier } from '../../../src/engine/kinds/types.ts';
import { buildModel } from '../../../src/engine/model/buildModel.ts';
import { asRecord, asString, field, ObjectContext } from '../../../src/engine/model/objectContext.ts';
import type { ClusterModel, Workload } from '../../../src/engine/model/types.ts';
import { parseSources } from '../../../src/engine/parse/parseSources.ts';
import {
  type ConnectionSet,
  formatConnectionSet,
  intersect,
  NO_CONNECTIONS,
  portsOf,
  restrictTo,
  subtract,
  union,
} from '../../../src/engine/policy/connectionSet.ts';
import { matchExpr } from '../../../src/engine/policy/expr.ts';
import { parseIpv4 } from '../../../src/engine/policy/ipv4.ts';
import type { EndpointView } from '../../../src/engine/policy/peers.ts';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../../src/engine/settings.ts';

/**
 * Reads manifests the way buildModel will once the kind registry is wired: core objects through
 * buildModel, Istio objects through the Istio kind. Returns the model with the Istio policies,
 * tiers and extras, and every diagnostic.
 */
export function readIstio(
  text: string,
  settings: EngineSettings = DEFAULT_SETTINGS,
): { model: ClusterModel; diagnostics: Diagnostic[] } {
  const parsed = parseSources([{ name: 'test.yaml', text }]);
  const istioObjects = parsed.objects.filter((o) => isIstio(o.value));
  const base = buildModel(
    parsed.objects.filter((o) => !isIstio(o.value)),
    parsed.diagnostics,
  );
  const policies: CompiledPolicy[] = [];
  const tiers = new Map<string, Tier>();
  const extras: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [...base.diagnostics];
  const draft: ModelDraft = {
    addPolicy: (p) => policies.push(p),
    addTier: (t) => tiers.set(t.key, t),
    addWorkload: () => {},
    extras,
    diagnostics,
    settings,
  };
  for (const object of istioObjects) {
    const ctx = new ObjectContext(object, diagnostics);
    const value = object.value;
    const apiVersion = asString(field(value, 'apiVersion')) ?? '';
    const metadata = asRecord(field(value, 'metadata'));
    const namespace = asString(field(metadata, 'namespace'));
    istioKind.read(
      ctx,
      {
        apiVersion,
        group: apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '',
        kind: asString(field(value, 'kind')) ?? '',
        name: asString(field(metadata, 'name')) ?? '',
        ...(namespace ? { namespace } : {}),
      },
      draft,
    );
  }
  const model: ClusterModel = { ...base, policies, tiers: [...tiers.values()], extras, diagnostics };
  return { model, diagnostics };
}

function isIstio(value: Record<string, unknown>): boolean {
  const apiVersion = asString(field(value, 'apiVersion')) ?? '';
  const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
  return istioKind.reads(group, asString(field(value, 'kind')) ?? '');
}

/** The view a policy sees of a workload, with membership from the kind. */
export function viewOf(
  model: ClusterModel,
  w: Workload,
  settings: EngineSettings = DEFAULT_SETTINGS,
): EndpointView {
  const ns = model.namespaces.find((n) => n.name === w.namespace);
  return {
    namespace: w.namespace,
    namespaceLabels: ns?.labels ?? { 'kubernetes.io/metadata.name': w.namespace },
    labels: w.labels,
    ports: w.ports,
    serviceAccount: w.serviceAccountName || 'default',
    inMesh: istioKind.endpointFacts?.(w, ns, model, settings).inMesh ?? false,
  };
}

/**
 * The mesh layer's verdict on TCP from `from` (a workload id or an IPv4 address) to workload
 * `to`, folded as reach/ will fold it (tiers by order, rules in order, allow / deny / pass /
 * conditional, isolation at the end of a tier, default allow). `not enforced` when `to` is
 * outside the mesh.
 */
export function meshVerdict(
  model: ClusterModel,
  from: string,
  to: string,
  settings: EngineSettings = DEFAULT_SETTINGS,
): string {
  const set = meshSet(model, from, to, settings);
  return set ? formatConnectionSet(set) : 'not enforced';
}

/** The TCP connections the mesh layer lets through; undefined when `to` is outside the mesh. */
export function meshSet(
  model: ClusterModel,
  from: string,
  to: string,
  settings: EngineSettings = DEFAULT_SETTINGS,
): ConnectionSet | undefined {
  const target = model.workloads.find((w) => w.id === to);
  if (!target) throw new Error(`no workload ${to}`);
  const dest = viewOf(model, target, settings);
  if (!dest.inMesh) return undefined;
  const sourceWorkload = model.workloads.find((w) => w.id === from);
  const ip = sourceWorkload ? undefined : parseIpv4(from);
  const source = sourceWorkload ? viewOf(model, sourceWorkload, settings) : undefined;
  let undecided: ConnectionSet = portsOf('TCP');
  let allowed: ConnectionSet = NO_CONNECTIONS;
  const marks: { set: ConnectionSet; when: string }[] = [];
  for (const tier of [...model.tiers].filter((t) => t.layer === 'mesh').sort((a, b) => a.order - b.order)) {
    const policies = model.policies
      .filter((p) => p.tier === tier.key && p.ingress && matchExpr(p.subject, dest))
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    let passed: ConnectionSet = NO_CONNECTIONS;
    for (const policy of policies)
      for (const rule of policy.ingress?.rules ?? []) {
        const peerMatches =
          !rule.peers ||
          rule.peers.some((peer) =>
            source
              ? matchExpr(peer.endpoints, source)
              : peer.external.some((r) => ip !== undefined && r.start <= ip && ip <= r.end),
          );
        if (!peerMatches) continue;
        const ports = rule.ports.except
          ? subtract(rule.ports.fixed, rule.ports.except.fixed)
          : rule.ports.fixed;
        const m = intersect(undecided, ports);
        if (rule.action === 'allow' && !rule.condition) {
          allowed = union(allowed, m);
          undecided = subtract(undecided, m);
        } else if (rule.action === 'allow') allowed = union(allowed, restrictTo(m, rule.condition ?? ''));
        else if (rule.action === 'deny' && !rule.condition) undecided = subtract(undecided, m);
        else if (rule.action === 'deny') marks.push({ set: m, when: `not ${rule.condition}` });
        else if (rule.action === 'conditional') marks.push({ set: m, when: rule.condition ?? '' });
        else if (rule.action === 'pass') {
          passed = union(passed, m);
          undecided = subtract(undecided, m);
        }
      }
    if (tier.endAction === 'deny' && policies.some((p) => p.ingress?.isolates)) undecided = NO_CONNECTIONS;
    undecided = union(undecided, passed);
  }
  let result = union(allowed, undecided);
  for (const { set, when } of marks)
    result = union(subtract(result, set), restrictTo(intersect(result, set), when));
  return result;
}

/** A Deployment with a ServiceAccount, labels, TCP ports and optional pod template labels/annotations. */
export function workload(
  namespace: string,
  name: string,
  options: {
    sa?: string;
    labels?: Record<string, string>;
    ports?: number[];
    annotations?: Record<string, string>;
  } = {},
): string {
  const labels = { app: name, ...options.labels };
  const map = (m: Record<string, string>, indent: string) =>
    Object.entries(m)
      .map(([k, v]) => `${indent}${k}: "${v}"`)
      .join('\n');
  return `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels:
${map(labels, '        ')}
${options.annotations ? `      annotations:\n${map(options.annotations, '        ')}` : ''}
    spec:
${options.sa ? `      serviceAccountName: ${options.sa}` : ''}
      containers:
        - name: main
          image: example
          ports: [${(options.ports ?? [8080]).map((p) => `{containerPort: ${p}}`).join(', ')}]
`;
}

export function ns(name: string, labels: Record<string, string> = {}): string {
  const entries = Object.entries(labels).map(([k, v]) => `${k}: "${v}"`);
  return `---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: {${entries.join(', ')}}}
`;
}
