import { forEachPair, pairSet, workloadIndex } from './connections.ts';
import { edgeKey } from './diff.ts';
import type { Snapshot, Verdict, WorkloadView } from './snapshot.ts';

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
/** Above this many bundled open edges, none is drawn (the canvas summary says it in words). */
export const OPEN_BUNDLE_LIMIT = 200;

const KIND_SHORT: Record<string, string> = {
  Deployment: 'Deployment',
  StatefulSet: 'StatefulSet',
  DaemonSet: 'DaemonSet',
  ReplicaSet: 'ReplicaSet',
  ReplicationController: 'ReplicationCtrl',
  Job: 'Job',
  CronJob: 'CronJob',
  Pod: 'Pod',
};

function workloadLabel(w: WorkloadView, words: GraphWords): string {
  if (w.assumed) return `${w.name}\n${words.assumed}`;
  const count = w.kind === 'DaemonSet' ? words.perNode : `×${w.replicas}`;
  const isolated = [w.isolated.ingress ? words.in : '', w.isolated.egress ? words.out : '']
    .filter(Boolean)
    .join('+');
  return `${w.name}\n${KIND_SHORT[w.kind] ?? w.kind} ${count}${isolated ? `\n${words.isolated}: ${isolated}` : ''}`;
}

/** Labels worth showing on a namespace box: all but the automatic name label. */
function namespaceLabel(name: string, labels: Record<string, string>): string {
  const shown = Object.entries(labels)
    .filter(([k]) => k !== 'kubernetes.io/metadata.name')
    .map(([k, v]) => `${k}=${v}`);
  return shown.length ? `${name}  (${shown.join(', ')})` : name;
}

/** Search matches a name, a `key=value` label, or the name of a policy that isolates it. */
function matchesSearch(
  search: string,
  text: string,
  labels: Record<string, string>,
  policies: readonly string[] = [],
): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  if (text.toLowerCase().includes(needle)) return true;
  if (policies.some((p) => p.toLowerCase().includes(needle))) return true;
  return Object.entries(labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(needle));
}

/**
 * The graph as plain data: namespaces as compound nodes holding their workloads and routes,
 * external address groups, reachability edges coloured (and styled) by verdict, and route edges
 * (Ingress -> Service -> workloads). Filters, search and selection become classes.
 */
export function graphElements(
  snapshot: Snapshot,
  options: GraphOptions,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const words = options.words ?? ENGLISH_GRAPH_WORDS;
  const hidden = new Set(options.hiddenNamespaces);
  const nodes: GraphNode[] = [];
  const visible = new Set<string>();
  const searching = options.search.trim() !== '';
  const matched = new Set<string>();

  for (const ns of snapshot.namespaces) {
    if (hidden.has(ns.name)) continue;
    const id = `ns:${ns.name}`;
    const classes = ['namespace'];
    if (options.selected === id) classes.push('selected');
    // A collapsed namespace is found by its name (its members are folded into it).
    if (searching && options.collapsed.has(ns.name) && matchesSearch(options.search, ns.name, ns.labels)) {
      classes.push('match');
      matched.add(id);
    }
    nodes.push({ id, kind: 'namespace', label: namespaceLabel(ns.name, ns.labels), classes });
    visible.add(id);
  }
  for (const w of snapshot.workloads) {
    if (hidden.has(w.namespace)) continue;
    const classes = ['workload', `kind-${w.kind.toLowerCase()}`];
    if (w.assumed) classes.push('assumed');
    if (w.isolated.ingress) classes.push('isolated-ingress');
    if (w.isolated.egress) classes.push('isolated-egress');
    if (
      searching &&
      matchesSearch(options.search, w.id, w.labels, [...w.policies.ingress, ...w.policies.egress])
    ) {
      classes.push('match');
      matched.add(w.id);
    }
    if (options.selected === w.id) classes.push('selected');
    nodes.push({
      id: w.id,
      kind: 'workload',
      label: workloadLabel(w, words),
      parent: `ns:${w.namespace}`,
      classes,
      detail: w.kind,
    });
    visible.add(w.id);
  }
  for (const route of snapshot.routes) {
    if (!options.showRoutes || hidden.has(route.namespace)) continue;
    const classes: string[] = [route.kind];
    if (searching && matchesSearch(options.search, `${route.namespace}/${route.name}`, {})) {
      classes.push('match');
      matched.add(route.id);
    }
    if (options.selected === route.id) classes.push('selected');
    const title = route.kind === 'service' ? `svc ${route.name}` : `ingress ${route.name}`;
    nodes.push({
      id: route.id,
      kind: route.kind,
      label: `${title}\n${route.detail}`,
      parent: `ns:${route.namespace}`,
      classes,
    });
    visible.add(route.id);
  }
  if (options.showRoutes) {
    for (const target of snapshot.routeTargets) {
      nodes.push({
        id: target.id,
        kind: 'external',
        label: target.label,
        classes: ['external', 'route-target'],
      });
      visible.add(target.id);
    }
  }
  const groupOfRange = new Map<string, string>();
  for (const group of snapshot.externalGroups) {
    const classes = ['external'];
    if (options.selected === group.id) classes.push('selected');
    const label = group.label.startsWith('Internet') ? `${group.label}` : `external\n${group.label}`;
    nodes.push({ id: group.id, kind: 'external', label, classes });
    visible.add(group.id);
    for (const range of group.ranges) groupOfRange.set(range, group.id);
  }

  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const focus = options.selected;
  const touches = (c: { from: string; to: string }) => focus !== null && (c.from === focus || c.to === focus);
  const addReach = (
    source: string,
    target: string,
    verdict: Verdict,
    ports: string,
    unrestricted: boolean,
  ) => {
    if (source === target || !visible.has(source) || !visible.has(target)) return;
    const key = edgeKey(source, target);
    if (seen.has(key)) return;
    const changed = options.changed.has(key);
    const focused =
      focus !== null &&
      (source === focus ||
        target === focus ||
        focus === `ns:${namespaceOf(source)}` ||
        focus === `ns:${namespaceOf(target)}`);
    const show =
      changed ||
      focused ||
      (options.selectedPair?.from === source && options.selectedPair.to === target) ||
      (verdict === 'denied'
        ? options.verdictFilter.denied
        : unrestricted
          ? options.verdictFilter.unrestricted
          : options.verdictFilter[verdict]);
    if (!show) return;
    seen.add(key);
    const classes = ['reach', `verdict-${verdict}`];
    if (verdict === 'denied' && ports !== 'none') classes.push('denied-by-tier');
    if (unrestricted) classes.push('unrestricted');
    if (changed) classes.push('changed');
    if (focus !== null && (source === focus || target === focus)) classes.push('focus');
    if (options.selectedPair && options.selectedPair.from === source && options.selectedPair.to === target)
      classes.push('selected');
    edges.push({ id: `e:${key}`, source, target, kind: 'reach', verdict, ports, unrestricted, classes });
  };

  // Pairs in collapsed namespaces become one counted edge per pair of visible ends.
  const collapsed = options.collapsed;
  const ids = snapshot.workloads.map((w) => w.id);
  const ends = snapshot.workloads.map((w) => (collapsed.has(w.namespace) ? `ns:${w.namespace}` : w.id));
  const aggregate = new Map<
    string,
    { source: string; target: string; count: number; verdicts: Set<Verdict>; unrestricted: boolean }
  >();
  const addAggregate = (source: string, target: string, verdict: Verdict, unrestricted: boolean) => {
    if (source === target) return;
    const key = edgeKey(source, target);
    const entry = aggregate.get(key);
    if (entry) {
      entry.count++;
      entry.verdicts.add(verdict);
      entry.unrestricted &&= unrestricted;
    } else aggregate.set(key, { source, target, count: 1, verdicts: new Set([verdict]), unrestricted });
  };
  const visitPair = (i: number, j: number) => {
    if (i === j) return;
    const set = pairSet(snapshot, i, j);
    if (set === 0) return;
    const entry = snapshot.pairs.sets[set] as Snapshot['pairs']['sets'][number];
    const unrestricted = !snapshot.workloads[i]?.isolated.egress && !snapshot.workloads[j]?.isolated.ingress;
    const source = ends[i] as string;
    const target = ends[j] as string;
    if (unrestricted && options.aggregateOpen && source !== focus && target !== focus) {
      const from = snapshot.workloads[i] as WorkloadView;
      const to = snapshot.workloads[j] as WorkloadView;
      if (from.namespace !== to.namespace)
        addAggregate(`ns:${from.namespace}`, `ns:${to.namespace}`, entry.verdict, true);
      return;
    }
    if (source === ids[i] && target === ids[j])
      addReach(source, target, entry.verdict, entry.label, unrestricted);
    else addAggregate(source, target, entry.verdict, unrestricted);
  };
  if (collapsed.size === 0) {
    forEachPair(snapshot, (i, j) => visitPair(i, j));
  } else {
    // Pairs touching an expanded namespace one by one; between collapsed namespaces, the
    // worker's per-namespace totals, so a collapsed big cluster costs the page next to nothing.
    const open: number[] = [];
    const folded: number[] = [];
    for (const [i, w] of snapshot.workloads.entries()) {
      if (collapsed.has(w.namespace)) folded.push(i);
      else open.push(i);
    }
    for (const i of open) for (let j = 0; j < snapshot.workloads.length; j++) visitPair(i, j);
    for (const i of folded) for (const j of open) visitPair(i, j);
    // Skip what would not be drawn before anything else: 1,000 open namespaces are a million
    // pairs, and building them all took seconds on every redraw.
    const skipOpen = !options.verdictFilter.unrestricted || options.aggregateOpen === true;
    const skipPolicy = !options.verdictFilter.allowed && !options.verdictFilter.partial;
    for (const pair of snapshot.namespacePairs) {
      if (pair.unrestricted ? skipOpen : skipPolicy) continue;
      if (pair.from === pair.to || !collapsed.has(pair.from) || !collapsed.has(pair.to)) continue;
      aggregate.set(edgeKey(`ns:${pair.from}`, `ns:${pair.to}`), {
        source: `ns:${pair.from}`,
        target: `ns:${pair.to}`,
        count: pair.count,
        verdicts: new Set<Verdict>(pair.partial ? ['partial'] : ['allowed']),
        unrestricted: pair.unrestricted,
      });
    }
  }
  const externalKeys = new Set<string>();
  const endOf = new Map(snapshot.workloads.map((w, i) => [w.id, ends[i] as string]));
  for (const c of snapshot.externalConnections) {
    externalKeys.add(edgeKey(c.from, c.to));
    const from = groupOfRange.get(c.from) ?? endOf.get(c.from) ?? c.from;
    const to = groupOfRange.get(c.to) ?? endOf.get(c.to) ?? c.to;
    if (endOf.get(c.from) === c.from || endOf.get(c.to) === c.to)
      addReach(from, to, c.verdict, c.label, c.unrestricted);
    else addAggregate(from, to, c.verdict, c.unrestricted);
  }
  // Open bundles beyond a few hundred say nothing a sentence does not: the canvas summary
  // ("every workload can reach every other") stands for them.
  let openBundles = 0;
  for (const entry of aggregate.values()) if (entry.unrestricted) openBundles++;
  const dropOpenBundles = openBundles > OPEN_BUNDLE_LIMIT;
  for (const { source, target, count, verdicts, unrestricted } of aggregate.values()) {
    if (unrestricted && dropOpenBundles && source !== focus && target !== focus) continue;
    const verdict: Verdict = verdicts.has('partial') ? 'partial' : 'allowed';
    const shown = unrestricted
      ? options.verdictFilter.unrestricted
      : options.verdictFilter.allowed || options.verdictFilter.partial;
    if (!shown || !visible.has(source) || !visible.has(target)) continue;
    const classes = ['reach', `verdict-${verdict}`, 'aggregated'];
    if (unrestricted) classes.push('unrestricted');
    edges.push({
      id: `agg:${edgeKey(source, target)}`,
      source,
      target,
      kind: 'reach',
      verdict,
      ports: words.connections(count),
      unrestricted,
      classes,
    });
  }
  const index = workloadIndex(snapshot);
  const isAllowed = (from: string, to: string) => {
    const a = index.get(from);
    const b = index.get(to);
    if (a !== undefined && b !== undefined) return pairSet(snapshot, a, b) !== 0;
    return externalKeys.has(edgeKey(from, to));
  };
  // Denied edges: only where a policy denies (one side isolated), when asked for, for the
  // selection, or when a change just closed them.
  const isSelectedPair = (from: string, to: string) =>
    options.selectedPair?.from === from && options.selectedPair.to === to;
  const deniedWanted = (from: string, to: string) =>
    options.verdictFilter.denied ||
    options.changed.has(edgeKey(from, to)) ||
    touches({ from, to }) ||
    isSelectedPair(from, to) ||
    (focus?.startsWith('ns:') ?? false);
  const isolatedIn = new Set(snapshot.workloads.filter((w) => w.isolated.ingress).map((w) => w.id));
  const isolatedOut = new Set(snapshot.workloads.filter((w) => w.isolated.egress).map((w) => w.id));
  const considerDenied = (a: string, b: string) => {
    // A tier that denies without isolating (an AdminNetworkPolicy Deny rule) counts too.
    const tierDenied = options.deniedLabels?.has(edgeKey(a, b)) ?? false;
    if (a === b || (!isolatedOut.has(a) && !isolatedIn.has(b) && !tierDenied) || isAllowed(a, b)) return;
    if (endOf.get(a) !== a || endOf.get(b) !== b) return;
    if (deniedWanted(a, b))
      addReach(a, b, 'denied', options.deniedLabels?.get(edgeKey(a, b)) ?? 'none', false);
  };
  if (options.verdictFilter.denied) {
    for (const a of snapshot.workloads) for (const b of snapshot.workloads) considerDenied(a.id, b.id);
  } else if (focus?.startsWith('ns:')) {
    // A selected namespace: the denied pairs touching its members only. Walking every pair
    // cost 1,000,000 steps (5.5 s) when a namespace was selected to be expanded.
    const members = snapshot.workloads.filter((w) => `ns:${w.namespace}` === focus);
    for (const a of members)
      for (const b of snapshot.workloads) {
        considerDenied(a.id, b.id);
        considerDenied(b.id, a.id);
      }
  } else {
    // Only the few denied pairs anyone asked to see: the selection's, a selected pair, and
    // pairs a change just closed. Walking every pair would cost a million steps at 1,000 workloads.
    if (focus !== null) {
      for (const other of snapshot.workloads) {
        considerDenied(focus, other.id);
        considerDenied(other.id, focus);
      }
    }
    if (options.selectedPair) considerDenied(options.selectedPair.from, options.selectedPair.to);
    for (const key of options.changed) {
      const [from, to] = key.split('->');
      if (from && to) considerDenied(from, to);
    }
  }
  for (const group of snapshot.externalGroups) {
    const range = group.ranges[0] as string;
    for (const w of snapshot.workloads) {
      if (isolatedIn.has(w.id) && !isAllowed(range, w.id) && deniedWanted(group.id, w.id))
        addReach(group.id, w.id, 'denied', 'none', false);
      if (isolatedOut.has(w.id) && !isAllowed(w.id, range) && deniedWanted(w.id, group.id))
        addReach(w.id, group.id, 'denied', 'none', false);
    }
  }

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

  if (searching) {
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
  return { nodes, edges };
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

function namespaceOf(id: string): string {
  const slash = id.indexOf('/');
  return slash > 0 && !id.includes(':') ? id.slice(0, slash) : '';
}
