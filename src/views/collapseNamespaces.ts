import { namespaceOf } from './countedEdges.ts';
import { ENGLISH_GRAPH_WORDS, type GraphEdge, type GraphNode, type GraphWords } from './graphElements.ts';
import type { Verdict } from './snapshot.ts';

/** Above this many workloads the graph starts with every namespace collapsed to one node. */
export const COLLAPSE_ABOVE_WORKLOADS = 150;

/**
 * Folds the members of collapsed namespaces into their namespace node and merges the edges
 * that now share both ends into one, labelled with how many connections it stands for. Keeps
 * a graph of thousands of workloads drawable; a namespace expands again on demand.
 */
export function collapseNamespaces(
  elements: { nodes: GraphNode[]; edges: GraphEdge[]; folded?: ReadonlyMap<string, number> },
  collapsed: ReadonlySet<string>,
  words: GraphWords | undefined = ENGLISH_GRAPH_WORDS,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  if (collapsed.size === 0) return elements;
  const representative = new Map<string, string>();
  const members = new Map<string, number>(elements.folded ?? []);
  const nodes: GraphNode[] = [];
  for (const node of elements.nodes) {
    const namespace = node.parent?.startsWith('ns:') ? node.parent.slice(3) : undefined;
    if (namespace !== undefined && collapsed.has(namespace)) {
      representative.set(node.id, node.parent as string);
      if (node.kind === 'workload')
        members.set(node.parent as string, (members.get(node.parent as string) ?? 0) + 1);
      continue;
    }
    nodes.push(node);
  }
  for (const node of nodes) {
    if (node.kind !== 'namespace' || !collapsed.has(node.id.slice(3))) continue;
    const count = members.get(node.id) ?? 0;
    node.label = `${node.label}\n${(words ?? ENGLISH_GRAPH_WORDS).collapsedWorkloads(count)}`;
    node.classes = [...node.classes, 'collapsed'];
  }
  // Members of collapsed namespaces may come counted rather than as nodes (see graphNodes).
  const endOf = (id: string) => {
    const known = representative.get(id);
    if (known) return known;
    const namespace = namespaceOf(id);
    return namespace && collapsed.has(namespace) ? `ns:${namespace}` : id;
  };
  const merged = new Map<
    string,
    { edge: GraphEdge; count: number; verdicts: Set<Verdict>; allUnrestricted: boolean }
  >();
  const edges: GraphEdge[] = [];
  for (const edge of elements.edges) {
    const source = endOf(edge.source);
    const target = endOf(edge.target);
    if (source === edge.source && target === edge.target) {
      edges.push(edge);
      continue;
    }
    if (source === target || edge.kind === 'route') continue;
    const key = `${source}->${target}:${edge.verdict === 'denied' ? 'denied' : 'open'}`;
    const entry = merged.get(key);
    if (entry) {
      entry.count++;
      if (edge.verdict) entry.verdicts.add(edge.verdict);
      entry.allUnrestricted &&= edge.unrestricted === true;
    } else {
      merged.set(key, {
        edge: { ...edge, id: `agg:${key}`, source, target },
        count: 1,
        verdicts: new Set(edge.verdict ? [edge.verdict] : []),
        allUnrestricted: edge.unrestricted === true,
      });
    }
  }
  for (const { edge, count, verdicts, allUnrestricted } of merged.values()) {
    const verdict: Verdict = verdicts.has('denied')
      ? 'denied'
      : verdicts.has('partial')
        ? 'partial'
        : 'allowed';
    const classes = [
      'reach',
      `verdict-${verdict}`,
      'aggregated',
      ...edge.classes.filter((c) => c === 'focus' || c === 'faded' || c === 'changed'),
    ];
    if (allUnrestricted) classes.push('unrestricted');
    edges.push({
      ...edge,
      verdict,
      unrestricted: allUnrestricted,
      ports: (words ?? ENGLISH_GRAPH_WORDS).connections(count),
      classes,
    });
  }
  return { nodes, edges };
}
