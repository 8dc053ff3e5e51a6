import { ALL_ID, type ConnectionTable, NONE_ID } from './connectionTable.ts';
import { foldSide, type SideRules } from './fold.ts';
import type { IndexedRule } from './indexPolicies.ts';
import type { PodClass } from './podClasses.ts';

/** What the evaluation knows of one pod class. */
export interface ClassState {
  podClass: PodClass;
  /** Id of the class's container-port list: classes with the same ports resolve names alike. */
  portSignature: number;
  ingress: SideRules;
  egress: SideRules;
  /** The mesh layer at this class as a destination (open when it is not in the mesh). */
  mesh: SideRules;
  /** Its egress group and ingress group (see SideGroups). */
  egressGroup: number;
  ingressGroup: number;
}

export type PortsOf = (rule: IndexedRule, destination: ClassState) => number;

/**
 * Classes whose side is decided by the same rules share one verdict vector: an egress group's
 * vector gives, for every destination class, what its sources may send there; an ingress group's,
 * for every source class, what its destinations accept (mesh layer included). A pair's verdict is
 * the intersection of the two entries, looked up on demand, so memory and time grow with
 * groups × classes instead of classes², and with the rules' peer sets once per group instead of
 * once per class.
 */
export interface SideGroup {
  /** The rules (of one representative class; all members share them). */
  side: SideRules;
  mesh: SideRules;
  /** The representative class, for port resolution on ingress (same port signature). */
  representative: number;
  /**
   * Connection id per peer class; null when the side is open (everything allowed) or when the
   * group is `lazy`.
   */
  vector: Uint32Array | null;
  /**
   * Verdicts computed per lookup from the rules, not stored: groups with few member classes, once
   * the stored vectors reach their memory budget (policies that each select a few workloads make
   * as many groups as there are workloads; storing them all would grow with classes²).
   */
  lazy: boolean;
  /** Number of classes in the group. */
  members: number;
  /** Connection id per external range of the partition. */
  external: Uint32Array;
}

/** A stable key of the rules that decide a side, for grouping classes. */
export function sideKey(side: SideRules): string {
  if (side.mode === 'open') return 'open';
  return side.groups
    .map((g) => `${g.tier.key}:${g.isolated ? 1 : 0}:${g.rules.map((r) => r.uid).join(',')}`)
    .join('|');
}

/** Calls `visit` for each class a rule's peers select (every class when it has no peers). */
function scatter(rule: IndexedRule, n: number, visit: (peer: number) => void): void {
  if (!rule.peerClasses) {
    for (let i = 0; i < n; i++) visit(i);
    return;
  }
  rule.peerClasses.forEach((i) => {
    if (i < n) visit(i);
  });
}

/** One side's verdict towards (egress) or from (ingress) every class, into `out`. */
export function fillSideVector(
  side: SideRules,
  table: ConnectionTable,
  n: number,
  out: Uint32Array,
  ports: (rule: IndexedRule, peer: number) => number,
): void {
  if (side.mode === 'open') {
    out.fill(ALL_ID, 0, n);
    return;
  }
  if (side.mode === 'union') {
    out.fill(NONE_ID, 0, n);
    for (const rule of side.groups[0]?.rules ?? [])
      scatter(rule, n, (peer) => {
        out[peer] = table.union(out[peer] as number, ports(rule, peer));
      });
    return;
  }
  for (let peer = 0; peer < n; peer++) {
    out[peer] = foldSide(
      side,
      table,
      (rule) => !rule.peerClasses || rule.peerClasses.has(peer),
      (rule) => ports(rule, peer),
    );
  }
}

/** The verdict of one side towards one peer class (for classes added after the vectors were made). */
export function sideVerdict(
  side: SideRules,
  table: ConnectionTable,
  peer: number,
  ports: (rule: IndexedRule) => number,
): number {
  return foldSide(side, table, (rule) => !rule.peerClasses || rule.peerClasses.has(peer), ports);
}

/** An ingress group's vector: network ingress narrowed by the mesh layer, per source class. */
export function fillIngressVector(
  group: SideGroup,
  table: ConnectionTable,
  n: number,
  out: Uint32Array,
  ports: (rule: IndexedRule) => number,
): void {
  fillSideVector(group.side, table, n, out, ports);
  if (group.mesh.mode === 'open') return;
  const mesh = new Uint32Array(n);
  fillSideVector(group.mesh, table, n, mesh, ports);
  for (let from = 0; from < n; from++)
    out[from] = table.intersect(out[from] as number, table.meshFilter(mesh[from] as number));
}
