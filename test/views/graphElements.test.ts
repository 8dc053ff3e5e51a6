import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/engine/index.ts';
import { generateCluster } from '../../src/gen/generateCluster.ts';
import { collapseNamespaces } from '../../src/views/collapseNamespaces.ts';
import { forEachPair } from '../../src/views/connections.ts';
import { type GraphOptions, graphElements } from '../../src/views/graphElements.ts';
import { NAMESPACE_BUNDLE_LIMIT } from '../../src/views/reachEdges.ts';
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
  const between = (edges: { source: string; target: string; unrestricted?: boolean }[]) =>
    edges.filter((e) => e.source.startsWith('ns:') && e.target.startsWith('ns:') && !e.unrestricted);
  const policyPairs = new Set(
    dense.namespacePairs.filter((p) => p.from !== p.to && !p.unrestricted).map((p) => `${p.from}->${p.to}`),
  );

  it('draws no namespace-to-namespace arrow past the limit and counts what it left out', () => {
    expect(policyPairs.size).toBeGreaterThan(NAMESPACE_BUNDLE_LIMIT);
    const drawn = graphElements(dense, options(names));
    expect(between(drawn.edges)).toEqual([]);
    expect(drawn.hiddenBundles).toBe(policyPairs.size);
  });

  it("draws the selected namespace's arrows, in and out", () => {
    const [selected] = names;
    const drawn = graphElements(dense, { ...options(names), selected: `ns:${selected}` });
    const expected = [...policyPairs].filter(
      (k) => k.startsWith(`${selected}->`) || k.endsWith(`->${selected}`),
    );
    expect(
      between(drawn.edges)
        .map((e) => `${e.source.slice(3)}->${e.target.slice(3)}`)
        .sort(),
    ).toEqual(expected.sort());
    expect(drawn.hiddenBundles).toBe(policyPairs.size - expected.length);
  });
});
