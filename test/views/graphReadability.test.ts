import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/engine/index.ts';
import { type GraphOptions, graphElements } from '../../src/views/graphElements.ts';
import { openReason, showsOpen } from '../../src/views/openReason.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';

const pod = (ns: string, name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {app: ${name}}}`;
const analyze = (text: string, plugin = DEFAULT_SETTINGS.networkPlugin) =>
  new AnalysisSession().analyze([{ name: 'in.yaml', text }], [], {
    ...DEFAULT_SETTINGS,
    networkPlugin: plugin,
  });
const options = (over: Partial<GraphOptions> = {}): GraphOptions => ({
  verdictFilter: { allowed: true, partial: true, denied: false, unrestricted: false },
  hiddenNamespaces: [],
  search: '',
  collapsed: new Set(),
  showRoutes: false,
  selected: null,
  selectedPair: null,
  changed: new Set(),
  ...over,
});

const noPolicies = [pod('a', 'web'), pod('a', 'api'), pod('b', 'db')].join('\n---\n');
const oneIsolated = `${noPolicies}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: b}\nspec: {podSelector: {}}`;

describe('open connections are shown by default when nothing is isolated', () => {
  it.each([
    ['no policy at all', noPolicies, 'calico', 'no-policy', true],
    ['one namespace isolated', oneIsolated, 'calico', null, false],
    ['policies present but the plugin ignores them (Flannel)', oneIsolated, 'flannel', 'not-enforced', true],
  ])('%s', (_, text, plugin, reason, shown) => {
    const snapshot = analyze(text, plugin);
    expect(openReason(snapshot)).toBe(reason);
    expect(showsOpen(null, false, snapshot)).toBe(shown);
  });

  it('a choice by the user wins over the default', () => {
    const snapshot = analyze(noPolicies);
    expect(showsOpen(false, false, snapshot)).toBe(false);
  });
});

describe('arrows between two namespaces', () => {
  // Four clients in ns "c" may all reach the server in ns "s": four arrows between the same boxes.
  const text = [
    ...['c1', 'c2', 'c3', 'c4'].map((n) => pod('c', n)),
    pod('s', 'server'),
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: from-c, namespace: s}\nspec:\n  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: c}}}]}]',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: c}\nspec: {podSelector: {}}',
  ].join('\n---\n');
  const snapshot = analyze(text);

  it('four or more become one arrow between the boxes, with a count', () => {
    const { edges } = graphElements(snapshot, options());
    const between = edges.filter((e) => e.kind === 'reach' && e.target.startsWith('s/'));
    expect(between).toEqual([]);
    expect(edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'ns:c',
          target: 'ns:s',
          verdict: 'allowed',
          ports: '4 connections',
        }),
      ]),
    );
  });

  it('stay single for the selected workload, which is what the user is looking at', () => {
    const { edges } = graphElements(snapshot, options({ selected: 's/server' }));
    expect(
      edges
        .filter((e) => e.target === 's/server' && e.source.startsWith('c/'))
        .map((e) => e.source)
        .sort(),
    ).toEqual(['c/c1', 'c/c2', 'c/c3', 'c/c4']);
  });
});
