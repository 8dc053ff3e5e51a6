import type { GraphNode } from './graphElements.ts';

/** One grid cell per node: a 176 px box plus room for a port label between neighbours. */
export const CELL = { width: 264, height: 120 };
/** Space between namespace boxes: the namespace's own label sits above its box. */
const GAP = { x: 56, y: 88 };
/** Inside a namespace box, around its grid (matches the 18 px box padding plus air). */
const INSET = 8;

export type Point = { x: number; y: number };

interface Block {
  rows: GraphNode[][];
  width: number;
  height: number;
}

/**
 * Longest-path layers over the edges inside one namespace (cycles broken where the walk meets
 * them): callers above callees, so most arrows run one row down instead of across the box.
 */
function layersOf(members: readonly GraphNode[], edges: ReadonlyMap<string, string[]>): Map<string, number> {
  const inside = new Set(members.map((m) => m.id));
  // A workload nearly everyone may reach (a frontend open to all) says nothing about the
  // structure: its incoming arrows are left out, or every caller would form a cycle with it.
  const crowded = (id: string) =>
    members.length > 3 &&
    (edges.get(id) ?? []).filter((from) => inside.has(from)).length > 0.6 * (members.length - 1);
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let best = 0;
    if (!crowded(id))
      for (const from of edges.get(id) ?? [])
        if (inside.has(from) && from !== id) best = Math.max(best, depth(from) + 1);
    visiting.delete(id);
    layer.set(id, best);
    return best;
  };
  for (const m of members) depth(m.id);
  return layer;
}

function blockOf(members: GraphNode[], incoming: ReadonlyMap<string, string[]>): Block {
  // A little wider than square: screens are wider than tall.
  const columns = Math.max(1, Math.min(members.length, Math.ceil(Math.sqrt(members.length * 1.6))));
  const rows: GraphNode[][] = [];
  if (members.length <= 2 || incoming.size === 0) {
    for (let i = 0; i < members.length; i += columns) rows.push(members.slice(i, i + columns));
  } else {
    const layer = layersOf(members, incoming);
    const order = new Map(members.map((m, i) => [m.id, i]));
    const byLayer = new Map<number, GraphNode[]>();
    for (const m of members) {
      const l = layer.get(m.id) ?? 0;
      byLayer.set(l, [...(byLayer.get(l) ?? []), m]);
    }
    const placedAt = new Map<string, number>();
    for (const l of [...byLayer.keys()].sort((a, b) => a - b)) {
      // Under the callers they share (mean column of their placed predecessors), then in order.
      const group = (byLayer.get(l) ?? []).map((m) => {
        const above = (incoming.get(m.id) ?? []).map((id) => placedAt.get(id)).filter((c) => c !== undefined);
        const mean = above.length
          ? above.reduce((a, b) => a + b, 0) / above.length
          : Number.POSITIVE_INFINITY;
        return { m, mean, index: order.get(m.id) ?? 0 };
      });
      group.sort((a, b) => a.mean - b.mean || a.index - b.index);
      for (let i = 0; i < group.length; i += columns) {
        const row = group.slice(i, i + columns).map((g) => g.m);
        row.forEach((m, c) => {
          placedAt.set(m.id, c);
        });
        rows.push(row);
      }
    }
  }
  // A long chain would make a tall thin tower: then the grid, filled in layer order (row by
  // row), keeps each caller next to its callee.
  if (rows.length > 2 * Math.ceil(members.length / columns)) {
    const flat = rows.flat();
    rows.length = 0;
    for (let i = 0; i < flat.length; i += columns) rows.push(flat.slice(i, i + columns));
  }
  const widest = rows.reduce((max, r) => Math.max(max, r.length), 0);
  return {
    rows,
    width: widest * CELL.width + 2 * INSET,
    height: rows.length * CELL.height + 2 * INSET,
  };
}

/**
 * Deterministic positions for every node without children: each namespace is a box holding its
 * members on a grid (in layers when arrows join them: callers above callees), boxes are packed row by row in the order given (namespaces by name), and
 * nodes outside any namespace (external addresses) come first, on their own row. The result is
 * a pure function of the nodes and edges it is given; the view calls it only when nodes come or
 * go, so a label or policy change never moves anything, the
 * same manifests always give the same picture, and nothing overlaps by construction. Linear in
 * the number of nodes: 1,000 collapsed namespaces take well under a millisecond.
 */
export function gridLayout(
  nodes: readonly GraphNode[],
  edges: readonly { source: string; target: string }[] = [],
): Map<string, Point> {
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    const list = incoming.get(edge.target);
    if (list) list.push(edge.source);
    else incoming.set(edge.target, [edge.source]);
  }
  const childrenOf = new Map<string, GraphNode[]>();
  for (const node of nodes) {
    if (!node.parent) continue;
    const list = childrenOf.get(node.parent) ?? [];
    list.push(node);
    childrenOf.set(node.parent, list);
  }
  const blocks: Block[] = [];
  const outside: GraphNode[] = [];
  for (const node of nodes) {
    if (node.parent) continue;
    const members = childrenOf.get(node.id);
    if (members) blocks.push(blockOf(members, incoming));
    else if (node.kind === 'namespace') blocks.push(blockOf([node], incoming));
    else outside.push(node);
  }
  // Collapsed namespaces are one-cell blocks: packed into a shared grid they read as a table.
  const area = blocks.reduce((sum, b) => sum + (b.width + GAP.x) * (b.height + GAP.y), 0);
  const widest = blocks.reduce((max, b) => Math.max(max, b.width), 0);
  const rowWidth = Math.max(widest, Math.sqrt(area) * 1.5, Math.min(outside.length, 6) * CELL.width);

  const positions = new Map<string, Point>();
  let y = 0;
  if (outside.length > 0) {
    const perRow = Math.max(1, Math.floor(rowWidth / CELL.width));
    outside.forEach((node, i) => {
      positions.set(node.id, {
        x: (i % perRow) * CELL.width + CELL.width / 2,
        y: Math.floor(i / perRow) * CELL.height + CELL.height / 2,
      });
    });
    y = Math.ceil(outside.length / perRow) * CELL.height + GAP.y;
  }
  let x = 0;
  let rowHeight = 0;
  for (const block of blocks) {
    if (x > 0 && x + block.width > rowWidth) {
      x = 0;
      y += rowHeight + GAP.y;
      rowHeight = 0;
    }
    block.rows.forEach((row, r) => {
      // Short rows are centred under the wider ones.
      const offset = ((block.width - 2 * INSET) / CELL.width - row.length) * (CELL.width / 2);
      row.forEach((node, c) => {
        positions.set(node.id, {
          x: x + INSET + offset + c * CELL.width + CELL.width / 2,
          y: y + INSET + r * CELL.height + CELL.height / 2,
        });
      });
    });
    x += block.width + GAP.x;
    rowHeight = Math.max(rowHeight, block.height);
  }
  return positions;
}
