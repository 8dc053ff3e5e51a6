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
  /** Per external range: connection ids allowed from it (ingress) and to it (egress). */
  fromExternal: Uint32Array;
  toExternal: Uint32Array;
}

export type PortsOf = (rule: IndexedRule, destination: ClassState) => number;

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
function sideVector(
  side: SideRules,
  classes: readonly ClassState[],
  table: ConnectionTable,
  out: Uint32Array,
  ports: (rule: IndexedRule, peer: number) => number,
): void {
  const n = classes.length;
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

/**
 * The class-by-class matrix of connection ids: each source's egress verdict row by row, then each
 * destination's ingress verdict column by column, intersected in place, then the mesh layer of
 * destinations in the mesh. Rows get `capacity` columns so that classes added later (what-if
 * edits) fit without copying.
 */
export function fillClassMatrix(
  classes: readonly ClassState[],
  table: ConnectionTable,
  capacity: number,
  portsId: PortsOf,
): Uint32Array[] {
  const n = classes.length;
  const matrix = Array.from({ length: n }, () => new Uint32Array(capacity));
  for (let from = 0; from < n; from++) {
    const row = matrix[from] as Uint32Array;
    sideVector((classes[from] as ClassState).egress, classes, table, row, (rule, to) =>
      portsId(rule, classes[to] as ClassState),
    );
  }
  // Ingress a block of columns at a time, so the intersection walks each row's block contiguously.
  const block = 64;
  const columns = new Uint32Array(block * n);
  for (let first = 0; first < n; first += block) {
    const last = Math.min(n, first + block);
    let anyClosed = false;
    for (let to = first; to < last; to++) {
      const target = classes[to] as ClassState;
      const column = columns.subarray((to - first) * n, (to - first + 1) * n);
      sideVector(target.ingress, classes, table, column, (rule) => portsId(rule, target));
      if (target.mesh.mode !== 'open') {
        const mesh = new Uint32Array(n);
        sideVector(target.mesh, classes, table, mesh, (rule) => portsId(rule, target));
        for (let from = 0; from < n; from++)
          column[from] = table.intersect(column[from] as number, table.meshFilter(mesh[from] as number));
      }
      if (target.ingress.mode !== 'open' || target.mesh.mode !== 'open') anyClosed = true;
    }
    if (!anyClosed) continue;
    for (let from = 0; from < n; from++) {
      const row = matrix[from] as Uint32Array;
      for (let to = first; to < last; to++) {
        const egress = row[to] as number;
        const ingress = columns[(to - first) * n + from] as number;
        if (ingress === ALL_ID || egress === NONE_ID) continue;
        row[to] = egress === ALL_ID || ingress === NONE_ID ? ingress : table.intersect(egress, ingress);
      }
    }
  }
  return matrix;
}
