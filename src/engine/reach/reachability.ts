import type { ClusterModel, Direction, IpRange, Labels, NetworkPolicy, Workload } from '../model/types.ts';
import type { ConnectionSet } from '../policy/connectionSet.ts';
import { rulePorts } from '../policy/resolvePorts.ts';
import { ALL_ID, ConnectionTable, NONE_ID } from './connectionTable.ts';
import { type ClassState, type DirectionRules, fillClassMatrix } from './fillClassMatrix.ts';
import {
  type IndexedPolicy,
  type IndexedRule,
  indexNewClass,
  indexPolicies,
  partitionAddresses,
} from './indexPolicies.ts';
import {
  classKey,
  namespaceLabelMap,
  type PodClass,
  podViewOf,
  projectView,
  type RelevantKeys,
  relevantKeys,
} from './podClasses.ts';

/**
 * Whole-cluster reachability under Kubernetes NetworkPolicy (networking.k8s.io/v1).
 *
 * Computed over equivalence classes of pods (see {@link PodClass}) and bitsets of the classes each
 * rule selects, into a class-by-class matrix of interned connection sets. A connection from A to B
 * is allowed on the ports that both A's egress and B's ingress allow; a side that no policy
 * isolates allows everything. External addresses are a partition of the IPv4 space at every
 * ipBlock boundary; ipBlocks never select pods.
 *
 * The verdict for a pair is composed in {@link Reachability.verdictId}; cluster-scoped policy tiers
 * (AdminNetworkPolicy before, BaselineAdminNetworkPolicy after) would wrap that one function.
 *
 * @example
 *   const reach = Reachability.evaluate(model);
 *   formatConnectionSet(reach.between('default/web', 'default/db')); // "TCP 5432"
 */
export class Reachability {
  readonly table = new ConnectionTable();
  /** The IPv4 partition external verdicts refer to. */
  readonly addressRanges: readonly IpRange[];
  private readonly classes: ClassState[] = [];
  private readonly classByKey = new Map<string, number>();
  private classOfWorkload = new Map<string, number>();
  private readonly indexed: IndexedPolicy[];
  /** matrix[from][to] = connection id; rows grow in capacity as classes are added. */
  private matrix: Uint32Array[] = [];
  private capacity = 0;
  private readonly portSignatures = new Map<string, number>();
  private model: ClusterModel;
  /** Class of each workload object seen, with the namespace labels it was computed with. */
  private readonly workloadClasses = new WeakMap<
    Workload,
    { namespaceLabels: Labels | undefined; classId: number }
  >();
  /** Label keys and port names the policies read; class keys ignore everything else. */
  private readonly relevant: RelevantKeys;

  private constructor(model: ClusterModel) {
    this.model = model;
    this.relevant = relevantKeys(model.policies);
    const namespaceLabels = namespaceLabelMap(model);
    const pending: PodClass[] = [];
    for (const workload of model.workloads) {
      const view = projectView(podViewOf(workload, namespaceLabels), this.relevant);
      const key = classKey(view);
      let id = this.classByKey.get(key);
      if (id === undefined) {
        id = pending.length;
        pending.push({ id, key, view });
        this.classByKey.set(key, id);
      }
      this.classOfWorkload.set(workload.id, id);
      this.workloadClasses.set(workload, {
        namespaceLabels: namespaceLabels.get(workload.namespace),
        classId: id,
      });
    }
    this.addressRanges = partitionAddresses(model.policies);
    this.indexed = indexPolicies(model.policies, pending, this.addressRanges, this.table);
    // One pass over the policies gives every class its isolating policies, per direction.
    const isolatedBy = pending.map(() => ({ ingress: [] as IndexedPolicy[], egress: [] as IndexedPolicy[] }));
    for (const entry of this.indexed) {
      for (const direction of ['ingress', 'egress'] as const) {
        if (!entry.policy.affects[direction]) continue;
        entry.selects.forEach((c) => {
          isolatedBy[c]?.[direction].push(entry);
        });
      }
    }
    for (const podClass of pending) this.classes.push(this.classState(podClass, isolatedBy[podClass.id]));
    this.fillMatrix();
  }

  /** Evaluates a model from scratch. */
  static evaluate(model: ClusterModel): Reachability {
    return new Reachability(model);
  }

  /**
   * Re-evaluates after a change. When only workload or namespace labels changed (same policies),
   * only pod classes that did not exist before are computed, one row and one column each; the
   * previous result is updated in place and returned. Otherwise evaluates from scratch.
   */
  static update(
    previous: Reachability | undefined,
    model: ClusterModel,
  ): { reach: Reachability; incremental: boolean } {
    if (!previous || !samePolicies(previous.model.policies, model.policies)) {
      return { reach: new Reachability(model), incremental: false };
    }
    previous.applyWorkloadChanges(model);
    if (previous.classes.length > 2 * previous.classCount + 256) {
      return { reach: new Reachability(model), incremental: false };
    }
    return { reach: previous, incremental: true };
  }

  /** Number of pod equivalence classes in use. */
  get classCount(): number {
    return new Set(this.classOfWorkload.values()).size;
  }

  /**
   * Ordered pairs of distinct workloads with some allowed connection, counted over classes
   * (members of one class are alike) rather than over workload pairs.
   */
  countAllowedPairs(): number {
    const sizes = new Uint32Array(this.classes.length);
    for (const c of this.classOfWorkload.values()) sizes[c] = (sizes[c] ?? 0) + 1;
    const used = [...sizes.keys()].filter((c) => (sizes[c] ?? 0) > 0);
    let count = 0;
    for (const from of used) {
      const row = this.matrix[from] as Uint32Array;
      const fromCount = sizes[from] as number;
      for (const to of used) {
        if (row[to] === NONE_ID) continue;
        count += from === to ? fromCount * (fromCount - 1) : fromCount * (sizes[to] as number);
      }
    }
    return count;
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
    return this.matrix[from]?.[to] ?? NONE_ID;
  }

  /** Connection ids from one pod class to every class (index by class id); do not modify. */
  classRow(fromClass: number): Uint32Array {
    return this.matrix[fromClass] ?? new Uint32Array(0);
  }

  /** Allowed connections from one workload to another. */
  between(fromWorkload: string, toWorkload: string): ConnectionSet {
    return this.table.get(this.idBetween(fromWorkload, toWorkload));
  }

  /** Allowed connections from external range `rangeIndex` to a workload. */
  fromExternal(rangeIndex: number, toWorkload: string): ConnectionSet {
    const c = this.classOfWorkload.get(toWorkload);
    return this.table.get(c === undefined ? NONE_ID : (this.classes[c]?.fromExternal[rangeIndex] ?? NONE_ID));
  }

  /** Allowed connections from a workload to external range `rangeIndex`. */
  toExternal(fromWorkload: string, rangeIndex: number): ConnectionSet {
    const c = this.classOfWorkload.get(fromWorkload);
    return this.table.get(c === undefined ? NONE_ID : (this.classes[c]?.toExternal[rangeIndex] ?? NONE_ID));
  }

  /** External connection ids of a workload, per range: `[fromExternal, toExternal]`. */
  externalIds(workloadId: string): [Uint32Array, Uint32Array] | undefined {
    const c = this.classOfWorkload.get(workloadId);
    const state = c === undefined ? undefined : this.classes[c];
    return state ? [state.fromExternal, state.toExternal] : undefined;
  }

  /** Whether a workload is isolated in a direction (some policy selects it with that type). */
  isIsolated(workloadId: string, direction: Direction): boolean {
    const c = this.classOfWorkload.get(workloadId);
    return c !== undefined && (this.classes[c]?.[direction].isolated ?? false);
  }

  /** The policies that isolate a workload in a direction. */
  isolatingPolicies(workloadId: string, direction: Direction): NetworkPolicy[] {
    const c = this.classOfWorkload.get(workloadId);
    if (c === undefined) return [];
    return this.indexed.filter((p) => p.policy.affects[direction] && p.selects.has(c)).map((p) => p.policy);
  }

  /**
   * The verdict between two pod classes: egress of `from` intersected with ingress of `to`.
   * The one place where directions combine; policy tiers would compose here.
   */
  private verdictId(from: number, to: number): number {
    const source = this.classes[from];
    const target = this.classes[to];
    if (!source || !target) return NONE_ID;
    const egress = this.directionId(source.egress, to, target);
    if (egress === NONE_ID) return NONE_ID;
    return this.table.intersect(egress, this.directionId(target.ingress, from, target));
  }

  /** Union of the ports of the rules (of one side) whose peers include class `peer`. */
  private directionId(side: DirectionRules, peer: number, destination: ClassState): number {
    if (!side.isolated) return ALL_ID;
    let id = NONE_ID;
    for (const rule of side.rules) {
      if (rule.peerClasses && !rule.peerClasses.has(peer)) continue;
      id = this.table.union(id, this.portsId(rule, destination));
      if (id === ALL_ID) break;
    }
    return id;
  }

  private portsId(rule: IndexedRule, destination: ClassState): number {
    if (rule.fixedPorts !== undefined) return rule.fixedPorts;
    let id = rule.portsBySignature[destination.portSignature];
    if (id === undefined) {
      id = this.table.id(rulePorts(rule.rule.ports, destination.podClass.view.ports));
      rule.portsBySignature[destination.portSignature] = id;
    }
    return id;
  }

  private classState(podClass: PodClass, isolatedBy?: Record<Direction, IndexedPolicy[]>): ClassState {
    const side = (direction: Direction): DirectionRules => {
      const policies =
        isolatedBy?.[direction] ??
        this.indexed.filter((p) => p.policy.affects[direction] && p.selects.has(podClass.id));
      return { isolated: policies.length > 0, rules: policies.flatMap((p) => p.rules[direction]) };
    };
    const ingress = side('ingress');
    const egress = side('egress');
    const count = this.addressRanges.length;
    const portsKey = podClass.key.slice(podClass.key.lastIndexOf('\u0000') + 1);
    let portSignature = this.portSignatures.get(portsKey);
    if (portSignature === undefined) {
      portSignature = this.portSignatures.size;
      this.portSignatures.set(portsKey, portSignature);
    }
    const state: ClassState = {
      podClass,
      portSignature,
      ingress,
      egress,
      fromExternal: new Uint32Array(count),
      toExternal: new Uint32Array(count),
    };
    for (let r = 0; r < count; r++) {
      state.fromExternal[r] = this.externalId(ingress, r, (rule) => this.portsId(rule, state));
      state.toExternal[r] = this.externalId(egress, r, (rule) => rule.externalPorts);
    }
    return state;
  }

  private externalId(side: DirectionRules, range: number, ports: (rule: IndexedRule) => number): number {
    if (!side.isolated) return ALL_ID;
    let id = NONE_ID;
    for (const rule of side.rules) {
      if (rule.peerRanges && !rule.peerRanges.has(range)) continue;
      id = this.table.union(id, ports(rule));
    }
    return id;
  }

  /** Computes the whole matrix (see fillClassMatrix), with room for what-if classes. */
  private fillMatrix(): void {
    const n = this.classes.length;
    // Room for the classes a few what-if edits add, without doubling the matrix's memory.
    this.capacity = n + Math.max(16, Math.ceil(n / 8));
    this.matrix = fillClassMatrix(this.classes, this.table, this.capacity, (rule, destination) =>
      this.portsId(rule, destination),
    );
  }

  /** Moves workloads to their (possibly new) classes; computes only the new classes. */
  private applyWorkloadChanges(model: ClusterModel): void {
    this.model = model;
    const namespaceLabels = namespaceLabelMap(model);
    const next = new Map<string, number>();
    for (const workload of model.workloads) {
      // The what-if layer keeps unedited workloads and namespaces by identity: reuse their class.
      const labelsOfNamespace = namespaceLabels.get(workload.namespace);
      const known = this.workloadClasses.get(workload);
      if (known && known.namespaceLabels === labelsOfNamespace) {
        next.set(workload.id, known.classId);
        continue;
      }
      const view = projectView(podViewOf(workload, namespaceLabels), this.relevant);
      const key = classKey(view);
      let id = this.classByKey.get(key);
      if (id === undefined) id = this.addClass({ id: this.classes.length, key, view });
      this.workloadClasses.set(workload, { namespaceLabels: labelsOfNamespace, classId: id });
      next.set(workload.id, id);
    }
    this.classOfWorkload = next;
  }

  private addClass(podClass: PodClass): number {
    const id = podClass.id;
    this.classByKey.set(podClass.key, id);
    indexNewClass(this.indexed, podClass);
    this.classes.push(this.classState(podClass));
    const n = this.classes.length;
    if (n > this.capacity) {
      this.capacity = Math.ceil(this.capacity * 1.5) + 16;
      this.matrix = this.matrix.map((row) => {
        const grown = new Uint32Array(this.capacity);
        grown.set(row);
        return grown;
      });
    }
    this.matrix.push(new Uint32Array(this.capacity));
    const row = this.matrix[id] as Uint32Array;
    for (let other = 0; other < n; other++) {
      row[other] = this.verdictId(id, other);
      (this.matrix[other] as Uint32Array)[id] = this.verdictId(other, id);
    }
    return id;
  }
}

/** Same policies, by identity: the what-if layer keeps policy objects when only labels change. */
function samePolicies(a: readonly NetworkPolicy[], b: readonly NetworkPolicy[]): boolean {
  return a.length === b.length && a.every((policy, i) => policy === b[i]);
}
