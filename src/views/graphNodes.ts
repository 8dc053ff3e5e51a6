import type { GraphNode, GraphOptions, GraphWords } from './graphElements.ts';
import type { Snapshot, WorkloadView } from './snapshot.ts';

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

/** The graph's nodes, and what the edges need to know about them. */
export interface GraphNodes {
  nodes: GraphNode[];
  /** Ids of the nodes drawn (hidden namespaces' members are not). */
  visible: Set<string>;
  /** Ids of the nodes a search matched. */
  matched: Set<string>;
  /** Workloads of each collapsed namespace (by namespace node id): counted, not drawn. */
  folded: Map<string, number>;
}

/**
 * Namespaces as compound nodes holding their workloads and routes, route targets, and external
 * address groups; search matches and the selection become classes.
 */
export function graphNodes(snapshot: Snapshot, options: GraphOptions, words: GraphWords): GraphNodes {
  const hidden = new Set(options.hiddenNamespaces);
  const nodes: GraphNode[] = [];
  const visible = new Set<string>();
  const searching = options.search.trim() !== '';
  const matched = new Set<string>();
  const folded = new Map<string, number>();

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
    const isMatch =
      searching &&
      matchesSearch(options.search, w.id, w.labels, [...w.policies.ingress, ...w.policies.egress]);
    if (isMatch) matched.add(w.id);
    visible.add(w.id);
    // A collapsed namespace's members are counted, not drawn: at 5,000 workloads building their
    // nodes only for collapseNamespaces to fold them away cost tens of milliseconds per redraw.
    if (options.collapsed.has(w.namespace)) {
      const box = `ns:${w.namespace}`;
      folded.set(box, (folded.get(box) ?? 0) + 1);
      continue;
    }
    const classes = ['workload', `kind-${w.kind.toLowerCase()}`];
    if (w.assumed) classes.push('assumed');
    if (w.isolated.ingress) classes.push('isolated-ingress');
    if (w.isolated.egress) classes.push('isolated-egress');
    if (isMatch) classes.push('match');
    if (options.selected === w.id) classes.push('selected');
    nodes.push({
      id: w.id,
      kind: 'workload',
      label: workloadLabel(w, words),
      parent: `ns:${w.namespace}`,
      classes,
      detail: w.kind,
    });
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
  for (const group of snapshot.externalGroups) {
    const classes = ['external'];
    if (options.selected === group.id) classes.push('selected');
    const label = group.label.startsWith('Internet') ? `${group.label}` : `external\n${group.label}`;
    nodes.push({ id: group.id, kind: 'external', label, classes });
    visible.add(group.id);
  }
  return { nodes, visible, matched, folded };
}
