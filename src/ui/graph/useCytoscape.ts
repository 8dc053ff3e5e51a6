import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'react';
import type { GraphEdge, GraphNode } from '../../views/graphElements.ts';
import { graphStyle } from './graphStyle.ts';

cytoscape.use(fcose);

/**
 * Where each node was last drawn, kept across remounts (switching to the matrix and back), so
 * the picture the user has learned does not change under them.
 */
const positionCache = new Map<string, { x: number; y: number }>();

export interface GraphHandlers {
  onNode: (id: string, kind: GraphNode['kind']) => void;
  onEdge: (source: string, target: string) => void;
  onBackground: () => void;
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

/**
 * The one owner of the Cytoscape instance. Elements are reconciled by id, so a label toggle only
 * restyles edges and nodes never move; layout runs only when nodes are added or removed, and then
 * keeps the nodes that were already placed where they were.
 */
export function useCytoscape(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  handlers: GraphHandlers,
  webgl = false,
) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new instance only for a renderer change; elements are synced below.
  useEffect(() => {
    if (!container.current) return;
    const instance = cytoscape({
      container: container.current,
      style: graphStyle,
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
    cy.current = instance;
    return () => {
      instance.nodes().forEach((n) => {
        if (n.isChildless()) positionCache.set(n.id(), { ...n.position() });
      });
      instance.destroy();
      cy.current = null;
    };
  }, [webgl]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a renderer change makes a new, empty instance that needs the elements again.
  useEffect(() => {
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
          if (!element.removed()) element.remove();
        }
      });
      const additions: ElementDefinition[] = [];
      for (const element of wanted.values()) {
        const existing = instance.getElementById(element.id);
        if (existing.nonempty() && !existing.removed()) {
          if ('label' in element && existing.data('label') !== element.label)
            existing.data('label', element.label);
          if ('ports' in element) existing.data('ports', element.ports ?? '');
          existing.classes(element.classes);
        } else {
          if (!('source' in element)) nodesChanged = true;
          additions.push(toDefinition(element));
        }
      }
      // Nodes first, so edges and children find their ends and parents.
      additions.sort((a, b) => (a.group === b.group ? 0 : a.group === 'nodes' ? -1 : 1));
      instance.add(additions);
    });
    if (!nodesChanged || instance.nodes().length === 0) return;
    const leaves = instance.nodes().filter((n) => n.isChildless());
    if (placed.size === 0 && leaves.toArray().every((n) => positionCache.has(n.id()))) {
      leaves.forEach((n) => {
        const cached = positionCache.get(n.id());
        if (cached) n.position(cached);
      });
      instance.fit(undefined, 30);
      if (instance.zoom() > 1.2) instance.zoom(1.2);
      return;
    }
    runLayout(instance, placed);
  }, [nodes, edges, webgl]);

  return { container, cy };
}

function runLayout(instance: Core, placed: ReadonlySet<string>): void {
  // A fresh picture (first load, or a different sample) is laid out and fitted from scratch.
  // A different picture (another sample, other files) keeps few nodes, perhaps just "Internet":
  // lay it out and fit it afresh rather than around the survivors.
  const all = instance.nodes().toArray();
  const first = all.filter((n) => placed.has(n.id())).length < Math.max(1, all.length / 2);
  const fixed = first
    ? []
    : instance
        .nodes()
        .filter((n) => placed.has(n.id()) && n.isChildless())
        .map((n) => ({ nodeId: n.id(), position: { ...(n as cytoscape.NodeSingular).position() } }));
  if (first) seedPositions(instance);
  const options = {
    name: 'fcose',
    quality: 'default',
    // Seeded from a deterministic grid rather than random positions: everyone opening the same
    // manifests (a class, a shared link) sees the same picture.
    randomize: false,
    animate: false,
    fit: false,
    padding: 30,
    nodeDimensionsIncludeLabels: true,
    nodeRepulsion: 4500,
    idealEdgeLength: 70,
    nodeSeparation: 40,
    nestingFactor: 0.1,
    gravity: 0.8,
    gravityCompound: 1.2,
    packComponents: true,
    tile: true,
    tilingPaddingVertical: 24,
    tilingPaddingHorizontal: 24,
    ...(fixed.length > 0 && fixed.length < instance.nodes().length ? { fixedNodeConstraint: fixed } : {}),
  };
  const layout = instance.layout(options as cytoscape.LayoutOptions);
  if (first) {
    // A small graph fitted to the view would be blown up; keep text at a readable, natural size.
    layout.one('layoutstop', () => {
      instance.fit(undefined, 24);
      if (instance.zoom() > 1.3) {
        instance.zoom(1.3);
        instance.center();
      }
    });
  }
  layout.run();
}

/** Deterministic starting positions: namespaces side by side, their members on a small grid. */
function seedPositions(instance: Core): void {
  const groups = new Map<string, cytoscape.NodeSingular[]>();
  instance.nodes().forEach((node) => {
    if (!node.isChildless()) return;
    const parent = node.data('parent') ?? '';
    const list = groups.get(parent) ?? [];
    list.push(node);
    groups.set(parent, list);
  });
  // Groups on a grid too, so the picture fills a screen instead of a long strip.
  const perRow = Math.max(1, Math.ceil(Math.sqrt(groups.size)));
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let placedInRow = 0;
  for (const members of groups.values()) {
    const columns = Math.max(1, Math.ceil(Math.sqrt(members.length)));
    members.forEach((node, i) => {
      node.position({ x: x + (i % columns) * 200, y: y + Math.floor(i / columns) * 110 });
    });
    rowHeight = Math.max(rowHeight, Math.ceil(members.length / columns) * 110);
    x += columns * 200 + 80;
    if (++placedInRow === perRow) {
      placedInRow = 0;
      x = 0;
      y += rowHeight + 80;
      rowHeight = 0;
    }
  }
}
