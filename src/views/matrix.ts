import { connectionBetween } from './connections.ts';
import type { Snapshot, Verdict } from './snapshot.ts';

export interface MatrixCell {
  from: string;
  to: string;
  verdict: Verdict;
  ports: string;
  /** The short words the cell shows (see connectionLabel). */
  label: string;
  conditional: boolean;
}

export interface MatrixRow {
  id: string;
  label: string;
  cells: MatrixCell[];
}

export interface MatrixGroup {
  /** Namespace name, or `external` for address ranges as sources. */
  namespace: string;
  external: boolean;
  rows: MatrixRow[];
}

/** More cells than this is too many for one table in a browser: the matrix shows a namespace at a time. */
export const MATRIX_CELL_LIMIT = 30_000;

export interface Matrix {
  columns: { id: string; label: string; namespace: string; external: boolean }[];
  groups: MatrixGroup[];
}

/**
 * The reachability matrix: rows are sources grouped by namespace (external ranges last), columns
 * are destinations (workloads, then external ranges). Cells carry the verdict and ports.
 */
export function buildMatrix(
  snapshot: Snapshot,
  hiddenNamespaces: readonly string[] = [],
  onlyNamespace?: string,
): Matrix {
  const hidden = new Set(hiddenNamespaces);
  const workloads = snapshot.workloads.filter(
    (w) => !hidden.has(w.namespace) && (onlyNamespace === undefined || w.namespace === onlyNamespace),
  );
  const cell = (from: string, to: string): MatrixCell => {
    const found = connectionBetween(snapshot, from, to);
    return {
      from,
      to,
      verdict: found?.verdict ?? 'denied',
      ports: found?.ports ?? 'none',
      label: found?.label ?? 'none',
      conditional: found?.conditional ?? false,
    };
  };
  const columns = [
    ...workloads.map((w) => ({ id: w.id, label: w.name, namespace: w.namespace, external: false })),
    ...snapshot.externalRanges.map((r) => ({ id: r, label: r, namespace: 'external', external: true })),
  ];
  const groups: MatrixGroup[] = [];
  for (const w of workloads) {
    let group = groups[groups.length - 1];
    if (!group || group.namespace !== w.namespace) {
      group = { namespace: w.namespace, external: false, rows: [] };
      groups.push(group);
    }
    group.rows.push({ id: w.id, label: w.name, cells: columns.map((c) => cell(w.id, c.id)) });
  }
  if (snapshot.externalRanges.length > 0) {
    groups.push({
      namespace: 'external',
      external: true,
      rows: snapshot.externalRanges.map((r) => ({
        id: r,
        label: r,
        cells: workloads.map((w) => cell(r, w.id)),
      })),
    });
  }
  return { columns, groups };
}
