import type { Diagnostic } from '../../../src/engine/diagnostics.ts';
import { type Analysis, analyze } from '../../../src/engine/index.ts';
import { istioKind } from '../../../src/engine/kinds/istio/index.ts';
import type { ClusterModel, Workload } from '../../../src/engine/model/types.ts';
import {
  type ConnectionSet,
  formatConnectionSet,
  onlyDimensions,
} from '../../../src/engine/policy/connectionSet.ts';
import { parseIpv4 } from '../../../src/engine/policy/ipv4.ts';
import type { EndpointView } from '../../../src/engine/policy/peers.ts';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../../src/engine/settings.ts';

/** Runs the whole pipeline on manifests given as one source `test.yaml`. */
export function readIstio(
  text: string,
  settings: EngineSettings = DEFAULT_SETTINGS,
): { model: ClusterModel; diagnostics: readonly Diagnostic[]; analysis: Analysis } {
  const analysis = analyze([{ name: 'test.yaml', text }], { settings });
  return { model: analysis.model, diagnostics: analysis.model.diagnostics, analysis };
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
 * The engine's TCP verdict from `from` (a workload id or an IPv4 address) to workload `to`, as
 * text. In these fixtures no NetworkPolicy restricts TCP, so this is the mesh layer's verdict;
 * `not enforced` when `to` is outside the mesh.
 */
export function meshVerdict(analysis: Analysis, from: string, to: string): string {
  const set = meshSet(analysis, from, to);
  return set ? formatConnectionSet(set) : 'not enforced';
}

/** The TCP part of the engine's verdict; undefined when `to` is outside the mesh. */
export function meshSet(analysis: Analysis, from: string, to: string): ConnectionSet | undefined {
  const { model, reach, settings } = analysis;
  const target = model.workloads.find((w) => w.id === to);
  if (!target) throw new Error(`no workload ${to}`);
  if (!viewOf(model, target, settings).inMesh) return undefined;
  if (model.workloads.some((w) => w.id === from)) return onlyDimensions(reach.between(from, to), ['TCP']);
  const ip = parseIpv4(from);
  const index = reach.addressRanges.findIndex((r) => ip !== undefined && r.start <= ip && ip <= r.end);
  if (index < 0) throw new Error(`no external range holds ${from}`);
  return onlyDimensions(reach.fromExternal(index, to), ['TCP']);
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
