import type cytoscape from 'cytoscape';
import { useStore } from '../state/store.ts';
import { activeGraph } from './graph/useCytoscape.ts';
import { graphOf } from './graphOptions.ts';

/** Read-only view of what the app shows, for end-to-end tests (no way to change state through it). */
export interface ReachlabTestApi {
  graph(): {
    nodes: { id: string; kind: string; label: string; parent?: string }[];
    edges: { from: string; to: string; kind: string; verdict?: string; ports?: string }[];
  } | null;
  /** Whether the graph on screen has an element with this id (a node or an edge). */
  drawn(id: string): boolean;
  /** The current input is analysed and everything about it is on screen (findings too). */
  ready(): boolean;
  /** The current input's verdicts are on screen (its findings may still be on their way). */
  shown(): boolean;
  /**
   * How the graph is drawn now: zoom, the smallest node label in CSS px, and how many pairs of
   * nodes (leaves with each other, namespace boxes with each other) overlap on screen.
   */
  layout(): { zoom: number; minLabelPx: number; overlaps: number; nodes: number } | null;
  diagnostics(): { source: string; line: number; message: string }[];
}

export function installTestApi(): void {
  const api: ReachlabTestApi = {
    graph() {
      const state = useStore.getState();
      if (!state.snapshot) return null;
      const { nodes, edges } = graphOf(state, new Set());
      return structuredClone({
        nodes: nodes.map((n) => ({
          id: n.id,
          kind: n.kind,
          label: n.label,
          ...(n.parent ? { parent: n.parent } : {}),
        })),
        edges: edges.map((e) => ({
          from: e.source,
          to: e.target,
          kind: e.kind,
          ...(e.verdict ? { verdict: e.verdict } : {}),
          ...(e.ports ? { ports: e.ports } : {}),
        })),
      });
    },
    layout() {
      const cy = activeGraph.current;
      if (!cy) return null;
      const zoom = cy.zoom();
      const leaves = cy.nodes().filter((n) => n.isChildless());
      const boxes = cy.nodes().filter((n) => n.isParent());
      let minLabelPx = Number.POSITIVE_INFINITY;
      cy.nodes().forEach((n) => {
        if (n.data('label')) minLabelPx = Math.min(minLabelPx, n.numericStyle('font-size') * zoom);
      });
      const overlapping = (group: typeof leaves) => {
        const rects = group.map((n) => n.boundingBox({ includeLabels: false, includeOverlays: false }));
        let count = 0;
        for (let i = 0; i < rects.length; i++)
          for (let j = i + 1; j < rects.length; j++) {
            const a = rects[i] as cytoscape.BoundingBox12;
            const b = rects[j] as cytoscape.BoundingBox12;
            if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) count++;
          }
        return count;
      };
      return {
        zoom,
        minLabelPx: Number.isFinite(minLabelPx) ? minLabelPx : 0,
        overlaps: overlapping(leaves) + overlapping(boxes),
        nodes: leaves.length,
      };
    },
    drawn(id) {
      return activeGraph.current?.getElementById(id).nonempty() ?? false;
    },
    ready() {
      const state = useStore.getState();
      return state.snapshot !== null && !state.analyzing && !state.findingsPending;
    },
    shown() {
      const state = useStore.getState();
      return state.snapshot !== null && !state.analyzing;
    },
    diagnostics() {
      return (useStore.getState().snapshot?.diagnostics ?? []).map((d) => ({
        source: d.source,
        line: d.line,
        message: d.message,
      }));
    },
  };
  Object.defineProperty(window, '__reachlab', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
  });
}
