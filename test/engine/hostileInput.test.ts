import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS, type Diagnostic, parseSources, probe } from '../../src/engine/index.ts';

const parse = (text: string, name = 'in.yaml') => parseSources([{ name, text }]);
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);
const names = (objects: { value: Record<string, unknown> }[]) =>
  objects.map((o) => (o.value.metadata as { name: string }).name);

/** Nine nested aliases: each level lists the one before nine times, so the last one is 9^9 strings. */
function aliasBomb(indent: string): string {
  const levels = 'abcdefghi'.split('');
  return levels
    .map((name, i) => {
      const items = i === 0 ? Array(9).fill('"x"') : Array(9).fill(`*${levels[i - 1]}`);
      return `${indent}${name}: &${name} [${items.join(',')}]`;
    })
    .join('\n');
}

describe('YAML aliases are expanded within a budget, per document', () => {
  const pod = `kind: Pod\nmetadata:\n  name: bomb\n  labels:\n${aliasBomb('    ')}\n`;

  it('skips a document whose aliases expand past the budget, at the alias, and keeps the others', () => {
    expect(pod.length).toBeLessThan(600);
    const result = parse(
      `kind: Pod\nmetadata: {name: before}\n---\n${pod}---\nkind: Pod\nmetadata: {name: after}\n`,
    );
    expect(names(result.objects)).toEqual(['before', 'after']);
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ code: 'alias-budget', doc: 2, severity: 'error', dropsObject: true });
    // Levels b to e bring 74,718 nodes through aliases; the first alias of f (line 13) goes over.
    expect(d?.line).toBe(13);
    expect(d?.column).toBe(12);
    expect(d?.message).toMatch(/aliases expand to more than 100,000 nodes \(a YAML alias bomb\?\).*skipped/);
  });

  it('a bomb in matchExpressions.values never reaches the policy reader', () => {
    const text = `kind: NetworkPolicy\nmetadata: {name: p}\nx:\n${aliasBomb('  ')}\nspec:\n  podSelector:\n    matchExpressions: [{key: k, operator: In, values: *i}]\n`;
    const { model } = analyze([{ name: 'p.yaml', text }]);
    expect(model.policies).toEqual([]);
    expect(codes(model.diagnostics)).toEqual(['alias-budget']);
  });

  it('ordinary anchors and merge keys still work', () => {
    const text =
      'kind: Pod\nmetadata:\n  name: a\n  labels: &l {app: web, tier: front}\n  annotations: {<<: *l, note: x}\n';
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    const metadata = result.objects[0]?.value.metadata as { annotations: object } | undefined;
    expect(metadata?.annotations).toEqual({
      app: 'web',
      tier: 'front',
      note: 'x',
    });
  });
});

describe('diagnostics are located by lookup, and capped per kind and document', () => {
  const manyLabels = (count: number, value: (i: number) => string) =>
    `kind: Pod\nmetadata:\n  name: many\n  labels:\n${Array.from({ length: count }, (_, i) => `    k${i}: "${value(i)}"`).join('\n')}\n`;

  it('20,000 invalid label values: the first 100 at their own line and column, the rest counted', () => {
    const { model } = analyze([{ name: 'many.yaml', text: manyLabels(20_000, (i) => `-bad${i}`) }]);
    const invalid = model.diagnostics.filter((d) => d.code === 'invalid-label-value');
    expect(invalid).toHaveLength(100);
    expect(invalid[0]).toMatchObject({ line: 5, column: 5, path: 'metadata.labels.k0', severity: 'error' });
    expect(invalid[99]).toMatchObject({ line: 104, column: 5 });
    const elided = model.diagnostics.filter((d) => d.code === 'elided');
    expect(elided).toHaveLength(1);
    expect(elided[0]?.message).toMatch(/^19,900 more `invalid-label-value` problems/);
    expect(model.workloads[0]?.labels.k19999).toBe('-bad19999');
  });

  it('20,000 valid label values give no diagnostics', () => {
    const { model } = analyze([{ name: 'many.yaml', text: manyLabels(20_000, (i) => `v${i}`) }]);
    expect(model.diagnostics).toEqual([]);
  });
});

describe('a NUL byte loses only its own document', () => {
  it('reports the document with the NUL at its line and keeps the others', () => {
    const result = parse(
      'kind: Pod\nmetadata: {name: a}\n---\nkind: Pod\nmetadata: {name: b\u0000}\n---\nkind: Pod\nmetadata: {name: c}\n',
    );
    expect(names(result.objects)).toEqual(['a', 'c']);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'nul-byte', doc: 2, line: 5, column: 19, severity: 'error' }),
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/NUL byte/);
  });

  it('a real binary file is still called one', () => {
    const png = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000';
    expect(codes(parse(png, 'logo.png').diagnostics)).toEqual(['binary-file']);
  });
});

describe('label keys and values follow Kubernetes validation', () => {
  const pod = (labels: string) => `kind: Pod\nmetadata:\n  name: p\n  labels:\n    ${labels}\n`;
  const rows: [string, string, string | undefined][] = [
    ['app: web', 'a plain key and value', undefined],
    ['example.com/app: web', 'a DNS-subdomain prefix', undefined],
    ['"UPPER/x": web', 'a prefix with upper case is not a DNS subdomain', 'invalid-label-key'],
    ['"a/b/c": web', 'two slashes', 'invalid-label-key'],
    ['"-bad": web', 'a name starting with -', 'invalid-label-key'],
    ['"/x": web', 'an empty prefix', 'invalid-label-key'],
    [`${'n'.repeat(64)}: web`, 'a name over 63 characters', 'invalid-label-key'],
    [`${'n'.repeat(63)}: web`, 'a name of exactly 63 characters', undefined],
    [`app: ${'v'.repeat(64)}`, 'a value over 63 characters', 'invalid-label-value'],
    ['app: "a b"', 'a value with a space', 'invalid-label-value'],
    ['app: "web-"', 'a value ending in -', 'invalid-label-value'],
    ['app: ""', 'an empty value', undefined],
  ];
  for (const [labels, why, code] of rows) {
    it(`${labels.slice(0, 30)}: ${code ?? 'accepted'}, because ${why}`, () => {
      const { model } = analyze([{ name: 'p.yaml', text: pod(labels) }]);
      expect(model.workloads).toHaveLength(1);
      expect(codes(model.diagnostics)).toEqual(code ? [code] : []);
      if (code) expect(model.diagnostics[0]).toMatchObject({ severity: 'error', line: 5, column: 5 });
    });
  }

  it('a 100,000-character key is reported in a short message, and the Pod is kept', () => {
    const { model } = analyze([{ name: 'p.yaml', text: pod(`${'k'.repeat(100_000)}: web`) }]);
    expect(model.workloads).toHaveLength(1);
    expect(codes(model.diagnostics)).toEqual(['invalid-label-key']);
    const message = model.diagnostics[0]?.message ?? '';
    expect(message.length).toBeLessThan(300);
    expect(message).toContain('… (100000 characters)');
    expect((model.diagnostics[0]?.path ?? '').length).toBeLessThan(120);
  });
});

describe('a selector Kubernetes would reject drops its policy, reported at the field', () => {
  const policy = (selector: string) =>
    `kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector:\n    ${selector}\n`;
  const rows: [string, string, string | undefined][] = [
    ['matchExpressions: [{key: app, operator: In, values: [web]}]', 'valid', undefined],
    ['matchExpressions: [{key: app, operator: In, values: [1]}]', 'a number is not a string', 'wrong-type'],
    ['matchExpressions: [{key: app, operator: In, values: [null]}]', 'null is not a string', 'wrong-type'],
    ['matchExpressions: [{key: app, operator: In, values: web}]', 'values is not a list', 'wrong-type'],
    [
      'matchExpressions: [{key: app, operator: In, values: ["a b"]}]',
      'not a label value',
      'invalid-label-value',
    ],
    ['matchExpressions: [{key: "a/b/c", operator: Exists}]', 'an invalid key', 'invalid-label-key'],
    [
      'matchExpressions: [{key: app, operator: in, values: [a]}]',
      'operators are case-sensitive',
      'invalid-enum',
    ],
    ['matchLabels: {"UPPER/x": a}', 'an invalid matchLabels key', 'invalid-label-key'],
    ['matchLabels: {app: "-x"}', 'an invalid matchLabels value', 'invalid-label-value'],
  ];
  for (const [selector, why, code] of rows) {
    it(`${selector}: ${code ? 'dropped' : 'kept'}, because ${why}`, () => {
      const { model } = analyze([{ name: 'p.yaml', text: policy(selector) }]);
      expect(model.policies).toHaveLength(code ? 0 : 1);
      expect(codes(model.diagnostics)).toEqual(code ? [code] : []);
      if (code) expect(model.diagnostics[0]).toMatchObject({ severity: 'error', line: 5, dropsObject: true });
    });
  }
});

describe('no regular expression is built from user text', () => {
  it('keys full of regex syntax are located like any other', () => {
    const { model } = analyze([
      { name: 'p.yaml', text: 'kind: Pod\nmetadata:\n  name: p\n  labels:\n    ok: a\n    "(+[*": b\n' },
    ]);
    expect(model.diagnostics).toEqual([
      expect.objectContaining({ code: 'invalid-label-key', line: 6, column: 5 }),
    ]);
  });
});

describe('long lines are scanned in one pass', () => {
  const rows: [string, string, string[]][] = [
    ['200,000 unclosed {{ on one line', `"${'{{ '.repeat(200_000)}"`, []],
    ['200,000 # after blanks', `"${' #'.repeat(200_000)}"`, []],
    ['a Helm action after a long run of {{', `${'{{ '.repeat(200_000)}{{ .Values.x }}`, ['helm-template']],
  ];
  for (const [what, value, expected] of rows) {
    it(`${what}: ${expected.join(', ') || 'read'}`, () => {
      const result = parse(`kind: Pod\nmetadata: {name: a}\nx: ${value}\n`);
      expect(codes(result.diagnostics)).toEqual(expected);
    });
  }
});

describe('JSON documents', () => {
  const pod = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name } });
  const rows: [string, string, string[]][] = [
    ['JSON objects separated by ---', `${pod('a')}\n---\n${pod('b')}\n---\n${pod('c')}\n`, ['a', 'b', 'c']],
    ['one JSON object', pod('a'), ['a']],
    ['a JSON array of objects', `[${pod('a')},\n${pod('b')}]`, ['a', 'b']],
    [
      'a JSON List',
      JSON.stringify({ kind: 'List', items: [JSON.parse(pod('a')), JSON.parse(pod('b'))] }, null, 2),
      ['a', 'b'],
    ],
  ];
  for (const [what, text, expected] of rows) {
    it(`${what} reads as ${expected.join(', ')}`, () => {
      const result = parse(text, 'in.json');
      expect(names(result.objects)).toEqual(expected);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});

describe('a JSON array of objects', () => {
  it('gives each item its own line and path prefix', () => {
    const text =
      '[\n  {"kind": "Pod", "metadata": {"name": "a"}},\n  {"kind": "Pod", "metadata": {"name": "b", "labels": {"x": 1}}}\n]\n';
    const result = parse(text, 'pods.json');
    expect(result.objects.map((o) => [o.ref.line, o.pathPrefix])).toEqual([
      [2, '[0].'],
      [3, '[1].'],
    ]);
    const { model } = analyze([{ name: 'pods.json', text }]);
    expect(model.diagnostics.map((d) => [d.code, d.line, d.path])).toEqual([
      ['wrong-type', 3, '[1].metadata.labels.x'],
    ]);
  });
});

describe('probe messages about a Service without ports', () => {
  it('says the Service has no valid ports instead of "no port ; its ports: none"', () => {
    const text =
      'kind: Pod\nmetadata: {name: c, labels: {app: c}}\n---\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: c}\n  ports: [{port: 0}]\n';
    const { model } = analyze([{ name: 's.yaml', text }]);
    const outcome = probe(model, DEFAULT_SETTINGS, 'default/c', 's');
    expect(outcome).toEqual({
      ok: false,
      error: expect.stringMatching(/Service default\/s has no valid ports/),
    });
  });
});
