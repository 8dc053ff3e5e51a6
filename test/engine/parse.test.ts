import { describe, expect, it } from 'vitest';
import { parseSources } from '../../src/engine/index.ts';

const parse = (text: string, name = 'in.yaml') => parseSources([{ name, text }]);

describe('parseSources', () => {
  it('reads every document of a multi-document source, skipping empty ones and comments', () => {
    const result = parse(
      '# header\n---\nkind: Pod\nmetadata: {name: a}\n---\n# only a comment\n---\n\n---\nkind: Pod\nmetadata: {name: b}\n...\n',
    );
    expect(result.diagnostics).toEqual([]);
    expect(
      result.objects.map((o) => [o.ref.doc, o.ref.line, (o.value.metadata as { name: string }).name]),
    ).toEqual([
      [1, 3, 'a'],
      [2, 10, 'b'],
    ]);
  });

  it('keeps the good documents when one is broken, and says where the broken one fails', () => {
    const text =
      'kind: Pod\nmetadata: {name: a}\n---\nkind: Pod\nmetadata:\n  name: [unclosed\n---\nkind: Pod\nmetadata: {name: c}\n';
    const result = parse(text);
    expect(result.objects.map((o) => (o.value.metadata as { name: string }).name)).toEqual(['a', 'c']);
    expect(result.diagnostics).toHaveLength(1);
    const [problem] = result.diagnostics;
    expect(problem).toMatchObject({ severity: 'error', source: 'in.yaml', doc: 2, dropsObject: true });
    expect(problem?.line).toBeGreaterThanOrEqual(6);
    expect(problem?.message).toMatch(/not valid YAML/);
  });

  it('flattens kind: List and *List items, each with its own line', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n  - kind: Service\n    metadata: {name: s}\n  - kind: PodList\n    items:\n      - kind: Pod\n        metadata: {name: p}\n';
    const result = parse(text);
    expect(result.objects.map((o) => [o.value.kind, o.ref.line, o.pathPrefix])).toEqual([
      ['Service', 4, 'items[0].'],
      ['Pod', 8, 'items[1].items[0].'],
    ]);
  });

  it('reads JSON, including kubectl get -o json Lists', () => {
    const json = JSON.stringify({ kind: 'List', items: [{ kind: 'Pod', metadata: { name: 'j' } }] }, null, 2);
    const result = parse(json, 'pods.json');
    expect(result.objects.map((o) => o.value.kind)).toEqual(['Pod']);
    expect(result.objects[0]?.ref.line).toBe(4);
  });

  it('says to run helm template for a chart template, not a YAML error dump', () => {
    const result = parse('apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\n');
    expect(result.objects).toEqual([]);
    expect(result.diagnostics[0]?.message).toMatch(/helm template/);
    expect(result.diagnostics[0]?.line).toBe(4);
  });

  it('says to run kustomize build for a kustomization', () => {
    const byKind = parse(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
    );
    const byName = parse('resources:\n  - deploy.yaml\n', 'overlays/prod/kustomization.yaml');
    for (const result of [byKind, byName]) {
      expect(result.objects).toEqual([]);
      expect(result.diagnostics[0]?.message).toMatch(/kustomize build/);
    }
  });

  it('rejects binary files with a clear message', () => {
    const result = parse('\u0000\u0001\u0002PNG\u0000\u0000', 'logo.png');
    expect(result.diagnostics[0]?.message).toMatch(/binary file/);
  });

  it('reports documents that are not Kubernetes objects as warnings and goes on', () => {
    const result = parse(
      'just a string\n---\n- a\n- list\n---\nfoo: bar\n---\nkind: Pod\nmetadata: {name: ok}\n',
    );
    expect(result.objects).toHaveLength(1);
    expect(result.diagnostics.map((d) => [d.doc, d.severity])).toEqual([
      [1, 'warning'],
      [2, 'warning'],
      [3, 'warning'],
    ]);
  });

  it('records the line of every rule and peer of a policy', () => {
    const text = [
      'kind: NetworkPolicy',
      'metadata: {name: p}',
      'spec:',
      '  podSelector: {}',
      '  ingress:',
      '    - from:',
      '        - podSelector: {matchLabels: {app: a}}',
      '        - namespaceSelector: {}',
      '    - ports:',
      '        - port: 80',
    ].join('\n');
    const [object] = parse(text).objects;
    const spec = object?.value.spec as { ingress: { from?: object[]; ports?: object[] }[] };
    const lines = (node: object | undefined) => object?.positions.rangeOf(node)?.line;
    expect(lines(spec.ingress[0])).toBe(6);
    expect(lines(spec.ingress[0]?.from?.[1])).toBe(8);
    expect(lines(spec.ingress[1])).toBe(9);
    expect(lines(spec.ingress[1]?.ports?.[0])).toBe(10);
  });

  it('reads several sources and names each in its diagnostics', () => {
    const result = parseSources([
      { name: 'a.yaml', text: 'kind: Pod\nmetadata: {name: a}\n' },
      { name: 'b.yaml', text: 'kind: [' },
    ]);
    expect(result.objects).toHaveLength(1);
    expect(result.diagnostics[0]?.source).toBe('b.yaml');
  });
});
