import {
  type ClusterModel,
  type Diagnostic,
  type Direction,
  type Finding,
  isAssumed,
  type Labels,
  type Reachability,
  routeLinks,
  type SourceRef,
  type Workload,
} from '../engine/index.ts';
import type { PairIndex } from './connections.ts';
import { movedWorkloads } from './diff.ts';
import { externalViews } from './externalViews.ts';
import {
  allowedPairsOf,
  type NamespaceTally,
  namespacePairsOf,
  retallyNamespacePairs,
  tallyNamespacePairs,
} from './namespacePairs.ts';
import { pairIndex } from './pairIndex.ts';

export type Verdict = 'allowed' | 'partial' | 'denied';

export interface WorkloadView {
  id: string;
  namespace: string;
  name: string;
  kind: string;
  replicas: number;
  labels: Labels;
  /** Labels as the manifests have them, before what-if edits. */
  baseLabels: Labels;
  ports: string[];
  hostNetwork: boolean;
  /** The ServiceAccount it runs as (`default` when none is named), after what-if edits. */
  serviceAccount: string;
  /** The ServiceAccount as the manifests have it. */
  baseServiceAccount: string;
  /** In the service mesh (a sidecar enforces mesh policies), after what-if edits. */
  inMesh: boolean;
  /** Not in the manifests: assumed by Reachlab (an ingress controller). */
  assumed: boolean;
  isolated: Record<Direction, boolean>;
  /** Policies that isolate it, per direction. */
  policies: Record<Direction, string[]>;
  ref: SourceRef;
}

export interface NamespaceView {
  name: string;
  labels: Labels;
  baseLabels: Labels;
  defined: boolean;
  ref?: SourceRef;
}

export interface PolicyView {
  id: string;
  /** Kind as written: NetworkPolicy, AdminNetworkPolicy, CiliumNetworkPolicy, ... */
  kind: string;
  /** Empty for cluster-scoped policies. */
  namespace: string;
  name: string;
  /** Its tier's words (`admin tier`) and its place in it (`priority 10`). */
  tier: string;
  detail?: string;
  ref: SourceRef;
  /** Whether the policy has rules (or isolation) for each direction. */
  affects: Record<Direction, boolean>;
  /** Lines of each rule, to highlight in the editor: `ingress[0]` -> line range. */
  rules: { direction: Direction; index: number; line: number; endLine: number }[];
}

/** A non-denied connection. `unrestricted`: no policy isolates either side. */
export interface ConnectionView {
  from: string;
  to: string;
  verdict: Exclude<Verdict, 'denied'>;
  ports: string;
  /** Short words for an arrow or a cell (`all except TCP`, `⚑ L7 TCP 80 only GET`). */
  label: string;
  /** Some of it is allowed only for some requests (an L7 rule, an external authorizer). */
  conditional: boolean;
  unrestricted: boolean;
}

/** External address ranges that share one verdict for every workload: one graph node. */
export interface ExternalGroup {
  id: string;
  label: string;
  ranges: string[];
}

export interface RouteView {
  id: string;
  kind: 'service' | 'ingress';
  namespace: string;
  name: string;
  detail: string;
  ref: SourceRef;
}

/** Everything the interface shows, computed off the main thread, plain data only. */
export interface Snapshot {
  namespaces: NamespaceView[];
  workloads: WorkloadView[];
  policies: PolicyView[];
  routes: RouteView[];
  routeLinks: { from: string; to: string; kind: 'service' | 'ingress' }[];
  /** DNS names (ExternalName) and addresses (endpoints) that Services lead to. */
  routeTargets: { id: string; label: string }[];
  /** Workload-to-workload verdicts, by pod class (see views/connections.ts). */
  pairs: PairIndex;
  /** Connections between namespaces (distinct workloads), for graphs drawn collapsed. */
  namespacePairs: { from: string; to: string; count: number; partial: boolean; unrestricted: boolean }[];
  /** IPv4 ranges (adjacent ranges with equal verdicts merged) for the matrix columns. */
  externalRanges: string[];
  /**
   * External verdicts: for the workload at position w and range r of `externalRanges`,
   * `inbound[w * externalRanges.length + r]` (range -> workload) and `outbound[...]` (workload ->
   * range) index `sets` (0: none). See externalConnectionsOf in views/connections.ts for a list.
   */
  external: { sets: PairIndex['sets']; inbound: Uint16Array; outbound: Uint16Array };
  externalGroups: ExternalGroup[];
  diagnostics: Diagnostic[];
  /** Design findings (see engine/findings), with a fix each. */
  findings: Finding[];
  /** What the evaluation assumed or ignored (a plugin that does not enforce, an assumed controller). */
  notes: string[];
  /** False when the network plugin ignores NetworkPolicy. */
  enforced: boolean;
  /** The network plugin in force (what `auto` resolved to) and why. */
  plugin: { id: string; label: string; enforces: boolean; reason: string };
  /** Policy objects of kinds Reachlab does not evaluate: the verdicts ignore them. */
  unsupported: { kind: string; apiVersion: string; id: string; ref: SourceRef }[];
  ignored: Record<string, number>;
  stats: {
    workloads: number;
    policies: number;
    classes: number;
    allowedPairs: number;
    /** Pairs of distinct workloads open only because no policy isolates either side. */
    unrestrictedPairs: number;
    evaluateMs: number;
    incremental: boolean;
  };
  /** What changed since the previous snapshot (filled by the worker for edits). */
  change: { opened: number; closed: number; changed: number; edges: string[] } | null;
}

export { verdictOf } from './pairIndex.ts';

/**
 * Builds the plain-data snapshot the interface renders: workloads with effective and original
 * labels, every non-denied connection with its verdict and ports, external ranges grouped by
 * verdict, policies with rule lines, routes and diagnostics.
 */
export function buildSnapshot(
  model: ClusterModel,
  baseModel: ClusterModel,
  reach: Reachability,
  evaluation: { evaluateMs: number; incremental: boolean },
  previous?: Snapshot,
): Snapshot {
  const baseWorkloads = new Map(baseModel.workloads.map((w) => [w.id, w]));
  const baseNamespaceLabels = new Map(baseModel.namespaces.map((n) => [n.name, n.labels]));
  const pairs = pairIndex(model, reach, previous?.pairs, evaluation.incremental);
  // After an incremental re-evaluation, a workload built from the same objects in the same class
  // keeps its view (and the page receives only the views that changed, see worker/delivery.ts).
  const reusable =
    evaluation.incremental && previous?.workloads.length === model.workloads.length ? previous : undefined;
  const workloads: WorkloadView[] = model.workloads.map((w, i) => {
    const base = baseWorkloads.get(w.id);
    const before = reusable?.workloads[i];
    const origin = before && builtFrom.get(before);
    if (
      before &&
      origin?.workload === w &&
      origin.base === base &&
      reusable?.pairs.engineClassOf[i] === pairs.engineClassOf[i]
    )
      return before;
    const view = workloadView(w, base, reach);
    builtFrom.set(view, { workload: w, base });
    return view;
  });
  const tally = namespaceTally({ workloads, pairs }, evaluation.incremental, previous);
  const external = externalViews(model, reach);
  const routes = routeLinks(model);
  const openOut = workloads.filter((w) => !w.isolated.egress);
  const openIn = new Set(workloads.filter((w) => !w.isolated.ingress).map((w) => w.id));
  const unrestrictedPairs = openOut.length * openIn.size - openOut.filter((w) => openIn.has(w.id)).length;

  // Views of what an edit of labels does not touch are the previous snapshot's (and are not sent
  // again, see worker/delivery.ts).
  const before = previous && modelOf.get(previous);
  const keep = <T>(value: T | undefined, same: boolean, build: () => T): T =>
    before && same && value !== undefined ? value : build();
  const snapshot: Snapshot = {
    namespaces: keep(
      previous?.namespaces,
      !!before &&
        sameItems(before.model.namespaces, model.namespaces) &&
        sameItems(before.base.namespaces, baseModel.namespaces),
      () =>
        model.namespaces.map((n) => {
          const view: NamespaceView = {
            name: n.name,
            labels: n.labels,
            baseLabels: baseNamespaceLabels.get(n.name) ?? n.labels,
            defined: n.defined,
          };
          if (n.ref) view.ref = n.ref;
          return view;
        }),
    ),
    workloads,
    policies: keep(
      previous?.policies,
      !!before &&
        sameItems(before.model.policies, model.policies) &&
        sameItems(before.model.tiers, model.tiers),
      () => policyViews(model),
    ),
    routes: keep(
      previous?.routes,
      !!before &&
        sameItems(before.model.services, model.services) &&
        sameItems(before.model.ingresses, model.ingresses),
      () => routeViews(model),
    ),
    routeLinks: routes.links,
    routeTargets: routes.externals,
    pairs,
    namespacePairs: namespacePairsOf(tally),
    change: null,
    ...external,
    diagnostics: keep(
      previous?.diagnostics,
      !!before && sameItems(before.model.diagnostics, model.diagnostics),
      () => [...model.diagnostics],
    ),
    findings: [],
    notes: [],
    enforced: true,
    plugin: { id: 'enforcing', label: '', enforces: true, reason: '' },
    unsupported: keep(
      previous?.unsupported,
      !!before && sameItems(before.model.unsupported, model.unsupported),
      () => model.unsupported.map((u) => ({ kind: u.kind, apiVersion: u.apiVersion, id: u.id, ref: u.ref })),
    ),
    ignored: { ...model.ignored },
    stats: {
      workloads: workloads.length,
      policies: model.policies.length,
      classes: reach.classCount,
      allowedPairs: allowedPairsOf(tally),
      unrestrictedPairs,
      evaluateMs: evaluation.evaluateMs,
      incremental: evaluation.incremental,
    },
  };
  tallies.set(snapshot, tally);
  modelOf.set(snapshot, { model, base: baseModel });
  return snapshot;
}

/** The models each snapshot was built from (in the worker): what the next one may reuse. */
const modelOf = new WeakMap<Snapshot, { model: ClusterModel; base: ClusterModel }>();

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((item, i) => item === b[i]));
}

function policyViews(model: ClusterModel): PolicyView[] {
  return model.policies.map((p) => {
    const view: PolicyView = {
      id: p.id,
      kind: p.kind,
      namespace: p.namespace ?? '',
      name: p.name,
      tier: model.tiers.find((t) => t.key === p.tier)?.label ?? p.tier,
      ref: p.ref,
      affects: { ingress: p.ingress !== undefined, egress: p.egress !== undefined },
      rules: (['ingress', 'egress'] as const).flatMap((direction) =>
        (p[direction]?.rules ?? []).map((r) => ({
          direction,
          index: r.index,
          line: r.ref.line,
          endLine: r.ref.endLine,
        })),
      ),
    };
    if (p.detail) view.detail = p.detail;
    return view;
  });
}

function routeViews(model: ClusterModel): RouteView[] {
  return [
    ...model.services.map((s) => ({
      id: `svc:${s.id}`,
      kind: 'service' as const,
      namespace: s.namespace,
      name: s.name,
      detail:
        `${s.type}${s.headless ? ' (headless)' : ''} ${s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}->${p.targetPort}/${p.protocol}`).join(', ')}`.trim(),
      ref: s.ref,
    })),
    ...model.ingresses.map((i) => ({
      id: `ing:${i.id}`,
      kind: 'ingress' as const,
      namespace: i.namespace,
      name: i.name,
      detail: i.rules.map((r) => `${r.host ?? '*'}${r.paths.map((p) => p.path).join(',')}`).join(' '),
      ref: i.ref,
    })),
  ];
}

/** Each snapshot's namespace tally (kept in the worker, never sent): the next edit's start. */
const tallies = new WeakMap<Snapshot, NamespaceTally>();

/**
 * The namespace tally of a new snapshot: after an incremental re-evaluation of the same workloads,
 * the previous tally with the moved workloads' pairs redone; otherwise every pair.
 */
function namespaceTally(
  current: Pick<Snapshot, 'workloads' | 'pairs'>,
  incremental: boolean,
  previous: Snapshot | undefined,
): NamespaceTally {
  const before = previous && tallies.get(previous);
  const moved = before && previous && movedWorkloads(previous, current, incremental);
  if (!before || !previous || !moved) return tallyNamespacePairs(current);
  return retallyNamespacePairs(before, previous, current, moved);
}

/** The model objects a workload view was built from (reused while they and its class stay). */
const builtFrom = new WeakMap<WorkloadView, { workload: Workload; base: Workload | undefined }>();

function workloadView(w: Workload, base: Workload | undefined, reach: Reachability): WorkloadView {
  return {
    id: w.id,
    namespace: w.namespace,
    name: w.name,
    kind: w.kind,
    replicas: w.replicas,
    labels: w.labels,
    baseLabels: base?.labels ?? w.labels,
    ports: w.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`),
    hostNetwork: w.hostNetwork,
    serviceAccount: w.serviceAccountName ?? 'default',
    baseServiceAccount: (base ?? w).serviceAccountName ?? 'default',
    inMesh: reach.endpointView(w.id)?.inMesh === true,
    assumed: isAssumed(w),
    isolated: { ingress: reach.isIsolated(w.id, 'ingress'), egress: reach.isIsolated(w.id, 'egress') },
    policies: {
      ingress: reach.isolatingPolicies(w.id, 'ingress').map((p) => p.id),
      egress: reach.isolatingPolicies(w.id, 'egress').map((p) => p.id),
    },
    ref: w.ref,
  };
}
