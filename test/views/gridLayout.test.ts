import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../src/views/graphElements.ts';
import { CELL, gridLayout } from '../../src/views/gridLayout.ts';

const ns = (name: string): GraphNode => ({ id: `ns:${name}`, kind: 'namespace', label: name, classes: [] });
const pod = (namespace: string, name: string): GraphNode => ({
  id: `${namespace}/${name}`,
  kind: 'workload',
  label: name,
  parent: `ns:${namespace}`,
  classes: [],
});
const edge = (source: string, target: string) => ({ source, target });

/** Two leaves overlap when their cells (CELL wide and tall, centred on the position) intersect. */
function overlaps(positions: Map<string, { x: number; y: number }>): string[] {
  const list = [...positions];
  const found: string[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [a, p] = list[i] as [string, { x: number; y: number }];
      const [b, q] = list[j] as [string, { x: number; y: number }];
      if (Math.abs(p.x - q.x) < CELL.width && Math.abs(p.y - q.y) < CELL.height) found.push(`${a} & ${b}`);
    }
  return found;
}

describe('gridLayout', () => {
  const namespaces = Array.from({ length: 12 }, (_, n) => `team-${n}`);
  const cluster: GraphNode[] = [
    { id: 'ext:internet', kind: 'external', label: 'Internet', classes: [] },
    ...namespaces.map(ns),
    ...namespaces.flatMap((n, i) => Array.from({ length: (i % 5) + 1 }, (_, w) => pod(n, `w${w}`))),
  ];

  it.each([
    ['12 namespaces of 1 to 5 workloads and an external node', cluster],
    ['1,000 collapsed namespaces', Array.from({ length: 1000 }, (_, i) => ns(`n${i}`))],
  ])('%s: no two nodes overlap', (_, nodes) => {
    expect(overlaps(gridLayout(nodes))).toEqual([]);
  });

  it('is a function of its input: the same nodes give the same picture', () => {
    expect([...gridLayout(cluster)]).toEqual([...gridLayout(structuredClone(cluster))]);
  });

  it('places callers above callees inside a namespace; a node everyone reaches does not count', () => {
    const nodes = [ns('shop'), ...['db', 'api', 'web', 'job'].map((w) => pod('shop', w))];
    const edges = [
      edge('shop/web', 'shop/api'),
      edge('shop/api', 'shop/db'),
      edge('shop/job', 'shop/web'),
      edge('shop/api', 'shop/web'),
      edge('shop/db', 'shop/web'),
    ];
    const at = gridLayout(nodes, edges);
    const y = (id: string) => at.get(id)?.y ?? Number.NaN;
    // web is reached by 3 of 3 others: its incoming arrows are ignored, so web sits on top.
    expect(y('shop/web')).toBeLessThan(y('shop/api'));
    expect(y('shop/api')).toBeLessThan(y('shop/db'));
    expect(overlaps(at)).toEqual([]);
  });

  it('puts nodes outside every namespace on their own first row', () => {
    const at = gridLayout(cluster);
    const internet = at.get('ext:internet')?.y ?? Number.NaN;
    for (const [id, p] of at) if (id !== 'ext:internet') expect(p.y).toBeGreaterThan(internet);
  });
});

describe('gridLayout of a chain', () => {
  it('keeps a short chain in one row in call order, so arrows never pass through a node', () => {
    const nodes = [ns('shop'), ...['backend', 'database', 'frontend'].map((w) => pod('shop', w))];
    const at = gridLayout(nodes, [
      edge('shop/frontend', 'shop/backend'),
      edge('shop/backend', 'shop/database'),
    ]);
    const x = (id: string) => at.get(id)?.x ?? Number.NaN;
    expect(x('shop/frontend')).toBeLessThan(x('shop/backend'));
    expect(x('shop/backend')).toBeLessThan(x('shop/database'));
    expect(new Set([...at.values()].map((p) => p.y)).size).toBe(1);
  });
});
