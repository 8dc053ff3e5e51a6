import { describe, expect, it } from 'vitest';
import { collapseNamespaces } from '../../src/views/collapseNamespaces.ts';
import type { GraphEdge, GraphNode } from '../../src/views/graphElements.ts';

const node = (id: string, parent?: string): GraphNode => ({
  id,
  kind: parent ? 'workload' : 'namespace',
  label: id,
  classes: [],
  ...(parent ? { parent } : {}),
});
const edge = (
  source: string,
  target: string,
  verdict: 'allowed' | 'partial',
  unrestricted = false,
): GraphEdge => ({
  id: `e:${source}->${target}`,
  source,
  target,
  kind: 'reach',
  verdict,
  ports: 'TCP 80',
  unrestricted,
  classes: ['reach'],
});

describe('collapseNamespaces', () => {
  const elements = {
    nodes: [node('ns:a'), node('a/x', 'ns:a'), node('a/y', 'ns:a'), node('ns:b'), node('b/z', 'ns:b')],
    edges: [
      edge('a/x', 'b/z', 'allowed'),
      edge('a/y', 'b/z', 'partial'),
      edge('a/x', 'a/y', 'allowed'),
      edge('b/z', 'a/x', 'allowed', true),
    ],
  };

  it('folds members into their namespace and merges parallel edges with a count', () => {
    const { nodes, edges } = collapseNamespaces(elements, new Set(['a']));
    expect(nodes.map((n) => n.id)).toEqual(['ns:a', 'ns:b', 'b/z']);
    expect(nodes[0]?.label).toBe('ns:a\n2 workloads (collapsed)');
    expect(edges.map((e) => [e.source, e.target, e.verdict, e.ports])).toEqual([
      ['ns:a', 'b/z', 'partial', '2 connections'],
      ['b/z', 'ns:a', 'allowed', '1 connection'],
    ]);
  });

  it('leaves everything as it is when nothing is collapsed', () => {
    expect(collapseNamespaces(elements, new Set())).toBe(elements);
  });
});
