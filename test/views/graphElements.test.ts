import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/engine/index.ts';
import { generateCluster } from '../../src/gen/generateCluster.ts';
import { collapseNamespaces } from '../../src/views/collapseNamespaces.ts';
import { externalConnectionsOf, forEachPair } from '../../src/views/connections.ts';
import { NAMESPACE_BUNDLE_LIMIT } from '../../src/views/countedEdges.ts';
import { type GraphOptions, graphElements } from '../../src/views/graphElements.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';

const snapshot = new AnalysisSession().analyze(
  [{ name: 'g.yaml', text: generateCluster({ workloads: 200, namespaces: 6, policies: 60, seed: 11 }) }],
  [],
  DEFAULT_SETTINGS,
);
const options = (collapsed: string[]): GraphOptions => ({
  verdictFilter: { allowed: true, partial: true, denied: false, unrestricted: true },
  hiddenNamespaces: [],
  search: '',
  collapsed: new Set(collapsed),
  showRoutes: false,
  selected: null,
  selectedPair: null,
  changed: new Set(),
});

describe('graphElements with collapsed namespaces', () => {
  it('counts every workload pair between collapsed namespaces, as walking all pairs would', () => {
    const namespaces = snapshot.namespaces.map((n) => n.name);
    const { edges } = collapseNamespaces(graphElements(snapshot, options(namespaces)), new Set(namespaces));
    const expected = new Map<string, number>();
    forEachPair(snapshot, (i, j) => {
      const a = snapshot.workloads[i]?.namespace;
      const b = snapshot.workloads[j]?.namespace;
      if (i === j || a === b) return;
      const key = `ns:${a}->ns:${b}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    });
    const actual = new Map(
      edges
        .filter((e) => e.source.startsWith('ns:') && e.target.startsWith('ns:'))
        .map((e) => [`${e.source}->${e.target}`, Number(e.ports?.split(' ')[0])]),
    );
    expect(actual).toEqual(expected);
  });

  it('keeps single edges for an expanded namespace and counts towards the collapsed ones', () => {
    const [open, ...rest] = snapshot.namespaces.map((n) => n.name);
    const { edges } = collapseNamespaces(graphElements(snapshot, options(rest)), new Set(rest));
    const fromOpen = edges.filter((e) => e.source.startsWith(`${open}/`));
    expect(fromOpen.length).toBeGreaterThan(0);
    for (const edge of fromOpen)
      expect(
        edge.target.startsWith(`${open}/`) || edge.target.startsWith('ns:') || edge.target.startsWith('ext:'),
      ).toBe(true);
  });
});

describe('a dense overview of collapsed namespaces', () => {
  const dense = new AnalysisSession().analyze(
    [
      {
        name: 'g.yaml',
        text: generateCluster({ workloads: 600, namespaces: 20, policies: 200, seed: 4, distinct: true }),
      },
    ],
    [],
    DEFAULT_SETTINGS,
  );
  const names = dense.namespaces.map((n) => n.name);
  const overview = (id: string) => id.startsWith('ns:') || id.startsWith('ext:');
  const bundles = (edges: { source: string; target: string; unrestricted?: boolean }[]) =>
    edges
      .filter((e) => overview(e.source) && overview(e.target) && !e.unrestricted)
      .map((e) => `${e.source}->${e.target}`);
  // What a dense overview stands for: pairs of namespaces some policy connects, and external
  // groups to and from namespaces where some connection has a side a policy decides.
  const expected = new Set(
    dense.namespacePairs
      .filter((p) => p.from !== p.to && !p.unrestricted)
      .map((p) => `ns:${p.from}->ns:${p.to}`),
  );
  const groupOf = new Map(dense.externalGroups.flatMap((g) => g.ranges.map((r) => [r, g.id] as const)));
  const namespaceOf = new Map(dense.workloads.map((w) => [w.id, w.namespace]));
  const restricted = new Map<string, boolean>();
  for (const c of externalConnectionsOf(dense)) {
    const from = groupOf.get(c.from) ?? `ns:${namespaceOf.get(c.from)}`;
    const to = groupOf.get(c.to) ?? `ns:${namespaceOf.get(c.to)}`;
    const key = `${from}->${to}`;
    restricted.set(key, (restricted.get(key) ?? false) || !c.unrestricted);
  }
  for (const [key, some] of restricted) if (some) expected.add(key);

  it('draws no arrow between collapsed namespaces and ranges past the limit, and counts them', () => {
    expect(dense.namespacePairs.filter((p) => p.from !== p.to && !p.unrestricted).length).toBeGreaterThan(
      NAMESPACE_BUNDLE_LIMIT,
    );
    const drawn = graphElements(dense, options(names));
    expect(bundles(drawn.edges)).toEqual([]);
    expect(drawn.hiddenBundles).toBe(expected.size);
  });

  it("draws the selected namespace's arrows, in and out", () => {
    const selected = `ns:${names[0]}`;
    const drawn = graphElements(dense, { ...options(names), selected });
    const own = [...expected].filter((k) => k.startsWith(`${selected}->`) || k.endsWith(`->${selected}`));
    expect(bundles(drawn.edges).sort()).toEqual(own.sort());
    expect(drawn.hiddenBundles).toBe(expected.size - own.length);
  });
});
