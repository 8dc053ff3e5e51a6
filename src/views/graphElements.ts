import { namespaceOf } from './countedEdges.ts';
import { graphNodes } from './graphNodes.ts';
import { ReachEdges } from './reachEdges.ts';
import type { Snapshot, Verdict } from './snapshot.ts';

export { OPEN_BUNDLE_LIMIT } from './countedEdges.ts';

export type NodeKind = 'namespace' | 'workload' | 'service' | 'ingress' | 'external';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  parent?: string;
  classes: string[];
  /** Workload kind, for shapes; namespace name for workloads. */
  detail?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** `diff`: a before/after change drawn over the graph (see ui/diff/graphOverlay.ts). */
  kind: 'reach' | 'route' | 'diff';
  verdict?: Verdict;
  ports?: string;
  unrestricted?: boolean;
  classes: string[];
}

/** The words the graph's labels are made of, so the interface can draw them in its language. */
export interface GraphWords {
  isolated: string;
  in: string;
  out: string;
  perNode: string;
  assumed: string;
  connections: (count: number) => string;
  collapsedWorkloads: (count: number) => string;
}

export const ENGLISH_GRAPH_WORDS: GraphWords = {
  isolated: 'isolated',
  in: 'in',
  out: 'out',
  perNode: 'per node',
  assumed: '(assumed, not in your manifests)',
  connections: (n) => `${n} connection${n === 1 ? '' : 's'}`,
  collapsedWorkloads: (n) => `${n} workload${n === 1 ? '' : 's'} (collapsed)`,
};

/** The graph as drawn, and what was left out of it. */
export interface GraphElements {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Counted edges between collapsed namespaces (and external ranges) not drawn (see NAMESPACE_BUNDLE_LIMIT). */
  hiddenBundles: number;
  /** Workloads of each collapsed namespace (by namespace node id), not among the nodes. */
  folded?: ReadonlyMap<string, number>;
}

export interface GraphOptions {
  /** Label words; English when absent. */
  words?: GraphWords | undefined;
  verdictFilter: { allowed: boolean; partial: boolean; denied: boolean; unrestricted: boolean };
  hiddenNamespaces: readonly string[];
  search: string;
  /** Namespaces drawn as one node: their pairs become counted edges. */
  collapsed: ReadonlySet<string>;
  /** Draw Service and Ingress nodes and their route edges. */
  showRoutes: boolean;
  /** The selected node (workload id, `ns:NAME`, route or external id). */
  selected: string | null;
  /** The selected pair, if any. */
  selectedPair: { from: string; to: string } | null;
  /** Edge keys (`from->to`) that just changed verdict. */
  changed: ReadonlySet<string>;
  /**
   * Too many open connections to draw one by one: open pairs across namespaces become one
   * counted edge per namespace pair, and open pairs inside a namespace are left to the canvas
   * summary (except the selected workload's own).
   */
  aggregateOpen?: boolean;
  /** Denied edges (by edge key) a tier other than NetworkPolicy decided: their label, `✕ admin`. */
  deniedLabels?: ReadonlyMap<string, string> | undefined;
}

/** Above this many open pairs, open connections are drawn between namespaces, not workloads. */
export const OPEN_EDGE_LIMIT = 120;

/**
 * The graph as plain data: namespaces as compound nodes holding their workloads and routes,
 * external address groups, reachability edges coloured (and styled) by verdict, and route edges
 * (Ingress -> Service -> workloads). Filters, search and selection become classes.
 */
export function graphElements(snapshot: Snapshot, options: GraphOptions): GraphElements {
  const words = options.words ?? ENGLISH_GRAPH_WORDS;
  const { nodes, visible, matched, folded } = graphNodes(snapshot, options, words);
  const groupOfRange = new Map<string, string>();
  for (const group of snapshot.externalGroups)
    for (const range of group.ranges) groupOfRange.set(range, group.id);

  const reach = new ReachEdges(snapshot, options, visible);
  reach.addWorkloadPairs();
  reach.addExternal(groupOfRange);
  const hiddenBundles = reach.addAggregates(words);
  reach.addDenied();
  const edges = reach.edges;

  for (const link of snapshot.routeLinks) {
    if (!visible.has(link.from) || !visible.has(link.to)) continue;
    edges.push({
      id: `r:${link.from}->${link.to}`,
      source: link.from,
      target: link.to,
      kind: 'route',
      classes: ['route'],
    });
  }
  // Requests from the Internet enter through each Ingress (via the controller, whose own edges
  // to the backends carry the policy verdicts).
  const internet = snapshot.externalGroups.find((g) => g.label.startsWith('Internet'));
  if (internet && visible.has(internet.id)) {
    for (const route of snapshot.routes) {
      if (route.kind !== 'ingress' || !visible.has(route.id)) continue;
      edges.push({
        id: `r:${internet.id}->${route.id}`,
        source: internet.id,
        target: route.id,
        kind: 'route',
        classes: ['route'],
      });
    }
  }

  bundleBetweenNamespaces(edges, visible, words, matched);

  const focus = options.selected;
  if (options.search.trim() !== '') {
    for (const node of nodes)
      if (node.kind !== 'namespace' && !matched.has(node.id)) node.classes.push('faded');
    for (const edge of edges)
      if (!matched.has(edge.source) && !matched.has(edge.target)) edge.classes.push('faded');
  } else if (focus !== null && !focus.startsWith('ns:')) {
    const neighbours = new Set([focus]);
    for (const edge of edges)
      if (edge.source === focus || edge.target === focus) {
        neighbours.add(edge.source);
        neighbours.add(edge.target);
      }
    for (const node of nodes)
      if (node.kind !== 'namespace' && !neighbours.has(node.id)) node.classes.push('faded');
    for (const edge of edges) if (edge.source !== focus && edge.target !== focus) edge.classes.push('faded');
  }
  return { nodes, edges, hiddenBundles, folded };
}

/** Four or more arrows between the same two namespaces read better as one arrow with a count. */
export const BUNDLE_MIN = 4;

/**
 * Replaces groups of at least BUNDLE_MIN allowed arrows from workloads of one namespace to
 * workloads of another by one counted arrow between the namespace boxes. Arrows anyone is looking
 * at (the selection's, a selected pair, a fresh change, a search match) stay single.
 */
function bundleBetweenNamespaces(
  edges: GraphEdge[],
  visible: ReadonlySet<string>,
  words: GraphWords,
  matched: ReadonlySet<string>,
): void {
  const groups = new Map<string, number[]>();
  edges.forEach((edge, index) => {
    if (edge.kind !== 'reach' || edge.verdict === 'denied' || edge.classes.includes('aggregated')) return;
    if (edge.classes.some((c) => c === 'focus' || c === 'selected' || c === 'changed')) return;
    if (matched.has(edge.source) || matched.has(edge.target)) return;
    const from = namespaceOf(edge.source);
    const to = namespaceOf(edge.target);
    if (!from || !to || from === to || !visible.has(`ns:${from}`) || !visible.has(`ns:${to}`)) return;
    const key = `ns:${from}->ns:${to}`;
    const list = groups.get(key);
    if (list) list.push(index);
    else groups.set(key, [index]);
  });
  const drop = new Set<number>();
  for (const [key, indexes] of groups) {
    if (indexes.length < BUNDLE_MIN) continue;
    const members = indexes.map((i) => edges[i] as GraphEdge);
    const [source, target] = key.split('->') as [string, string];
    const partial = members.some((e) => e.verdict === 'partial');
    const unrestricted = members.every((e) => e.unrestricted === true);
    const classes = ['reach', `verdict-${partial ? 'partial' : 'allowed'}`, 'aggregated'];
    if (unrestricted) classes.push('unrestricted');
    for (const i of indexes) drop.add(i);
    edges.push({
      id: `bundle:${key}`,
      source,
      target,
      kind: 'reach',
      verdict: partial ? 'partial' : 'allowed',
      ports: words.connections(indexes.length),
      unrestricted,
      classes,
    });
  }
  if (drop.size === 0) return;
  const kept = edges.filter((_, i) => !drop.has(i));
  edges.length = 0;
  edges.push(...kept);
}
