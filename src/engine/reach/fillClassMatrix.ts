import { ALL_ID, type ConnectionTable, NONE_ID } from './connectionTable.ts';
import type { IndexedRule } from './indexPolicies.ts';
import type { PodClass } from './podClasses.ts';

/** The rules that apply to a pod class in one direction; `isolated` false means "allow all". */
export interface DirectionRules {
  isolated: boolean;
  rules: IndexedRule[];
}

/** What the evaluation knows of one pod class. */
export interface ClassState {
  podClass: PodClass;
  /** Id of the class's container-port list: classes with the same ports resolve names alike. */
  portSignature: number;
  ingress: DirectionRules;
  egress: DirectionRules;
  /** Per external range: connection ids allowed from it (ingress) and to it (egress). */
  fromExternal: Uint32Array;
  toExternal: Uint32Array;
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

/**
 * The class-by-class matrix of connection ids: each rule scatters its ports over the classes its
 * peers select, egress row by row, then ingress column by column, intersected in place. Rows get
 * `capacity` columns so that classes added later (what-if edits) fit without copying.
 */
export function fillClassMatrix(
  classes: readonly ClassState[],
  table: ConnectionTable,
  capacity: number,
  portsId: (rule: IndexedRule, destination: ClassState) => number,
): Uint32Array[] {
  const n = classes.length;
  const matrix = Array.from({ length: n }, () => new Uint32Array(capacity));
  // Egress first, row by row: matrix[from][to] = what from's egress allows towards to.
  for (let from = 0; from < n; from++) {
    const row = matrix[from] as Uint32Array;
    const side = (classes[from] as ClassState).egress;
    if (!side.isolated) {
      row.fill(ALL_ID, 0, n);
      continue;
    }
    for (const rule of side.rules) {
      scatter(rule, n, (to) => {
        row[to] = table.union(row[to] ?? NONE_ID, portsId(rule, classes[to] as ClassState));
      });
    }
  }
  // Then ingress, intersected in place. Columns are computed a block at a time so that the
  // intersection walks each row's block contiguously instead of striding across all rows.
  const block = 64;
  const columns = new Uint32Array(block * n);
  for (let first = 0; first < n; first += block) {
    const last = Math.min(n, first + block);
    let anyIsolated = false;
    for (let to = first; to < last; to++) {
      const target = classes[to] as ClassState;
      const column = columns.subarray((to - first) * n, (to - first + 1) * n);
      if (!target.ingress.isolated) {
        column.fill(ALL_ID);
        continue;
      }
      anyIsolated = true;
      column.fill(NONE_ID);
      for (const rule of target.ingress.rules) {
        const ports = portsId(rule, target);
        scatter(rule, n, (from) => {
          column[from] = table.union(column[from] as number, ports);
        });
      }
    }
    if (!anyIsolated) continue;
    for (let from = 0; from < n; from++) {
      const row = matrix[from] as Uint32Array;
      for (let to = first; to < last; to++) {
        const egress = row[to] as number;
        const ingress = columns[(to - first) * n + from] as number;
        // The common cases without a call: either side allows all, or either allows nothing.
        if (ingress === ALL_ID || egress === NONE_ID) continue;
        row[to] = egress === ALL_ID || ingress === NONE_ID ? ingress : table.intersect(egress, ingress);
      }
    }
  }
  return matrix;
}
