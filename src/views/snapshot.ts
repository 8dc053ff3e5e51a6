import {
  ALL_ID,
  type ClusterModel,
  type ConnectionSet,
  type Diagnostic,
  type Direction,
  type Finding,
  formatConnectionSet,
  formatRangeShort,
  type IpRange,
  isAll,
  isAssumed,
  isEmpty,
  type Labels,
  NONE_ID,
  type Reachability,
  routeLinks,
  type SourceRef,
} from '../engine/index.ts';
import { connectionLabel } from './connectionLabel.ts';
import { classPairSet, type PairIndex } from './connections.ts';

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
  /** External verdicts: from is a range (or to is a range), as in `connections`. */
  externalConnections: ConnectionView[];
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

export function verdictOf(set: ConnectionSet): Verdict {
  return isEmpty(set) ? 'denied' : isAll(set) ? 'allowed' : 'partial';
}

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
): Snapshot {
  const baseWorkloadLabels = new Map(baseModel.workloads.map((w) => [w.id, w.labels]));
  const baseNamespaceLabels = new Map(baseModel.namespaces.map((n) => [n.name, n.labels]));
  const baseAccounts = new Map(baseModel.workloads.map((w) => [w.id, w.serviceAccountName ?? 'default']));
  const workloads: WorkloadView[] = model.workloads.map((w) => ({
    id: w.id,
    namespace: w.namespace,
    name: w.name,
    kind: w.kind,
    replicas: w.replicas,
    labels: w.labels,
    baseLabels: baseWorkloadLabels.get(w.id) ?? w.labels,
    ports: w.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`),
    hostNetwork: w.hostNetwork,
    serviceAccount: w.serviceAccountName ?? 'default',
    baseServiceAccount: baseAccounts.get(w.id) ?? w.serviceAccountName ?? 'default',
    inMesh: reach.endpointView(w.id)?.inMesh === true,
    assumed: isAssumed(w),
    isolated: { ingress: reach.isIsolated(w.id, 'ingress'), egress: reach.isIsolated(w.id, 'egress') },
    policies: {
      ingress: reach.isolatingPolicies(w.id, 'ingress').map((p) => p.id),
      egress: reach.isolatingPolicies(w.id, 'egress').map((p) => p.id),
    },
    ref: w.ref,
  }));
  const isolatedAny = new Map(workloads.map((w) => [w.id, w.isolated]));

  const pairs = pairIndex(model, reach);
  const external = externalViews(model, reach, isolatedAny);
  const routes = routeLinks(model);
  const openOut = workloads.filter((w) => !w.isolated.egress);
  const openIn = new Set(workloads.filter((w) => !w.isolated.ingress).map((w) => w.id));
  const unrestrictedPairs = openOut.length * openIn.size - openOut.filter((w) => openIn.has(w.id)).length;

  return {
    namespaces: model.namespaces.map((n) => {
      const view: NamespaceView = {
        name: n.name,
        labels: n.labels,
        baseLabels: baseNamespaceLabels.get(n.name) ?? n.labels,
        defined: n.defined,
      };
      if (n.ref) view.ref = n.ref;
      return view;
    }),
    workloads,
    policies: model.policies.map((p) => {
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
    }),
    routes: [
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
    ],
    routeLinks: routes.links,
    routeTargets: routes.externals,
    pairs,
    namespacePairs: namespacePairsOf(workloads, pairs),
    change: null,
    ...external,
    diagnostics: [...model.diagnostics],
    findings: [],
    notes: [],
    enforced: true,
    plugin: { id: 'enforcing', label: '', enforces: true, reason: '' },
    unsupported: model.unsupported.map((u) => ({
      kind: u.kind,
      apiVersion: u.apiVersion,
      id: u.id,
      ref: u.ref,
    })),
    ignored: { ...model.ignored },
    stats: {
      workloads: workloads.length,
      policies: model.policies.length,
      classes: reach.classCount,
      allowedPairs: reach.countAllowedPairs(),
      unrestrictedPairs,
      evaluateMs: evaluation.evaluateMs,
      incremental: evaluation.incremental,
    },
  };
}

function externalViews(
  model: ClusterModel,
  reach: Reachability,
  isolated: Map<string, Record<Direction, boolean>>,
): Pick<Snapshot, 'externalRanges' | 'externalConnections' | 'externalGroups'> {
  // Signature of a range: the verdict ids of every workload in both directions.
  const ids = model.workloads.map((w) => reach.externalIds(w.id));
  const signature = (r: number) => ids.map((pair) => `${pair?.[0][r] ?? 0}.${pair?.[1][r] ?? 0}`).join(',');
  const merged: { range: IpRange; signature: string }[] = [];
  for (const [r, range] of reach.addressRanges.entries()) {
    const sig = signature(r);
    const last = merged[merged.length - 1];
    if (last && last.signature === sig) last.range = { start: last.range.start, end: range.end };
    else merged.push({ range: { ...range }, signature: sig });
  }
  const representative = new Map<string, number>();
  for (const [r] of reach.addressRanges.entries()) {
    const sig = signature(r);
    if (!representative.has(sig)) representative.set(sig, r);
  }
  const externalRanges = merged.map((m) => formatRangeShort(m.range));
  const externalConnections: ConnectionView[] = [];
  // Few distinct sets: their words are made once each.
  const words = new Map<
    number,
    Pick<ConnectionView, 'verdict' | 'ports'> & ReturnType<typeof connectionLabel>
  >();
  const wordsOf = (id: number) => {
    let entry = words.get(id);
    if (!entry) {
      const set = reach.table.get(id);
      entry = {
        verdict: verdictOf(set) as ConnectionView['verdict'],
        ports: formatConnectionSet(set),
        ...connectionLabel(set),
      };
      words.set(id, entry);
    }
    return entry;
  };
  for (const [i, m] of merged.entries()) {
    const r = representative.get(m.signature) ?? 0;
    const name = externalRanges[i] as string;
    for (const [k, w] of model.workloads.entries()) {
      const inbound = ids[k]?.[0][r] ?? 0;
      const outbound = ids[k]?.[1][r] ?? 0;
      if (inbound !== 0 && !isEmpty(reach.table.get(inbound)))
        externalConnections.push({
          from: name,
          to: w.id,
          ...wordsOf(inbound),
          unrestricted: !isolated.get(w.id)?.ingress,
        });
      if (outbound !== 0 && !isEmpty(reach.table.get(outbound)))
        externalConnections.push({
          from: w.id,
          to: name,
          ...wordsOf(outbound),
          unrestricted: !isolated.get(w.id)?.egress,
        });
    }
  }
  // Graph nodes: ranges with the same verdicts everywhere form one node; the largest is "Internet".
  const groups = new Map<string, { ranges: string[]; size: number }>();
  for (const [i, m] of merged.entries()) {
    const group = groups.get(m.signature) ?? { ranges: [], size: 0 };
    group.ranges.push(externalRanges[i] as string);
    group.size += m.range.end - m.range.start + 1;
    groups.set(m.signature, group);
  }
  const largest = Math.max(...[...groups.values()].map((g) => g.size));
  const externalGroups = [...groups.values()].map((g) => ({
    id: `ext:${g.ranges.join(',')}`,
    label:
      g.size === largest
        ? g.ranges.length === 1 && g.ranges[0] === '0.0.0.0/0'
          ? 'Internet'
          : 'Internet (other addresses)'
        : g.ranges.join(', '),
    ranges: g.ranges,
  }));
  return { externalRanges, externalConnections, externalGroups };
}

/**
 * The evaluation's verdicts for the classes workloads use, in the engine's factored form: group
 * vectors re-indexed to the distinct side verdicts, and their intersections as set indexes.
 */
function pairIndex(model: ClusterModel, reach: Reachability): PairIndex {
  const compact = new Map<number, number>();
  const representative: number[] = [];
  const classOf = new Uint32Array(model.workloads.length);
  const engineClassOf = new Uint32Array(model.workloads.length);
  for (const [i, w] of model.workloads.entries()) {
    const c = reach.classOf(w.id) ?? 0;
    engineClassOf[i] = c;
    let index = compact.get(c);
    if (index === undefined) {
      index = compact.size;
      compact.set(c, index);
      representative.push(c);
    }
    classOf[i] = index;
  }
  const classCount = compact.size;
  const factors = reach.factors();
  const side = (vectors: readonly (Uint32Array | null)[], groupOf: (c: number) => number) => {
    const groups = new Map<number, number>();
    const groupOfClass = new Uint32Array(classCount);
    for (const [a, c] of representative.entries()) {
      const g = groupOf(c);
      let index = groups.get(g);
      if (index === undefined) {
        index = groups.size;
        groups.set(g, index);
      }
      groupOfClass[a] = index;
    }
    const kinds = new Map<number, number>();
    const kindIds: number[] = [];
    const flat = new Uint32Array(groups.size * classCount);
    for (const [g, index] of groups) {
      const vector = vectors[g];
      for (const [b, c] of representative.entries()) {
        const id = vector ? (vector[c] as number) : ALL_ID;
        let kind = kinds.get(id);
        if (kind === undefined) {
          kind = kindIds.length;
          kinds.set(id, kind);
          kindIds.push(id);
        }
        flat[index * classCount + b] = kind;
      }
    }
    return { groupOfClass, kindIds, vector: kindIds.length < 65536 ? Uint16Array.from(flat) : flat };
  };
  const egress = side(factors.egress, factors.egressGroup);
  const ingress = side(factors.ingress, factors.ingressGroup);
  const setIndex = new Map<number, number>([[NONE_ID, 0]]);
  const sets: PairIndex['sets'] = [{ ports: 'none', verdict: 'denied', label: 'none', conditional: false }];
  const combine = new Uint32Array(egress.kindIds.length * ingress.kindIds.length);
  for (const [e, out] of egress.kindIds.entries()) {
    for (const [i, into] of ingress.kindIds.entries()) {
      const id = reach.table.intersect(out, into);
      let index = setIndex.get(id);
      if (index === undefined) {
        const set = reach.table.get(id);
        index = sets.length;
        sets.push({ ports: formatConnectionSet(set), verdict: verdictOf(set), ...connectionLabel(set) });
        setIndex.set(id, index);
      }
      combine[e * ingress.kindIds.length + i] = index;
    }
  }
  return {
    classOf,
    engineClassOf,
    classCount,
    egressGroupOf: egress.groupOfClass,
    ingressGroupOf: ingress.groupOfClass,
    egress: egress.vector,
    ingress: ingress.vector,
    ingressKinds: ingress.kindIds.length,
    combine,
    sets,
  };
}

/** Per pair of namespaces: how many workload pairs connect, any on some ports only, all unrestricted. */
function namespacePairsOf(workloads: readonly WorkloadView[], pairs: PairIndex): Snapshot['namespacePairs'] {
  const names = [...new Set(workloads.map((w) => w.namespace))];
  const nsIndex = new Map(names.map((n, i) => [n, i]));
  const k = names.length;
  const count = new Uint32Array(k * k);
  const partial = new Uint8Array(k * k);
  const restricted = new Uint8Array(k * k);
  const nsOf = workloads.map((w) => nsIndex.get(w.namespace) as number);
  const { classOf, sets } = pairs;
  for (let i = 0; i < workloads.length; i++) {
    const base = (nsOf[i] as number) * k;
    const openOut = !workloads[i]?.isolated.egress;
    for (let j = 0; j < workloads.length; j++) {
      if (i === j) continue;
      const set = classPairSet(pairs, classOf[i] as number, classOf[j] as number);
      if (set === 0) continue;
      const cell = base + (nsOf[j] as number);
      count[cell] = (count[cell] as number) + 1;
      if (sets[set]?.verdict === 'partial') partial[cell] = 1;
      if (!openOut || workloads[j]?.isolated.ingress) restricted[cell] = 1;
    }
  }
  const out: Snapshot['namespacePairs'] = [];
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const cell = a * k + b;
      if (count[cell] === 0) continue;
      out.push({
        from: names[a] as string,
        to: names[b] as string,
        count: count[cell] as number,
        partial: partial[cell] === 1,
        unrestricted: restricted[cell] === 0,
      });
    }
  }
  return out;
}
