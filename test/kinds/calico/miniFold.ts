/**
 * A small reading of the seam's fold contract (docs in the kinds brief: tiers in order, policies
 * by (order, name), first match decides, pass to the next tier, end action for isolated
 * endpoints, default allow), so the Calico compiler's output is checked on verdicts, and every
 * verdict is compared with the engine's fold. An allow with a condition allows only conditionally.
 */

import { type Analysis, analyze } from '../../../src/engine/analyze.ts';
import type { Diagnostic } from '../../../src/engine/diagnostics.ts';
import { calicoKind } from '../../../src/engine/kinds/calico/calicoKind.ts';
import type { ModelDraft } from '../../../src/engine/kinds/plugin.ts';
import {
  type CompiledPolicy,
  DEFAULT_TIER,
  type PortSpec,
  type Tier,
} from '../../../src/engine/kinds/types.ts';
import { buildModel } from '../../../src/engine/model/buildModel.ts';
import { asRecord, asString, field, ObjectContext } from '../../../src/engine/model/objectContext.ts';
import type {
  ClusterModel,
  ContainerPort,
  Direction,
  IpRange,
  Workload,
} from '../../../src/engine/model/types.ts';
import { parseSources } from '../../../src/engine/parse/parseSources.ts';
import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  connectionKey,
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

export interface CalicoWorld {
  /** The YAML read, so verdicts can be checked against the engine's own fold. */
  text: string;
  policies: CompiledPolicy[];
  tiers: Tier[];
  workloads: Workload[];
  diagnostics: Diagnostic[];
  model: ClusterModel;
  extras: Record<string, unknown>;
  view(id: string): EndpointView;
}

/** Reads YAML: Kubernetes objects through buildModel, Calico objects through the Calico kind. */
export function readWorld(text: string): CalicoWorld {
  const parsed = parseSources([{ name: 'test.yaml', text }]);
  const core = parsed.objects.filter(
    (o) => !String(field(o.value, 'apiVersion')).includes('projectcalico.org'),
  );
  const model = buildModel(core, parsed.diagnostics);
  const policies: CompiledPolicy[] = [];
  const tiers = new Map<string, Tier>([[DEFAULT_TIER.key, DEFAULT_TIER]]);
  const workloads: Workload[] = [...model.workloads];
  const diagnostics: Diagnostic[] = [...model.diagnostics];
  const draft: ModelDraft = {
    addPolicy: (p) => policies.push(p),
    addTier: (t) => tiers.set(t.key, t),
    addWorkload: (w) => {
      const at = workloads.findIndex((x) => x.id === w.id);
      if (at >= 0) workloads[at] = w;
      else workloads.push(w);
    },
    extras: {},
    diagnostics,
  };
  for (const object of parsed.objects) {
    const apiVersion = String(field(object.value, 'apiVersion'));
    const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
    const kind = String(field(object.value, 'kind'));
    if (!calicoKind.reads(group, kind)) continue;
    const metadata = asRecord(field(object.value, 'metadata'));
    const namespace = calicoKind.clusterScoped(kind)
      ? undefined
      : (asString(field(metadata, 'namespace')) ?? 'default');
    const name = asString(field(metadata, 'name')) ?? '';
    calicoKind.read(
      new ObjectContext(object, diagnostics),
      { apiVersion, group, kind, name, ...(namespace ? { namespace } : {}) },
      draft,
    );
  }
  const view = (id: string): EndpointView => {
    const w = world.workloads.find((x) => x.id === id);
    if (!w) throw new Error(`no endpoint ${id}; have ${world.workloads.map((x) => x.id).join(', ')}`);
    const ns = model.namespaces.find((n) => n.name === w.namespace);
    const sa = model.serviceAccounts?.find(
      (s) => s.namespace === w.namespace && s.name === (w.serviceAccountName ?? 'default'),
    );
    return {
      namespace: w.namespace,
      namespaceLabels: w.host ? {} : (ns?.labels ?? { 'kubernetes.io/metadata.name': w.namespace }),
      labels: w.labels,
      ports: w.ports,
      ...(w.host ? { host: true } : { serviceAccount: w.serviceAccountName ?? 'default' }),
      ...(sa ? { serviceAccountLabels: sa.labels } : {}),
      ...(w.profiles ? { profiles: w.profiles } : {}),
      ips: w.podIPs.map((ip) => parseIpv4(ip)).filter((n): n is number => n !== undefined),
    };
  };
  const world: CalicoWorld = {
    text,
    policies,
    tiers: [...tiers.values()],
    workloads,
    diagnostics,
    model,
    extras: draft.extras,
    view,
  };
  return world;
}

type Other = { view: EndpointView } | { range: IpRange };

function resolvePorts(
  spec: PortSpec['fixed'],
  named: PortSpec['named'],
  ports: readonly ContainerPort[] | undefined,
) {
  let set = spec;
  for (const n of named)
    for (const p of ports ?? [])
      if (p.name === n.name && (!n.protocol || n.protocol === p.protocol))
        set = union(set, portsOf(p.protocol, p.port));
  return set;
}

/** What one endpoint's policies allow in one direction towards/from `other`. */
export function foldDirection(
  world: CalicoWorld,
  self: EndpointView,
  other: Other,
  direction: Direction,
): ConnectionSet {
  const destinationPorts =
    direction === 'ingress' ? self.ports : 'view' in other ? other.view.ports : undefined;
  let undecided = ALL_CONNECTIONS;
  let allowed = NO_CONNECTIONS;
  const tiers = [...world.tiers].filter((t) => t.layer === 'network').sort((a, b) => a.order - b.order);
  for (const tier of tiers) {
    const policies = world.policies
      .filter((p) => p.tier === tier.key && p[direction] && matchExpr(p.subject, self))
      .sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let passed = NO_CONNECTIONS;
    let isolated = false;
    for (const policy of policies) {
      const rules = policy[direction];
      if (!rules) continue;
      if (rules.isolates) isolated = true;
      for (const rule of rules.rules) {
        const matches =
          !rule.peers ||
          rule.peers.some((peer) =>
            'view' in other
              ? matchExpr(peer.endpoints, other.view)
              : peer.external.some((r) => r.start <= other.range.start && other.range.end <= r.end),
          );
        if (!matches) continue;
        let ports = resolvePorts(rule.ports.fixed, rule.ports.named, destinationPorts);
        if (rule.ports.except)
          ports = subtract(
            ports,
            resolvePorts(rule.ports.except.fixed, rule.ports.except.named, destinationPorts),
          );
        const m = intersect(undecided, ports);
        if (rule.action === 'allow' && rule.condition) {
          // Allowed only for the requests the condition names; later rules decide the rest.
          allowed = union(allowed, restrictTo(m, rule.condition));
        } else if (rule.action === 'allow') {
          allowed = union(allowed, m);
          undecided = subtract(undecided, m);
        } else if (rule.action === 'deny') undecided = subtract(undecided, m);
        else if (rule.action === 'pass') {
          passed = union(passed, m);
          undecided = subtract(undecided, m);
        }
      }
    }
    if (isolated && tier.endAction === 'deny') undecided = NO_CONNECTIONS;
    undecided = union(undecided, passed);
  }
  return union(allowed, undecided);
}

const analyses = new Map<string, Analysis>();

/**
 * The verdict from one endpoint to another: egress at the source ∩ ingress at the destination.
 * Every verdict is also asked of the engine (analyze: buildModel with the kinds, the one fold),
 * and a disagreement fails the test, so these tables check the engine too.
 */
export function between(world: CalicoWorld, from: string, to: string): ConnectionSet {
  const source = world.view(from);
  const destination = world.view(to);
  const verdict = intersect(
    foldDirection(world, source, { view: destination }, 'egress'),
    foldDirection(world, destination, { view: source }, 'ingress'),
  );
  let analysis = analyses.get(world.text);
  if (!analysis) {
    analysis = analyze([{ name: 'test.yaml', text: world.text }]);
    analyses.set(world.text, analysis);
  }
  const engine = analysis.reach.between(from, to);
  if (connectionKey(engine) !== connectionKey(verdict))
    throw new Error(
      `${from} -> ${to}: the engine says ${formatConnectionSet(engine)}, the seam contract ${formatConnectionSet(verdict)}`,
    );
  return verdict;
}
