import type { GraphNode } from './graphElements.ts';

/** One grid cell per node: wide enough for a 176 px box and its gap, tall enough for 3 lines. */
export const CELL = { width: 216, height: 104 };
/** Space between namespace boxes: the namespace's own label sits above its box. */
const GAP = { x: 56, y: 88 };
/** Inside a namespace box, around its grid (matches the 18 px box padding plus air). */
const INSET = 8;

export type Point = { x: number; y: number };

interface Block {
  members: GraphNode[];
  columns: number;
  width: number;
  height: number;
}

function blockOf(members: GraphNode[]): Block {
  // A little wider than square: screens are wider than tall.
  const columns = Math.max(1, Math.min(members.length, Math.ceil(Math.sqrt(members.length * 1.6))));
  const rows = Math.ceil(members.length / columns);
  return {
    members,
    columns,
    width: columns * CELL.width + 2 * INSET,
    height: rows * CELL.height + 2 * INSET,
  };
}

/**
 * Deterministic positions for every node without children: each namespace is a box holding its
 * members on a grid, boxes are packed row by row in the order given (namespaces by name), and
 * nodes outside any namespace (external addresses) come first, on their own row. The result is
 * a pure function of which nodes exist, so a label or policy change never moves anything, the
 * same manifests always give the same picture, and nothing overlaps by construction. Linear in
 * the number of nodes: 1,000 collapsed namespaces take well under a millisecond.
 */
export function gridLayout(nodes: readonly GraphNode[]): Map<string, Point> {
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
    if (members) blocks.push(blockOf(members));
    else if (node.kind === 'namespace') blocks.push(blockOf([node]));
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
    block.members.forEach((node, i) => {
      positions.set(node.id, {
        x: x + INSET + (i % block.columns) * CELL.width + CELL.width / 2,
        y: y + INSET + Math.floor(i / block.columns) * CELL.height + CELL.height / 2,
      });
    });
    x += block.width + GAP.x;
    rowHeight = Math.max(rowHeight, block.height);
  }
  return positions;
}
