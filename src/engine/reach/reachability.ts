import { resolvePortSpec } from '../kinds/shared/portSpecs.ts';
import type { CompiledPolicy, Tier } from '../kinds/types.ts';
import type { ClusterModel, Direction, IpRange, Workload } from '../model/types.ts';
import type { ConnectionSet } from '../policy/connectionSet.ts';
import { type MatchSettings, matchExpr, matchSettingsOf } from '../policy/expr.ts';
import type { EndpointView } from '../policy/peers.ts';
import { DEFAULT_SETTINGS, type EngineSettings } from '../settings.ts';
import { ConnectionTable, NONE_ID } from './connectionTable.ts';
import { countPairs, type Factors } from './countPairs.ts';
import { ExprIndex } from './exprIndex.ts';
import { foldSide, OPEN_SIDE, type SideRules, sideRules } from './fold.ts';
import { GroupStore } from './groupStore.ts';
import {
  type IndexedPolicy,
  type IndexedRule,
  indexNewClass,
  indexPolicies,
  partitionAddresses,
} from './indexPolicies.ts';
import {
  classKey,
  endpointViewOf,
  type PodClass,
  projectView,
  type RelevantKeys,
  relevantKeys,
  type ViewContext,
  viewContext,
} from './podClasses.ts';
import type { ClassState } from './sideGroups.ts';
import { countLive, samePolicies } from './updateChecks.ts';

/**
 * Whole-cluster reachability under every evaluated policy kind.
 *
 * Computed over equivalence classes of endpoints (see {@link PodClass}) and bitsets of the classes
 * each rule and policy selects, into side groups of interned connection sets (see GroupStore). Each
 * side is decided by the one tier fold (reach/fold.ts): the source's egress and the destination's
 * ingress, intersected, then narrowed by the mesh layer at destinations in the mesh. External
 * addresses are a partition of the IPv4 space at every peer boundary; they never match pods.
 *
 * @example
 *   const reach = Reachability.evaluate(model);
 *   formatConnectionSet(reach.between('default/web', 'default/db')); // "TCP 5432"
 */
export class Reachability {
  readonly table = new ConnectionTable();
  /** The IPv4 partition external verdicts refer to. */
  readonly addressRanges: readonly IpRange[];
  readonly settings: EngineSettings;
  readonly matchSettings: MatchSettings;
  private readonly classes: ClassState[] = [];
  private readonly classByKey = new Map<string, number>();
  private classOfWorkload = new Map<string, number>();
  private readonly indexed: IndexedPolicy[];
  /** Classes grouped by the rules deciding their egress / ingress, with their verdict vectors. */
  private readonly groups: GroupStore;
  private readonly portSignatures = new Map<string, number>();
  private readonly sidesBySelection = new Map<
    string,
    { ingress: SideRules; egress: SideRules; mesh: SideRules }
  >();
  private model: ClusterModel;
  private context: ViewContext;
  /** Class of each workload object seen, with the view context it was computed in. */
  /** Each workload object's class, with the namespace object its view was made with. */
  private readonly workloadClasses = new WeakMap<Workload, { namespace: unknown; classId: number }>();
  /** Number of pod classes in use (see classCount). */
  private liveClasses = 0;
  private views:
    | { model: ClusterModel; byId: Map<string, Workload>; cache: Map<string, EndpointView> }
    | undefined;
  /** What the policies read; class keys ignore everything else. */
  private readonly relevant: RelevantKeys;

  private constructor(model: ClusterModel, settings: EngineSettings) {
    this.model = model;
    this.settings = settings;
    this.matchSettings = matchSettingsOf(settings);
    const tiers = new Map<string, Tier>(model.tiers.map((t) => [t.key, t]));
    const meshLayer = model.policies.some((p) => tiers.get(p.tier)?.layer === 'mesh');
    this.relevant = relevantKeys(model.policies, meshLayer);
    this.context = viewContext(model, settings);
    const pending: PodClass[] = [];
    for (const workload of model.workloads) {
      const view = projectView(endpointViewOf(workload, this.context), this.relevant);
      const key = classKey(view);
      let id = this.classByKey.get(key);
      if (id === undefined) {
        id = pending.length;
        pending.push({ id, key, view });
        this.classByKey.set(key, id);
      }
      this.classOfWorkload.set(workload.id, id);
      this.workloadClasses.set(workload, {
        namespace: this.context.namespaces.get(workload.namespace),
        classId: id,
      });
    }
    // Every class made here is some workload's.
    this.liveClasses = pending.length;
    this.addressRanges = partitionAddresses(model.policies);
    this.groups = new GroupStore(this.table, this.classes, this.addressRanges, (rule, destination) =>
      this.portsId(rule, destination),
    );
    const index = new ExprIndex(
      pending.map((c) => c.view),
      Math.max(64, pending.length),
      this.matchSettings,
    );
    this.indexed = indexPolicies(model.policies, tiers, index, this.addressRanges, this.table);
    // One pass over the policies gives every class the policies that select it.
    const selecting = pending.map(() => [] as IndexedPolicy[]);
    for (const entry of this.indexed)
      entry.selects.forEach((c) => {
        selecting[c]?.push(entry);
      });
    for (const podClass of pending)
      this.classes.push(this.classState(podClass, selecting[podClass.id] ?? []));
    this.groups.fill();
  }

  /** Evaluates a model from scratch. */
  static evaluate(model: ClusterModel, settings: EngineSettings = DEFAULT_SETTINGS): Reachability {
    return new Reachability(model, settings);
  }

  /**
   * Re-evaluates after a change. When only workload or namespace labels changed (same policies,
   * same settings), only pod classes that did not exist before are computed, one row and one
   * column each; the previous result is updated in place and returned. Otherwise from scratch.
   */
  static update(
    previous: Reachability | undefined,
    model: ClusterModel,
    settings: EngineSettings = DEFAULT_SETTINGS,
  ): { reach: Reachability; incremental: boolean } {
    if (
      !previous ||
      previous.settings !== settings ||
      !samePolicies(previous.model.policies, model.policies)
    ) {
      return { reach: new Reachability(model, settings), incremental: false };
    }
    previous.applyWorkloadChanges(model);
    if (previous.classes.length > 2 * previous.classCount + 256) {
      return { reach: new Reachability(model, settings), incremental: false };
    }
    return { reach: previous, incremental: true };
  }

  /** Number of pod equivalence classes in use. */
  get classCount(): number {
    return this.liveClasses;
  }

  /**
   * Ordered pairs of distinct workloads with some allowed connection, counted over classes
   * (members of one class are alike) rather than over workload pairs.
   */
  countAllowedPairs(): number {
    const sizes = new Float64Array(this.classes.length);
    for (const c of this.classOfWorkload.values()) sizes[c] = (sizes[c] ?? 0) + 1;
    return countPairs(sizes, this.factors(), this.table, (c) => this.verdict(c, c));
  }

  /** Class id of a workload (`namespace/name`), if it exists. */
  classOf(workloadId: string): number | undefined {
    return this.classOfWorkload.get(workloadId);
  }

  /** Connection id from one workload to another (NONE_ID for unknown workloads). */
  idBetween(fromWorkload: string, toWorkload: string): number {
    const from = this.classOfWorkload.get(fromWorkload);
    const to = this.classOfWorkload.get(toWorkload);
    if (from === undefined || to === undefined) return NONE_ID;
    return this.verdict(from, to);
  }

  /**
   * The connection id between two classes: the source's egress group entry for the destination,
   * intersected with the destination's ingress group entry for the source.
   */
  verdict(from: number, to: number): number {
    return this.groups.verdict(from, to);
  }

  /**
   * The verdicts in factored form (see SideGroup): each class's egress and ingress group, and
   * each group's vector of connection ids (null: everything allowed). `verdict(a, b)` is the
   * intersection of `egress[egressGroup(a)][b]` and `ingress[ingressGroup(b)][a]`.
   */
  factors(): Factors {
    return this.groups.factors();
  }

  /** Allowed connections from one workload to another. */
  between(fromWorkload: string, toWorkload: string): ConnectionSet {
    return this.table.get(this.idBetween(fromWorkload, toWorkload));
  }

  /** Allowed connections from external range `rangeIndex` to a workload. */
  fromExternal(rangeIndex: number, toWorkload: string): ConnectionSet {
    const ids = this.externalIds(toWorkload);
    return this.table.get(ids?.[0][rangeIndex] ?? NONE_ID);
  }

  /** Allowed connections from a workload to external range `rangeIndex`. */
  toExternal(fromWorkload: string, rangeIndex: number): ConnectionSet {
    const ids = this.externalIds(fromWorkload);
    return this.table.get(ids?.[1][rangeIndex] ?? NONE_ID);
  }

  /** External connection ids of a workload, per range: `[fromExternal, toExternal]`. */
  externalIds(workloadId: string): [Uint32Array, Uint32Array] | undefined {
    const c = this.classOfWorkload.get(workloadId);
    const state = c === undefined ? undefined : this.classes[c];
    if (!state) return undefined;
    const inbound = this.groups.ingress[state.ingressGroup]?.external;
    const outbound = this.groups.egress[state.egressGroup]?.external;
    return inbound && outbound ? [inbound, outbound] : undefined;
  }

  /** Whether a workload is isolated in a direction: some policy that selects it can deny by default. */
  isIsolated(workloadId: string, direction: Direction): boolean {
    const side = this.side(workloadId, direction);
    return side.groups.some((g) => g.isolated && g.tier.endAction === 'deny');
  }

  /** The policies (of every kind and tier) that apply to a workload in a direction, in fold order. */
  isolatingPolicies(workloadId: string, direction: Direction): CompiledPolicy[] {
    const side = this.side(workloadId, direction);
    const mesh = direction === 'ingress' ? this.meshSide(workloadId) : OPEN_SIDE;
    return [...side.groups, ...mesh.groups].flatMap((g) => g.policies.map((p) => p.policy));
  }

  /** The network-layer rules that decide a workload's side, in fold order. */
  side(workloadId: string, direction: Direction): SideRules {
    const c = this.classOfWorkload.get(workloadId);
    return (c === undefined ? undefined : this.classes[c]?.[direction]) ?? OPEN_SIDE;
  }

  /** The mesh-layer rules at a workload as a destination. */
  meshSide(workloadId: string): SideRules {
    const c = this.classOfWorkload.get(workloadId);
    return (c === undefined ? undefined : this.classes[c]?.mesh) ?? OPEN_SIDE;
  }

  /** What policies see of a workload (unprojected: every label, for explanations). */
  endpointView(workloadId: string): EndpointView | undefined {
    if (!this.views || this.views.model !== this.model)
      this.views = {
        model: this.model,
        byId: new Map(this.model.workloads.map((w) => [w.id, w])),
        cache: new Map(),
      };
    let view = this.views.cache.get(workloadId);
    if (!view) {
      const workload = this.views.byId.get(workloadId);
      if (!workload) return undefined;
      view = endpointViewOf(workload, this.context);
      this.views.cache.set(workloadId, view);
    }
    return view;
  }

  /**
   * One side of a workload towards (egress) or from (ingress) an endpoint that need not be in the
   * model, such as an assumed kube-dns or a ghost pod: the same fold, with the rules' peers
   * matched against its view directly.
   */
  sideTowards(workloadId: string, direction: Direction, peer: EndpointView): ConnectionSet {
    const subject = this.endpointView(workloadId);
    const destinationPorts = direction === 'egress' ? peer.ports : subject?.ports;
    const id = foldSide(
      this.side(workloadId, direction),
      this.table,
      (rule) =>
        !rule.rule.peers || rule.rule.peers.some((p) => matchExpr(p.endpoints, peer, this.matchSettings)),
      (rule) => this.table.id(resolvePortSpec(rule.rule.ports, destinationPorts)),
    );
    return this.table.get(id);
  }

  /** The policies as evaluated, with the classes they select and their rules' peers (read only). */
  get indexedPolicies(): readonly IndexedPolicy[] {
    return this.indexed;
  }

  /** The connection id of a rule's ports towards a workload (named ports resolved), or an external address. */
  rulePortsTowards(rule: IndexedRule, workloadId: string | undefined): number {
    if (workloadId === undefined) return rule.externalPorts;
    const c = this.classOfWorkload.get(workloadId);
    const state = c === undefined ? undefined : this.classes[c];
    return state ? this.portsId(rule, state) : rule.externalPorts;
  }

  /** Whether a rule's peers include a workload's class, or an external range of the partition. */
  ruleMatches(rule: IndexedRule, peer: { workload: string } | { range: number }): boolean {
    if ('workload' in peer) {
      const c = this.classOfWorkload.get(peer.workload);
      return c !== undefined && (!rule.peerClasses || rule.peerClasses.has(c));
    }
    return !rule.peerRanges || rule.peerRanges.has(peer.range);
  }

  private portsId(rule: IndexedRule, destination: ClassState): number {
    if (rule.fixedPorts !== undefined) return rule.fixedPorts;
    let id = rule.portsBySignature[destination.portSignature];
    if (id === undefined) {
      id = this.table.id(resolvePortSpec(rule.rule.ports, destination.podClass.view.ports));
      rule.portsBySignature[destination.portSignature] = id;
    }
    return id;
  }

  private classState(podClass: PodClass, selecting: readonly IndexedPolicy[]): ClassState {
    const portsKey = podClass.view.ports
      .map((p) => `${p.name ?? ''}:${p.port}/${p.protocol}`)
      .sort()
      .join(',');
    let portSignature = this.portSignatures.get(portsKey);
    if (portSignature === undefined) {
      portSignature = this.portSignatures.size;
      this.portSignatures.set(portsKey, portSignature);
    }
    // Classes selected by the same policies share their side rules (built once per policy set).
    const selectionKey = `${podClass.view.inMesh ? 'm' : ''}${selecting.map((p) => p.index).join(',')}`;
    let sides = this.sidesBySelection.get(selectionKey);
    if (!sides) {
      const network = selecting.filter((p) => p.tier.layer === 'network');
      const mesh = selecting.filter((p) => p.tier.layer === 'mesh');
      sides = {
        ingress: sideRules(network, 'ingress'),
        egress: sideRules(network, 'egress'),
        mesh: podClass.view.inMesh && mesh.length > 0 ? sideRules(mesh, 'ingress') : OPEN_SIDE,
      };
      this.sidesBySelection.set(selectionKey, sides);
    }
    const { ingress, egress, mesh: meshSide } = sides;
    const state: ClassState = {
      podClass,
      portSignature,
      ingress,
      egress,
      mesh: meshSide,
      egressGroup: 0,
      ingressGroup: 0,
    };
    this.groups.assign(state);
    return state;
  }

  /** Moves workloads to their (possibly new) classes; computes only the new classes. */
  private applyWorkloadChanges(model: ClusterModel): void {
    this.model = model;
    const previousContext = this.context;
    this.context = viewContext(model, this.settings);
    // Mesh membership can hang on other namespaces' markers: then any namespace edit recomputes all.
    const namespacesSame =
      !this.relevant.meshLayer ||
      model.namespaces.every((ns) => previousContext.namespaces.get(ns.name) === ns);
    const next = new Map<string, number>();
    for (const workload of model.workloads) {
      // The what-if layer keeps unedited workloads and namespaces by identity: reuse their class.
      const known = this.workloadClasses.get(workload);
      const sameNamespace =
        known !== undefined && known.namespace === this.context.namespaces.get(workload.namespace);
      if (known && sameNamespace && namespacesSame) {
        next.set(workload.id, known.classId);
        continue;
      }
      const view = projectView(endpointViewOf(workload, this.context), this.relevant);
      const key = classKey(view);
      let id = this.classByKey.get(key);
      if (id === undefined) id = this.addClass({ id: this.classes.length, key, view });
      this.workloadClasses.set(workload, {
        namespace: this.context.namespaces.get(workload.namespace),
        classId: id,
      });
      next.set(workload.id, id);
    }
    this.classOfWorkload = next;
    this.liveClasses = countLive(next, this.classes.length);
  }

  private addClass(podClass: PodClass): number {
    const id = podClass.id;
    this.classByKey.set(podClass.key, id);
    indexNewClass(this.indexed, podClass, this.matchSettings);
    const selecting = this.indexed.filter((p) => p.selects.has(id));
    const groupsBefore = { egress: this.groups.egress.length, ingress: this.groups.ingress.length };
    const state = this.classState(podClass, selecting);
    this.classes.push(state);
    this.groups.addClass(state, groupsBefore);
    return id;
  }
}
