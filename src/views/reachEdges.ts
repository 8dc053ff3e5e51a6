import { externalSet, type PairIndex, pairSet, partialFlags, rangeIndex, SetRow } from './connections.ts';
import { CountedEdges, namespaceOf, PairTally } from './countedEdges.ts';
import { edgeKey } from './diff.ts';
import type { GraphEdge, GraphOptions, GraphWords } from './graphElements.ts';
import type { Snapshot, Verdict } from './snapshot.ts';

/**
 * Reachability edges of the graph: single edges between drawn workloads, counted edges towards
 * collapsed namespaces and external groups, and denied edges where someone asked to see them.
 * Workloads are handled by position, with typed arrays for their namespaces, isolation and
 * whether they are drawn; strings are made only for edges that are drawn.
 */
export class ReachEdges {
  readonly edges: GraphEdge[] = [];
  private readonly seen = new Set<string>();
  private readonly counted = new CountedEdges();
  private readonly n: number;
  private readonly ids: string[];
  private readonly nsNames: string[];
  private readonly nsOf: Uint32Array;
  /** 1 when the workload is drawn as itself (its namespace is not collapsed). */
  private readonly expanded: Uint8Array;
  private readonly isolatedIn: Uint8Array;
  private readonly isolatedOut: Uint8Array;
  /** 1 when the workload's end (itself or its collapsed namespace) is the selected node. */
  private readonly focusEnd: Uint8Array;
  private readonly focus: string | null;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly options: GraphOptions,
    private readonly visible: ReadonlySet<string>,
  ) {
    const { workloads } = snapshot;
    this.n = workloads.length;
    this.ids = workloads.map((w) => w.id);
    const nsIndex = new Map<string, number>();
    this.nsNames = [];
    this.nsOf = new Uint32Array(this.n);
    for (const [i, w] of workloads.entries()) {
      let k = nsIndex.get(w.namespace);
      if (k === undefined) {
        k = this.nsNames.length;
        nsIndex.set(w.namespace, k);
        this.nsNames.push(w.namespace);
      }
      this.nsOf[i] = k;
    }
    this.expanded = new Uint8Array(this.n);
    this.isolatedIn = new Uint8Array(this.n);
    this.isolatedOut = new Uint8Array(this.n);
    this.focusEnd = new Uint8Array(this.n);
    this.focus = options.selected;
    for (const [i, w] of workloads.entries()) {
      this.expanded[i] = options.collapsed.has(w.namespace) ? 0 : 1;
      this.isolatedIn[i] = w.isolated.ingress ? 1 : 0;
      this.isolatedOut[i] = w.isolated.egress ? 1 : 0;
    }
    const focusBox = this.focus?.startsWith('ns:') ? this.focus.slice(3) : undefined;
    for (let i = 0; i < this.n; i++)
      this.focusEnd[i] = (
        this.expanded[i]
          ? this.ids[i] === this.focus
          : this.nsNames[this.nsOf[i] as number] === focusBox
      )
        ? 1
        : 0;
  }

  /** A single edge, if it is drawn: a change, the selection's, or what the verdict filter shows. */
  addReach(source: string, target: string, verdict: Verdict, ports: string, unrestricted: boolean): void {
    const { options, focus } = this;
    if (source === target || !this.visible.has(source) || !this.visible.has(target)) return;
    const key = edgeKey(source, target);
    if (this.seen.has(key)) return;
    const changed = options.changed.has(key);
    const focused =
      focus !== null &&
      (source === focus ||
        target === focus ||
        focus === `ns:${namespaceOf(source)}` ||
        focus === `ns:${namespaceOf(target)}`);
    const selectedPair = options.selectedPair?.from === source && options.selectedPair.to === target;
    const show =
      changed ||
      focused ||
      selectedPair ||
      (verdict === 'denied'
        ? options.verdictFilter.denied
        : unrestricted
          ? options.verdictFilter.unrestricted
          : options.verdictFilter[verdict]);
    if (!show) return;
    this.seen.add(key);
    const classes = ['reach', `verdict-${verdict}`];
    if (verdict === 'denied' && ports !== 'none') classes.push('denied-by-tier');
    if (unrestricted) classes.push('unrestricted');
    if (changed) classes.push('changed');
    if (focus !== null && (source === focus || target === focus)) classes.push('focus');
    if (selectedPair) classes.push('selected');
    this.edges.push({ id: `e:${key}`, source, target, kind: 'reach', verdict, ports, unrestricted, classes });
  }

  /**
   * Workload pairs with a drawn end: single edges between drawn workloads, counted edges towards
   * collapsed namespaces; between two collapsed namespaces, the worker's per-namespace totals.
   */
  addWorkloadPairs(): void {
    const { n, expanded, isolatedIn, isolatedOut, focusEnd, nsOf, options } = this;
    const k = this.nsNames.length;
    const pairs = this.snapshot.pairs;
    const sets = pairs.sets;
    const isPartial = partialFlags(sets);
    const drawn: number[] = [];
    const folded: number[] = [];
    for (let i = 0; i < n; i++) (expanded[i] ? drawn : folded).push(i);
    const drawnPosition = new Int32Array(n).fill(-1);
    for (const [p, i] of drawn.entries()) drawnPosition[i] = p;
    const toNamespace = new PairTally(drawn.length * k);
    const fromNamespace = new PairTally(k * drawn.length);
    const betweenNamespaces = new PairTally(k * k);
    const row = new SetRow(pairs);
    const visit = (i: number, j: number, set: number) => {
      const unrestricted = !isolatedOut[i] && !isolatedIn[j];
      const partial = isPartial[set] === 1;
      if (unrestricted && options.aggregateOpen && !focusEnd[i] && !focusEnd[j]) {
        if (nsOf[i] !== nsOf[j])
          betweenNamespaces.add((nsOf[i] as number) * k + (nsOf[j] as number), partial, true);
        return;
      }
      if (expanded[i] && expanded[j]) {
        const entry = sets[set] as PairIndex['sets'][number];
        this.addReach(this.ids[i] as string, this.ids[j] as string, entry.verdict, entry.label, unrestricted);
      } else if (expanded[i])
        toNamespace.add((drawnPosition[i] as number) * k + (nsOf[j] as number), partial, unrestricted);
      else
        fromNamespace.add(
          (nsOf[i] as number) * drawn.length + (drawnPosition[j] as number),
          partial,
          unrestricted,
        );
    };
    for (const i of drawn) {
      row.from(i);
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const set = row.to(j);
        if (set !== 0) visit(i, j, set);
      }
    }
    // Collapsed sources towards the few drawn workloads: per pair when that is cheaper than
    // reading each source's ingress entries for every group.
    const perPair = drawn.length < row.groups;
    for (const i of drawn.length === 0 ? [] : folded) {
      if (perPair) {
        for (const j of drawn) {
          const set = pairSet(this.snapshot, i, j);
          if (set !== 0) visit(i, j, set);
        }
        continue;
      }
      row.from(i);
      for (const j of drawn) {
        const set = row.to(j);
        if (set !== 0) visit(i, j, set);
      }
    }
    const flush = (tally: PairTally, source: (cell: number) => string, target: (cell: number) => string) => {
      for (let cell = 0; cell < tally.count.length; cell++) {
        const count = tally.count[cell] as number;
        if (count > 0)
          this.counted.add(
            source(cell),
            target(cell),
            tally.partial[cell] === 1,
            tally.restricted[cell] === 0,
            count,
          );
      }
    };
    const ns = (index: number) => `ns:${this.nsNames[index]}`;
    flush(
      betweenNamespaces,
      (c) => ns(Math.floor(c / k)),
      (c) => ns(c % k),
    );
    flush(
      toNamespace,
      (c) => this.ids[drawn[Math.floor(c / k)] as number] as string,
      (c) => ns(c % k),
    );
    flush(
      fromNamespace,
      (c) => ns(Math.floor(c / drawn.length)),
      (c) => this.ids[drawn[c % drawn.length] as number] as string,
    );
    if (folded.length === 0) return;
    // Skip what would not be drawn before anything else: 1,000 open namespaces are a million pairs.
    const skipOpen = !options.verdictFilter.unrestricted || options.aggregateOpen === true;
    const skipPolicy = !options.verdictFilter.allowed && !options.verdictFilter.partial;
    const { collapsed } = options;
    for (const pair of this.snapshot.namespacePairs) {
      if (pair.unrestricted ? skipOpen : skipPolicy) continue;
      if (pair.from === pair.to || !collapsed.has(pair.from) || !collapsed.has(pair.to)) continue;
      this.counted.set(edgeKey(`ns:${pair.from}`, `ns:${pair.to}`), {
        source: `ns:${pair.from}`,
        target: `ns:${pair.to}`,
        count: pair.count,
        partial: pair.partial,
        unrestricted: pair.unrestricted,
      });
    }
  }

  /** External ranges' edges: to and from drawn workloads one by one, counted for collapsed ones. */
  addExternal(groupOfRange: ReadonlyMap<string, string>): void {
    const { snapshot, n, expanded, isolatedIn, isolatedOut, nsOf } = this;
    const { sets } = snapshot.external;
    const k = this.nsNames.length;
    const ranges = snapshot.externalRanges.length;
    const isPartial = partialFlags(sets);
    // Typed reads of the cells (workload-major, one per range): drawn workloads get their edges,
    // collapsed ones are counted per namespace.
    const cellsIn = snapshot.external.inbound;
    const cellsOut = snapshot.external.outbound;
    for (const [r, range] of snapshot.externalRanges.entries()) {
      const end = groupOfRange.get(range) ?? range;
      const inbound = new PairTally(k);
      const outbound = new PairTally(k);
      for (let w = 0; w < n; w++) {
        const into = cellsIn[w * ranges + r] as number;
        const out = cellsOut[w * ranges + r] as number;
        if (into === 0 && out === 0) continue;
        if (!expanded[w]) {
          const ns = nsOf[w] as number;
          if (into !== 0) inbound.add(ns, isPartial[into] === 1, !isolatedIn[w]);
          if (out !== 0) outbound.add(ns, isPartial[out] === 1, !isolatedOut[w]);
          continue;
        }
        const id = this.ids[w] as string;
        const entryIn = into === 0 ? undefined : sets[into];
        const entryOut = out === 0 ? undefined : sets[out];
        if (entryIn) this.addReach(end, id, entryIn.verdict, entryIn.label, !isolatedIn[w]);
        if (entryOut) this.addReach(id, end, entryOut.verdict, entryOut.label, !isolatedOut[w]);
      }
      for (let ns = 0; ns < k; ns++) {
        const name = `ns:${this.nsNames[ns]}`;
        if (inbound.count[ns])
          this.counted.add(end, name, inbound.partial[ns] === 1, !inbound.restricted[ns], inbound.count[ns]);
        if (outbound.count[ns])
          this.counted.add(
            name,
            end,
            outbound.partial[ns] === 1,
            !outbound.restricted[ns],
            outbound.count[ns],
          );
      }
    }
  }

  /** The counted edges (see CountedEdges.draw); returns how many were left out. */
  addAggregates(words: GraphWords): number {
    const { edges, left } = this.counted.draw(words, this.options, this.visible);
    this.edges.push(...edges);
    return left;
  }

  /** Whether the user asked to see a denied pair: the filter, a change, the selection. */
  private deniedWanted(from: string, to: string): boolean {
    const { options, focus } = this;
    return (
      options.verdictFilter.denied ||
      options.changed.has(edgeKey(from, to)) ||
      (focus !== null && (from === focus || to === focus)) ||
      (options.selectedPair?.from === from && options.selectedPair.to === to) ||
      (focus?.startsWith('ns:') ?? false)
    );
  }

  /** A denied pair of drawn workloads, where a policy denies (one side isolated, or a tier). */
  private considerDenied(i: number, j: number): void {
    if (i === j || !this.expanded[i] || !this.expanded[j]) return;
    const a = this.ids[i] as string;
    const b = this.ids[j] as string;
    const label = this.options.deniedLabels?.get(edgeKey(a, b));
    // A tier that denies without isolating (an AdminNetworkPolicy Deny rule) counts too.
    if (!this.isolatedOut[i] && !this.isolatedIn[j] && label === undefined) return;
    if (pairSet(this.snapshot, i, j) !== 0) return;
    if (this.deniedWanted(a, b)) this.addReach(a, b, 'denied', label ?? 'none', false);
  }

  /**
   * Denied edges between drawn workloads, only where asked for: every pair with the denied filter;
   * a selected namespace's members; the selection's, a selected pair's, and pairs a change closed.
   */
  addDenied(): void {
    const { options, focus, n, expanded } = this;
    const index = new Map(this.ids.map((id, i) => [id, i]));
    const drawn: number[] = [];
    for (let i = 0; i < n; i++) if (expanded[i]) drawn.push(i);
    if (options.verdictFilter.denied) {
      for (const i of drawn) for (const j of drawn) this.considerDenied(i, j);
    } else if (focus?.startsWith('ns:')) {
      const members = drawn.filter((i) => `ns:${this.nsNames[this.nsOf[i] as number]}` === focus);
      for (const i of members)
        for (const j of drawn) {
          this.considerDenied(i, j);
          this.considerDenied(j, i);
        }
    } else {
      const selected = focus === null ? undefined : index.get(focus);
      if (selected !== undefined)
        for (const j of drawn) {
          this.considerDenied(selected, j);
          this.considerDenied(j, selected);
        }
      const pair = options.selectedPair;
      const from = pair ? index.get(pair.from) : undefined;
      const to = pair ? index.get(pair.to) : undefined;
      if (from !== undefined && to !== undefined) this.considerDenied(from, to);
      for (const key of options.changed) {
        const [a, b] = key.split('->');
        const i = a === undefined ? undefined : index.get(a);
        const j = b === undefined ? undefined : index.get(b);
        if (i !== undefined && j !== undefined) this.considerDenied(i, j);
      }
    }
    this.addExternalDenied(index);
  }

  /** Denied edges between external groups and isolated workloads, where asked for. */
  private addExternalDenied(index: ReadonlyMap<string, number>): void {
    const { snapshot, options, focus, isolatedIn, isolatedOut } = this;
    const ranges = rangeIndex(snapshot);
    const everyone = options.verdictFilter.denied || (focus?.startsWith('ns:') ?? false);
    for (const group of snapshot.externalGroups) {
      const r = ranges.get(group.ranges[0] as string);
      if (r === undefined) continue;
      // Without the filter or a selected namespace, only the few workloads someone looks at.
      let candidates: Iterable<number>;
      if (everyone || focus === group.id) candidates = this.ids.keys();
      else {
        const wanted = new Set<number>();
        const add = (id: string | undefined) => {
          const i = id === undefined ? undefined : index.get(id);
          if (i !== undefined) wanted.add(i);
        };
        add(focus ?? undefined);
        if (options.selectedPair?.from === group.id) add(options.selectedPair.to);
        if (options.selectedPair?.to === group.id) add(options.selectedPair.from);
        for (const key of options.changed) {
          const [a, b] = key.split('->');
          if (a === group.id) add(b);
          if (b === group.id) add(a);
        }
        candidates = [...wanted].sort((a, b) => a - b);
      }
      for (const w of candidates) {
        const id = this.ids[w] as string;
        if (isolatedIn[w] && externalSet(snapshot, w, r, true) === 0 && this.deniedWanted(group.id, id))
          this.addReach(group.id, id, 'denied', 'none', false);
        if (isolatedOut[w] && externalSet(snapshot, w, r, false) === 0 && this.deniedWanted(id, group.id))
          this.addReach(id, group.id, 'denied', 'none', false);
      }
    }
  }
}
