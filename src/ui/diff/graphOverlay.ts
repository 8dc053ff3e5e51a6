import type { StylesheetJson } from 'cytoscape';
import type { ReachlabState } from '../../state/types.ts';
import type { GraphEdge, GraphNode } from '../../views/graphElements.ts';
import { changeLabel, compareResultOf } from './compareResult.ts';

/**
 * Adds what the teaching tools draw on the graph: the before/after changes as their own edges
 * (opened, closed, changed ports; labelled in words) and the dashed outline of ghost pods.
 */
export function withTeachOverlay(
  state: ReachlabState,
  graph: { nodes: GraphNode[]; edges: GraphEdge[] },
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const ghostIds = new Set(state.ghosts.map((g) => `${g.namespace}/${g.name}`));
  const nodes = ghostIds.size
    ? graph.nodes.map((n) => (ghostIds.has(n.id) ? { ...n, classes: [...n.classes, 'ghost'] } : n))
    : graph.nodes;
  const result = compareResultOf(state);
  if (!result || 'error' in result) return { nodes, edges: graph.edges };
  const present = new Set(nodes.map((n) => n.id));
  const diffEdges: GraphEdge[] = result.changes
    .filter((c) => present.has(c.from) && present.has(c.to))
    .map((c) => ({
      id: `diff:${c.from}->${c.to}`,
      source: c.from,
      target: c.to,
      kind: 'diff',
      ports: changeLabel(c),
      classes: ['diff', `diff-${c.kind}`],
    }));
  return { nodes, edges: [...graph.edges, ...diffEdges] };
}

/** Opened, closed and changed edges differ by line style, end and label text, then by colour. */
export const teachOverlayStyle: StylesheetJson = [
  {
    selector: 'edge.diff',
    style: {
      label: 'data(ports)',
      'font-weight': 'bold',
      'font-size': 12,
      width: 4,
      'curve-style': 'unbundled-bezier',
      'control-point-distances': [-30],
      'control-point-weights': [0.5],
      'z-index': 30,
      'text-background-opacity': 1,
    },
  },
  {
    selector: 'edge.diff-opened',
    style: {
      'line-color': '#1565c0',
      'target-arrow-color': '#1565c0',
      'target-arrow-shape': 'triangle',
      'line-style': 'solid',
      color: '#0d47a1',
    },
  },
  {
    selector: 'edge.diff-closed',
    style: {
      'line-color': '#6a1b9a',
      'target-arrow-color': '#6a1b9a',
      'target-arrow-shape': 'tee',
      'line-style': 'dashed',
      'line-dash-pattern': [10, 6],
      color: '#4a148c',
    },
  },
  {
    selector: 'edge.diff-changed',
    style: {
      'line-color': '#00838f',
      'target-arrow-color': '#00838f',
      'target-arrow-shape': 'diamond',
      'line-style': 'dotted',
      color: '#006064',
    },
  },
  {
    selector: 'node.ghost',
    style: {
      'border-style': 'dashed',
      'border-width': 3,
      'border-color': '#6a1b9a',
      'background-opacity': 0.5,
    },
  },
];
