import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { GraphViewport } from '../../state/types.ts';
import type { GraphEdge, GraphNode } from '../../views/graphElements.ts';
import { gridLayout } from '../../views/gridLayout.ts';
import { graphStyle, MIN_LABEL_PX, NODE_FONT, PRESENTER_LABEL_PX, type Theme } from './graphStyle.ts';

/** The instance on screen, for the read-only test API (zoom, label sizes, overlaps). */
export const activeGraph: { current: Core | null } = { current: null };

export interface GraphHandlers {
  onNode: (id: string, kind: GraphNode['kind']) => void;
  onEdge: (source: string, target: string) => void;
  onBackground: () => void;
  /** The user moved or zoomed the view (debounced). */
  onViewport: (view: GraphViewport) => void;
}

export interface GraphLook {
  theme: Theme;
  presenter: boolean;
  /** Where the view was left (restored on mount instead of fitting). */
  viewport: GraphViewport | null;
  /** The selected node id, followed in presenter view. */
  selected: string | null;
}

function toDefinition(element: GraphNode | GraphEdge): ElementDefinition {
  if ('source' in element) {
    return {
      group: 'edges',
      data: {
        id: element.id,
        source: element.source,
        target: element.target,
        ports: element.ports ?? '',
        verdict: element.verdict ?? '',
      },
      classes: element.classes,
    };
  }
  const data: Record<string, string> = { id: element.id, label: element.label, kind: element.kind };
  if (element.parent) data.parent = element.parent;
  return { group: 'nodes', data, classes: element.classes };
}

/** Everything of an element that its drawing depends on, as one comparable string. */
function lookOf(element: GraphNode | GraphEdge): string {
  const words = 'source' in element ? `${element.ports ?? ''}\u0000${element.verdict ?? ''}` : element.label;
  return `${words}\u0000${element.classes.join(' ')}`;
}

/**
 * The one owner of the Cytoscape instance. Elements are reconciled by id, so a label toggle only
 * restyles edges and nodes never move; the deterministic grid places nodes only when nodes are
 * added or removed, and the view follows so what the user watched stays put.
 */
export function useCytoscape(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  handlers: GraphHandlers,
  webgl: boolean,
  look: GraphLook,
) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  /** What each element on screen was last drawn as (see lookOf). */
  const drawnAs = useRef(new Map<string, string>());
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const lookRef = useRef(look);
  lookRef.current = look;

  // Layout effects, this one first: the instance exists when the elements are synced below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new instance only for a renderer change; elements are synced below.
  useLayoutEffect(() => {
    if (!container.current) return;
    const instance = cytoscape({
      container: container.current,
      style: graphStyle(look.theme, look.presenter),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      // Large graphs: edges are hidden while the view moves, so panning stays smooth.
      hideEdgesOnViewport: edges.length > 3000,
      // WebGL (opt-in) draws thousands of elements faster; upstream still calls it experimental.
      ...({ renderer: { name: 'canvas', webgl } } as object),
    });
    instance.on('tap', 'node', (event) =>
      handlersRef.current.onNode(event.target.id(), event.target.data('kind')),
    );
    instance.on('tap', 'edge', (event) => {
      if (event.target.hasClass('route')) return;
      handlersRef.current.onEdge(event.target.data('source'), event.target.data('target'));
    });
    instance.on('tap', (event) => {
      if (event.target === instance) handlersRef.current.onBackground();
    });
    let viewportTimer: ReturnType<typeof setTimeout> | undefined;
    instance.on('viewport', () => {
      clearTimeout(viewportTimer);
      viewportTimer = setTimeout(
        () => handlersRef.current.onViewport({ zoom: instance.zoom(), pan: { ...instance.pan() } }),
        250,
      );
    });
    cy.current = instance;
    activeGraph.current = instance;
    return () => {
      clearTimeout(viewportTimer);
      instance.destroy();
      drawnAs.current.clear();
      cy.current = null;
      if (activeGraph.current === instance) activeGraph.current = null;
    };
  }, [webgl]);

  // A layout effect: the new elements reach Cytoscape in the same task as the commit, so the next
  // frame draws them (a passive effect ran a scheduler task later, often after that frame).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a renderer change makes a new, empty instance that needs the elements again.
  useLayoutEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    const wanted = new Map<string, GraphNode | GraphEdge>();
    for (const n of nodes) wanted.set(n.id, n);
    for (const e of edges) wanted.set(e.id, e);
    const placed = new Set(instance.nodes().map((n) => n.id()));
    let nodesChanged = false;
    instance.batch(() => {
      instance.elements().forEach((element) => {
        const next = wanted.get(element.id());
        const sameParent =
          !next ||
          'source' in next ||
          (element.isNode() && (element.data('parent') ?? undefined) === next.parent);
        if (!next || !sameParent) {
          if (element.isNode()) nodesChanged = true;
          drawnAs.current.delete(element.id());
          if (!element.removed()) element.remove();
        }
      });
      const additions: ElementDefinition[] = [];
      const drawn = drawnAs.current;
      for (const element of wanted.values()) {
        const existing = instance.getElementById(element.id);
        const look = lookOf(element);
        if (existing.nonempty() && !existing.removed()) {
          // Restyling every element costs Cytoscape a style pass each: only what changed is touched.
          if (drawn.get(element.id) === look) continue;
          drawn.set(element.id, look);
          if ('label' in element && existing.data('label') !== element.label)
            existing.data('label', element.label);
          if ('source' in element) {
            existing.data('ports', element.ports ?? '');
            existing.data('verdict', element.verdict ?? '');
          }
          existing.classes(element.classes);
        } else {
          drawn.set(element.id, look);
          if (!('source' in element)) nodesChanged = true;
          additions.push(toDefinition(element));
        }
      }
      // Nodes first, so edges and children find their ends and parents.
      additions.sort((a, b) => (a.group === b.group ? 0 : a.group === 'nodes' ? -1 : 1));
      instance.add(additions);
    });
    if (!nodesChanged || instance.nodes().length === 0) return;
    const viewport = lookRef.current.viewport;
    if (placed.size === 0 && viewport) {
      // Back from the matrix, or opened from a link: the view the user left, not a fresh fit.
      const positions = gridLayout(nodes, structuralEdges(edges));
      instance.batch(() =>
        instance.nodes().forEach((n) => {
          const at = positions.get(n.id());
          if (at && n.isChildless()) n.position(at);
        }),
      );
      instance.viewport({ zoom: viewport.zoom, pan: viewport.pan });
      return;
    }
    placeNodes(instance, nodes, edges, placed, lookRef.current.presenter);
  }, [nodes, edges, webgl]);

  // Presenter view follows the selection: stepping with the arrow keys brings each workload
  // to the middle of the screen.
  useEffect(() => {
    const instance = cy.current;
    if (!instance || !look.presenter || !look.selected) return;
    const node = instance.getElementById(look.selected);
    if (node.nonempty()) instance.animate({ center: { eles: node } }, { duration: 250 });
  }, [look.presenter, look.selected]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.style(graphStyle(look.theme, look.presenter));
    if (look.presenter) fitReadable(instance, true);
  }, [look.theme, look.presenter]);

  return { container, cy };
}

/** The edges that shape the layout: what policies allow, not open or denied traffic. */
function structuralEdges(edges: readonly GraphEdge[]): GraphEdge[] {
  return edges.filter((e) => e.kind === 'reach' && e.verdict !== 'denied' && !e.unrestricted);
}

/** Zoom at which node labels (NODE_FONT) render at `px` CSS pixels. */
export function readableZoom(px: number): number {
  return px / NODE_FONT;
}

/**
 * Fits the graph, but never so far out that labels drop below the readable size: a large
 * graph then opens at readable size on its top-left corner (external addresses, then the first
 * namespaces) and the user pans or zooms out from there.
 */
export function fitReadable(instance: Core, presenter: boolean): void {
  const floor = readableZoom(presenter ? PRESENTER_LABEL_PX : MIN_LABEL_PX);
  instance.fit(undefined, 32);
  if (instance.zoom() >= floor) {
    // A small graph fitted to the view would be blown up; keep a natural size.
    const ceiling = presenter ? 2 : 1.25;
    if (instance.zoom() > ceiling) {
      instance.zoom(ceiling);
      instance.center();
    }
    return;
  }
  const box = instance.elements().boundingBox();
  instance.zoom(floor);
  instance.pan({ x: 32 - box.x1 * floor, y: 40 - box.y1 * floor });
}

/**
 * Places every leaf node on the deterministic grid (views/gridLayout). When the picture changes
 * (a namespace expanded, a file added), the node the user was looking at stays where it was on
 * screen: the view pans by however far the layout moved it.
 */
function placeNodes(
  instance: Core,
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  placed: ReadonlySet<string>,
  presenter: boolean,
): void {
  const positions = gridLayout(nodes, structuralEdges(edges));
  const leaves = instance.nodes().filter((n) => n.isChildless());
  const survivors = leaves.filter((n) => placed.has(n.id()));
  const fresh = survivors.length < Math.max(1, leaves.length / 2);
  const anchor = fresh
    ? null
    : ((survivors.filter('.selected').first().nonempty()
        ? survivors.filter('.selected').first()
        : survivors.first()) as NodeSingular);
  const before = anchor ? { ...anchor.renderedPosition() } : null;
  instance.batch(() => {
    leaves.forEach((node) => {
      const at = positions.get(node.id());
      if (at) node.position(at);
    });
  });
  if (fresh || !anchor || !before) {
    fitReadable(instance, presenter);
    return;
  }
  const after = anchor.renderedPosition();
  instance.panBy({ x: before.x - after.x, y: before.y - after.y });
}
