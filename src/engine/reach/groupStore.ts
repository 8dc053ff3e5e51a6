import type { IpRange } from '../model/types.ts';
import { ALL_ID, type ConnectionTable, NONE_ID } from './connectionTable.ts';
import type { Factors } from './countPairs.ts';
import { foldSide, OPEN_SIDE } from './fold.ts';
import type { IndexedRule } from './indexPolicies.ts';
import {
  type ClassState,
  fillIngressVector,
  fillSideVector,
  type SideGroup,
  sideKey,
  sideVerdict,
} from './sideGroups.ts';

/** Entries (four bytes each) the stored group vectors may take: 64 MB. */
const VECTOR_BUDGET = 16_000_000;

/**
 * The side groups of an evaluation (see SideGroup): which group each class's egress and ingress
 * belong to, the groups' verdict vectors (stored within a budget, or folded per lookup), their
 * external verdicts, and the pair verdict as the intersection of two entries.
 */
export class GroupStore {
  readonly egress: SideGroup[] = [];
  readonly ingress: SideGroup[] = [];
  private readonly byKey = { egress: new Map<string, number>(), ingress: new Map<string, number>() };
  /** Length of the stored vectors: room for classes that what-if edits add. */
  private capacity = 0;

  constructor(
    private readonly table: ConnectionTable,
    private readonly classes: readonly ClassState[],
    private readonly addressRanges: readonly IpRange[],
    private readonly portsId: (rule: IndexedRule, destination: ClassState) => number,
  ) {}

  /** Puts a class into its egress and ingress groups (new groups get their vectors later). */
  assign(state: ClassState): void {
    state.egressGroup = this.groupOf('egress', sideKey(state.egress), state, OPEN_SIDE);
    // Ingress verdicts resolve named ports against the destination: where some rule names a port,
    // the destination's port list is part of the key.
    const namedPorts = [state.ingress, state.mesh].some((side) =>
      side.groups.some((g) => g.rules.some((r) => r.fixedPorts === undefined)),
    );
    const key = `${sideKey(state.ingress)}#${sideKey(state.mesh)}#${namedPorts ? state.portSignature : ''}`;
    state.ingressGroup = this.groupOf('ingress', key, state, state.mesh);
  }

  /**
   * Fills the groups' verdict vectors (the groups with most member classes first, within the
   * memory budget; the rest answer per lookup) and every group's external verdicts.
   */
  fill(): void {
    const n = this.classes.length;
    // Room for the classes a few what-if edits add, without doubling the vectors' memory.
    this.capacity = n + Math.max(16, Math.ceil(n / 8));
    const stored = [...this.egress, ...this.ingress]
      .filter((g) => g.side.mode !== 'open' || g.mesh.mode !== 'open')
      .sort((a, b) => b.members - a.members);
    let budget = VECTOR_BUDGET;
    for (const group of stored) {
      // A group with one or two classes is looked up rarely: computing it per lookup is cheaper.
      group.lazy =
        budget < this.capacity || (group.members <= 2 && stored.length * this.capacity > VECTOR_BUDGET);
      if (!group.lazy) budget -= this.capacity;
    }
    for (const group of this.egress) this.fillEgress(group, n);
    for (const group of this.ingress) this.fillIngress(group, n);
  }

  /** The verdict between two classes: egress entry of the source ∩ ingress entry of the destination. */
  verdict(from: number, to: number): number {
    const source = this.classes[from];
    const target = this.classes[to];
    if (!source || !target) return NONE_ID;
    const out = this.egressEntry(this.egress[source.egressGroup] as SideGroup, to);
    if (out === NONE_ID) return NONE_ID;
    const into = this.ingressEntry(this.ingress[target.ingressGroup] as SideGroup, from);
    return into === ALL_ID ? out : this.table.intersect(out, into);
  }

  /** The verdicts in factored form (lazy groups' vectors computed for the caller). */
  factors(): Factors {
    return {
      egressGroup: (c) => this.classes[c]?.egressGroup ?? 0,
      ingressGroup: (c) => this.classes[c]?.ingressGroup ?? 0,
      egress: this.egress.map((g) => this.vectorOf(g, 'egress')),
      ingress: this.ingress.map((g) => this.vectorOf(g, 'ingress')),
    };
  }

  /**
   * A class added after `fill` (a what-if edit; it is last in `classes` and already assigned): a
   * new group gets its whole vector, the existing ones one more entry each.
   */
  addClass(state: ClassState, groupsBefore: { egress: number; ingress: number }): void {
    const id = state.podClass.id;
    const n = this.classes.length;
    if (n > this.capacity) {
      this.capacity = Math.ceil(this.capacity * 1.5) + 16;
      for (const group of [...this.egress, ...this.ingress]) {
        if (!group.vector) continue;
        const grown = new Uint32Array(this.capacity);
        grown.set(group.vector);
        group.vector = grown;
      }
    }
    for (const [index, group] of this.egress.entries()) {
      if (index >= groupsBefore.egress) this.fillEgress(group, n);
      else if (group.vector)
        group.vector[id] = sideVerdict(group.side, this.table, id, (rule) => this.portsId(rule, state));
    }
    for (const [index, group] of this.ingress.entries()) {
      if (index >= groupsBefore.ingress) this.fillIngress(group, n);
      else if (group.vector) group.vector[id] = this.ingressFrom(group, id);
    }
  }

  /** The group with this key, created (without its vectors yet) when new; counts the member. */
  private groupOf(
    direction: 'egress' | 'ingress',
    key: string,
    state: ClassState,
    mesh: SideGroup['mesh'],
  ): number {
    const byKey = this.byKey[direction];
    const groups = this[direction];
    let index = byKey.get(key);
    if (index === undefined) {
      index = groups.length;
      groups.push({
        side: direction === 'egress' ? state.egress : state.ingress,
        mesh,
        representative: state.podClass.id,
        vector: null,
        lazy: false,
        members: 0,
        external: new Uint32Array(0),
      });
      byKey.set(key, index);
    }
    (groups[index] as SideGroup).members++;
    return index;
  }

  /** An egress group's verdict towards a destination class: stored, or folded now. */
  private egressEntry(group: SideGroup, to: number): number {
    if (group.vector) return group.vector[to] as number;
    if (!group.lazy) return ALL_ID;
    const destination = this.classes[to] as ClassState;
    return sideVerdict(group.side, this.table, to, (rule) => this.portsId(rule, destination));
  }

  /** An ingress group's verdict from a source class (mesh layer included): stored, or folded now. */
  private ingressEntry(group: SideGroup, from: number): number {
    if (group.vector) return group.vector[from] as number;
    return group.lazy ? this.ingressFrom(group, from) : ALL_ID;
  }

  /** An ingress group's verdict from one source class, folded: network, narrowed by the mesh. */
  private ingressFrom(group: SideGroup, from: number): number {
    const destination = this.classes[group.representative] as ClassState;
    const ports = (rule: IndexedRule) => this.portsId(rule, destination);
    const inbound = sideVerdict(group.side, this.table, from, ports);
    if (group.mesh.mode === 'open' || inbound === NONE_ID) return inbound;
    return this.table.intersect(
      inbound,
      this.table.meshFilter(sideVerdict(group.mesh, this.table, from, ports)),
    );
  }

  /** A group's whole vector, stored or computed for the caller (null: everything allowed). */
  private vectorOf(group: SideGroup, direction: 'egress' | 'ingress'): Uint32Array | null {
    if (group.vector || !group.lazy) return group.vector;
    const n = this.classes.length;
    const out = new Uint32Array(n);
    for (let c = 0; c < n; c++)
      out[c] = direction === 'egress' ? this.egressEntry(group, c) : this.ingressEntry(group, c);
    return out;
  }

  private fillEgress(group: SideGroup, n: number): void {
    if (group.side.mode !== 'open' && !group.lazy) {
      group.vector = new Uint32Array(this.capacity);
      fillSideVector(group.side, this.table, n, group.vector, (rule, peer) =>
        this.portsId(rule, this.classes[peer] as ClassState),
      );
    }
    group.external = new Uint32Array(this.addressRanges.length);
    for (let r = 0; r < group.external.length; r++)
      group.external[r] = foldSide(
        group.side,
        this.table,
        (rule) => !rule.peerRanges || rule.peerRanges.has(r),
        (rule) => rule.externalPorts,
      );
  }

  private fillIngress(group: SideGroup, n: number): void {
    const destination = this.classes[group.representative] as ClassState;
    const ports = (rule: IndexedRule) => this.portsId(rule, destination);
    if ((group.side.mode !== 'open' || group.mesh.mode !== 'open') && !group.lazy) {
      group.vector = new Uint32Array(this.capacity);
      fillIngressVector(group, this.table, n, group.vector, ports);
    }
    group.external = new Uint32Array(this.addressRanges.length);
    for (let r = 0; r < group.external.length; r++) {
      const matches = (rule: IndexedRule) => !rule.peerRanges || rule.peerRanges.has(r);
      let inbound = foldSide(group.side, this.table, matches, ports);
      if (group.mesh.mode !== 'open')
        inbound = this.table.intersect(
          inbound,
          this.table.meshFilter(foldSide(group.mesh, this.table, matches, ports)),
        );
      group.external[r] = inbound;
    }
  }
}
