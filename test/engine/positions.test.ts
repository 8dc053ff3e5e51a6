import { describe, expect, it } from 'vitest';
import { buildModel, parseSources } from '../../src/engine/index.ts';

const parse = (text: string) => parseSources([{ name: 'in.yaml', text }]);

/** A Deployment is parsed with its root alone located; the rest is located on the first question. */
const deployment = [
  'kind: Deployment', //                                  1
  'metadata:', //                                         2
  '  name: web', //                                       3
  '  labels: {app: web, "quoted": a, \'single\': b}', //  4
  'spec:', //                                             5
  '  template:', //                                       6
  '    spec:', //                                         7
  '      containers:', //                                 8
  '        - name: app', //                                9
  '          ports:', //                                  10
  '            - containerPort: 80', //                   11
  '        - name: sidecar', //                           12
].join('\n');

describe('positions of a document located on the first question', () => {
  const [object] = parse(`# leading comment\n---\n${deployment}\n`).objects;
  const value = object?.value as {
    metadata: { labels: object };
    spec: { template: { spec: { containers: { ports?: object[] }[] } } };
  };
  const containers = value.spec.template.spec.containers;
  const positions = object?.positions;

  it.each([
    ['the object', value, { line: 3, endLine: 14 }],
    ['metadata.labels', value.metadata.labels, { line: 6, endLine: 6 }],
    ['the first container', containers[0], { line: 11, endLine: 13 }],
    ['its first port', containers[0]?.ports?.[0], { line: 13, endLine: 13 }],
    ['the second container', containers[1], { line: 14, endLine: 14 }],
  ])('%s spans its lines', (_, node, range) => {
    expect(positions?.rangeOf(node)).toEqual(range);
  });

  it.each([
    ['a key of the root', value, 'spec', { line: 7, column: 1 }],
    ['a plain key in a flow mapping', value.metadata.labels, 'app', { line: 6, column: 12 }],
    ['a double-quoted key, at its quote', value.metadata.labels, 'quoted', { line: 6, column: 22 }],
    ['a single-quoted key, at its quote', value.metadata.labels, 'single', { line: 6, column: 35 }],
    ['a missing key: where the mapping starts', value.metadata.labels, 'absent', { line: 6, column: 11 }],
  ])('%s', (_, node, key, location) => {
    expect(positions?.locationOfKey(node, key)).toEqual(location);
  });

  it('knows nothing of objects it did not parse', () => {
    expect(positions?.rangeOf({})).toBeUndefined();
    expect(positions?.locationOfKey({}, 'x')).toBeUndefined();
  });
});

describe('key spellings: each key is found by its value, at where it is written', () => {
  const text = [
    'kind: NetworkPolicy', //          1
    'metadata:', //                    2
    '  plain: 1', //                   3
    '  "double": 2', //                4
    "  'sin''gle': 3", //              5
    '  "esc\\tape": 4', //             6
    '  80: 5', //                      7
    '  &anchor anchored: 6', //        8
    '  spaced   : 7', //               9
    '  "": 8', //                      10
    '  !!str tagged: 9', //            11
  ].join('\n');
  const [object] = parse(text).objects;
  const metadata = object?.value.metadata;

  it.each([
    ['plain', 3, 3],
    ['double', 4, 3],
    ["sin'gle", 5, 3],
    ['esc\tape', 6, 3],
    ['80', 7, 3],
    ['anchored', 8, 3],
    ['spaced', 9, 3],
    ['', 10, 3],
    ['tagged', 11, 3],
  ])('%j is on line %i, column %i', (key, line, column) => {
    expect(object?.positions.locationOfKey(metadata, key)).toEqual({ line, column });
  });
});

describe('documents located while parsing (policies, anchors, JSON) and later (the rest) answer alike', () => {
  it.each([
    ['a policy', 'kind: NetworkPolicy\nspec:\n  ingress:\n    - {}\n', 2, 3],
    ['a document with an anchor', 'kind: Pod\nmetadata: &m {name: a}\nspec: {x: *m}\n', 3, 3],
    ['JSON', '{"kind": "Pod",\n "spec": {"ingress": [{}]}}\n', 2, 2],
    ['a workload', 'kind: Pod\nspec:\n  ingress:\n    - {}\n', 2, 3],
  ])('%s: key spec on line %i, its value from line %i', (_, text, keyLine, line) => {
    const [object] = parse(text).objects;
    const spec = object?.value.spec as Record<string, unknown>;
    expect(object?.positions.lineOfKey(object.value, 'spec')).toBe(keyLine);
    expect(object?.positions.rangeOf(spec)?.line).toBe(line);
  });

  it('a workload whose labels a reader checks is located then, and the answer is the same', () => {
    const text =
      'kind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    metadata:\n      labels:\n        enabled: yes\n';
    const parsed = parse(text);
    const model = buildModel(parsed.objects, parsed.diagnostics);
    expect(model.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['yaml11-boolean', 7, 9]]);
  });
});
