import { edgeKey } from './diff.ts';
import type { GraphEdge, GraphOptions, GraphWords } from './graphElements.ts';
import type { Verdict } from './snapshot.ts';

/** Above this many bundled open edges, none is drawn (the canvas summary says it in words). */
export const OPEN_BUNDLE_LIMIT = 200;
/**
 * Above this many counted edges between collapsed namespaces, only the selected namespace's are
 * drawn: fifty namespaces that all reach each other make 2,000 arrows nobody can follow (and a
 * Cytoscape fit over them took 1.4 s); the canvas says how many are left out and how to see them.
 */
export const NAMESPACE_BUNDLE_LIMIT = 150;

interface Aggregate {
  source: string;
  target: string;
  count: number;
  partial: boolean;
  unrestricted: boolean;
}

/**
 * Workload pairs counted per cell of a grid of ends (workloads or namespaces): how many, any on
 * some ports only, any with a side some policy decides. Typed arrays, because a selected workload
 * in a collapsed cluster of 5,000 meets a million pairs on every redraw.
 */
export class PairTally {
  readonly count: Uint32Array;
  readonly partial: Uint8Array;
  readonly restricted: Uint8Array;

  constructor(cells: number) {
    this.count = new Uint32Array(cells);
    this.partial = new Uint8Array(cells);
    this.restricted = new Uint8Array(cells);
  }

  add(cell: number, partial: boolean, unrestricted: boolean): void {
    this.count[cell] = (this.count[cell] as number) + 1;
    if (partial) this.partial[cell] = 1;
    if (!unrestricted) this.restricted[cell] = 1;
  }
}

/**
 * Pairs counted into one edge per pair of ends (a workload, a collapsed namespace, an external
 * group), and the rules for which of them are drawn.
 */
export class CountedEdges {
  private readonly aggregate = new Map<string, Aggregate>();

  /** Counts pairs into the edge between two ends. */
  add(source: string, target: string, partial: boolean, unrestricted: boolean, count = 1): void {
    if (source === target) return;
    const key = edgeKey(source, target);
    const entry = this.aggregate.get(key);
    if (entry) {
      entry.count += count;
      entry.partial ||= partial;
      entry.unrestricted &&= unrestricted;
    } else this.aggregate.set(key, { source, target, count, partial, unrestricted });
  }

  /** Sets an edge's totals as a whole (the worker's per-namespace counts). */
  set(key: string, entry: Aggregate): void {
    this.aggregate.set(key, entry);
  }

  /**
   * Counted edges; open bundles beyond a few hundred say nothing the canvas sentence does not, and
   * past NAMESPACE_BUNDLE_LIMIT namespace-to-namespace bundles only the selection's are drawn (and
   * of the external ranges' bundles to collapsed namespaces, too). Returns them and how many were left out.
   */
  draw(
    words: GraphWords,
    options: GraphOptions,
    visible: ReadonlySet<string>,
  ): { edges: GraphEdge[]; left: number } {
    const focus = options.selected;
    const edges: GraphEdge[] = [];
    let openBundles = 0;
    let namespaceBundles = 0;
    for (const entry of this.aggregate.values()) {
      if (entry.unrestricted) openBundles++;
      else if (entry.source.startsWith('ns:') && entry.target.startsWith('ns:')) namespaceBundles++;
    }
    const dropOpenBundles = openBundles > OPEN_BUNDLE_LIMIT;
    const dropNamespaceBundles = namespaceBundles > NAMESPACE_BUNDLE_LIMIT;
    // A selected workload in a collapsed namespace is drawn as its namespace.
    const focusBox = focus === null || focus.startsWith('ns:') ? focus : `ns:${namespaceOf(focus)}`;
    let left = 0;
    for (const { source, target, count, partial, unrestricted } of this.aggregate.values()) {
      if (unrestricted && dropOpenBundles && source !== focus && target !== focus) continue;
      // In a dense overview, arrows between external ranges and collapsed namespaces go too.
      const overview =
        (source.startsWith('ns:') || source.startsWith('ext:')) &&
        (target.startsWith('ns:') || target.startsWith('ext:'));
      if (
        !unrestricted &&
        dropNamespaceBundles &&
        overview &&
        source !== focusBox &&
        target !== focusBox &&
        source !== focus &&
        target !== focus
      ) {
        left++;
        continue;
      }
      const verdict: Verdict = partial ? 'partial' : 'allowed';
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
    return { edges, left };
  }
}

/** The namespace of a workload id (`namespace/name`); empty for other node ids. */
export function namespaceOf(id: string): string {
  const slash = id.indexOf('/');
  return slash > 0 && !id.includes(':') ? id.slice(0, slash) : '';
}
