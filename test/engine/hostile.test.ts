import { describe, expect, it } from 'vitest';
import { analyze, explainPair, listConnections, NO_CONNECTIONS } from '../../src/engine/index.ts';

/** A deterministic pseudo-random generator so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  '',
  'constructor',
  '__proto__',
  [],
  [null],
  {},
  { __proto__: { polluted: true } },
  'x'.repeat(5000),
  { matchLabels: 'nope' },
  { matchExpressions: [{ key: 'a', operator: 'In' }] },
  [{ podSelector: [] }],
  { cidr: '::1/129' },
  { port: 'http', endPort: 90 },
];

/** A plausible object with random fields replaced by hostile values. */
function mutate(rand: () => number, value: unknown, depth = 0): unknown {
  if (rand() < 0.15) return WEIRD_VALUES[Math.floor(rand() * WEIRD_VALUES.length)];
  if (Array.isArray(value)) return value.map((v) => mutate(rand, v, depth + 1));
  if (value && typeof value === 'object' && depth < 8) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutate(rand, v, depth + 1)]));
  }
  return value;
}

const TEMPLATES = [
  {
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace: 'a' },
    spec: {
      podSelector: {
        matchLabels: { app: 'x' },
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }],
      },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { podSelector: {}, namespaceSelector: { matchLabels: { t: 'a' } } },
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
          ],
          ports: [{ port: 'http' }, { port: 80, endPort: 90, protocol: 'UDP' }],
        },
      ],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'SCTP' }] }],
    },
  },
  {
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'a', labels: { app: 'x' } },
    spec: {
      replicas: 2,
      template: {
        metadata: { labels: { app: 'x', tier: 'b' } },
        spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080, name: 'http' }] }] },
      },
    },
  },
  {
    kind: 'Pod',
    metadata: {
      name: 'p1',
      namespace: 'b',
      labels: { app: 'y' },
      ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', controller: true }],
    },
    spec: { containers: [{ name: 'c' }] },
  },
  { kind: 'Namespace', metadata: { name: 'a', labels: { t: 'a' } } },
  {
    kind: 'Service',
    metadata: { name: 's', namespace: 'a' },
    spec: { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 'http' }] },
  },
  {
    kind: 'Ingress',
    metadata: { name: 'i', namespace: 'a' },
    spec: {
      rules: [
        {
          host: 'h',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
  },
  { kind: 'List', items: [{ kind: 'Pod', metadata: { name: 'in-list' } }] },
];

function exercise(text: string): void {
  const analysis = analyze([{ name: 'hostile.yaml', text }]);
  listConnections(analysis.model, analysis.reach);
  const ids = analysis.model.workloads.map((w) => w.id);
  for (const from of ids.slice(0, 3)) for (const to of ids.slice(0, 3)) explainPair(analysis, from, to);
  if (ids[0]) explainPair(analysis, { start: 0, end: 100 }, ids[0]);
}

describe('the engine never throws', () => {
  it('on randomly corrupted manifests (500 seeded cases)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rand = random(seed);
      const docs = TEMPLATES.map((t) => JSON.stringify(mutate(rand, t)));
      expect(() => exercise(docs.join('\n---\n')), `seed ${seed}`).not.toThrow();
    }
  });

  const hostile: [string, string][] = [
    ['an empty source', ''],
    ['only separators', '---\n---\n...\n'],
    ['a scalar', '42'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    [
      'an alias bomb',
      `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}, ingress: *d}\n`,
    ],
    [
      'prototype keys',
      'kind: Pod\nmetadata:\n  name: p\n  labels: {__proto__: x, constructor: y}\n---\nkind: NetworkPolicy\nmetadata: {name: n}\nspec: {podSelector: {matchLabels: {constructor: y}}, ingress: [{from: [{podSelector: {matchLabels: {toString: z}}}]}]}\n',
    ],
    [
      'non-string kinds and names',
      'kind: 5\n---\nkind: Pod\nmetadata: {name: [1]}\n---\nkind: Pod\nmetadata: 7\n',
    ],
    ['tabs and invalid indentation', 'kind: Pod\n\tmetadata: {name: x}\n'],
    ['duplicate keys', 'kind: Pod\nkind: Service\nmetadata: {name: x}\n'],
    ['a binary blob', '\u0000\u0001\u00ff'.repeat(1000)],
    ['a huge document count', 'kind: Pod\nmetadata: {name: x}\n---\n'.repeat(2000)],
  ];
  for (const [what, text] of hostile) {
    it(`on ${what}`, () => {
      expect(() => exercise(text)).not.toThrow();
    });
  }

  it('does not let label keys named like Object properties match anything they lack', () => {
    const analysis = analyze([
      {
        name: 'proto.yaml',
        text: 'kind: Pod\nmetadata: {name: a, labels: {app: a}}\n---\nkind: Pod\nmetadata: {name: b, labels: {app: b}}\n---\nkind: NetworkPolicy\nmetadata: {name: n}\nspec:\n  podSelector: {matchLabels: {app: b}}\n  ingress: [{from: [{podSelector: {matchExpressions: [{key: constructor, operator: Exists}]}}]}]\n',
      },
    ]);
    expect(analysis.reach.between('default/a', 'default/b')).toEqual(NO_CONNECTIONS);
  });
});
