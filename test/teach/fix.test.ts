import { describe, expect, it } from 'vitest';
import { analyze, type Source } from '../../src/engine/index.ts';
import { applyEdits, checkGoal, type FixRequest, proposeFixes } from '../../src/engine/teach/index.ts';
import { corpusCases, hasCorpus } from '../corpus.ts';
import { deployment, namespace, policy } from '../helpers.ts';

const holds = (sources: readonly Source[], r: FixRequest) =>
  checkGoal(analyze(sources), { from: r.from, to: r.to, expect: r.want, ...r.question }).holds;

const shop: Source[] = [
  {
    name: 'shop.yaml',
    text: [
      namespace('shop'),
      namespace('ops'),
      deployment('shop', 'web', { app: 'web' }),
      deployment('shop', 'api', { app: 'api' }, ['8080', '9090']),
      deployment('shop', 'db', { app: 'db' }, ['5432']),
      deployment('ops', 'backup', { app: 'backup' }),
      policy(
        'shop',
        'api-in',
        'podSelector: {matchLabels: {app: api}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 8080}]',
      ),
      policy(
        'shop',
        'db-in',
        'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {matchLabels: {role: db-client}}}]\n    ports: [{port: 5432}]',
      ),
    ].join(''),
  },
];

describe('suggested smallest fix', () => {
  const table: [string, FixRequest, string][] = [
    [
      'web -> api on 9090 allowed: the rule admits web on 8080, add port 9090 to it',
      { from: 'shop/web', to: 'shop/api', want: 'allowed', question: { port: 9090, protocol: 'TCP' } },
      'add-port',
    ],
    [
      'api -> db on 5432 allowed: db-in asks for role=db-client, add the peer (or the label)',
      { from: 'shop/api', to: 'shop/db', want: 'allowed', question: { port: 5432, protocol: 'TCP' } },
      'add-peer',
    ],
    [
      'web -> api denied: remove the rule that admits web',
      { from: 'shop/web', to: 'shop/api', want: 'denied', question: {} },
      'remove-rule',
    ],
    [
      'backup -> web denied: web is not isolated, add a policy that keeps everyone else',
      { from: 'ops/backup', to: 'shop/web', want: 'denied', question: {} },
      'add-policy',
    ],
  ];
  for (const [name, request, kind] of table)
    it(name, () => {
      const result = proposeFixes(shop, request);
      expect(result.proposals.map((p) => p.kind)).toContain(kind);
      for (const p of result.proposals)
        expect(holds(applyEdits(shop, p.edits), request), p.summary).toBe(true);
    });

  it('the smallest proposal first: adding a port to the rule changes no other pair', () => {
    const [first] = proposeFixes(shop, table[0]?.[1] as FixRequest).proposals;
    expect(first?.kind).toBe('add-port');
    expect(first?.sideEffects).toEqual([]);
  });

  it('a label proposal names the label the rule asks for, and lists its side effects', () => {
    const result = proposeFixes(shop, table[1]?.[1] as FixRequest);
    const label = result.proposals.find((p) => p.kind === 'add-label');
    expect(label?.summary).toBe('label shop/api with role=db-client');
  });

  it('a pair that already has the wanted verdict needs nothing', () => {
    const result = proposeFixes(shop, {
      from: 'shop/web',
      to: 'shop/api',
      want: 'allowed',
      question: { port: 8080, protocol: 'TCP' },
    });
    expect(result.alreadyHolds).toBe(true);
  });

  it('unknown names are reported, not guessed', () => {
    expect(proposeFixes(shop, { from: 'web', to: 'shop/api', want: 'denied', question: {} }).error).toContain(
      'did you mean shop/web?',
    );
  });
});

describe.skipIf(!hasCorpus)('fixes on the conformance cases', () => {
  if (!hasCorpus) console.warn('conformance corpus absent: fix corpus tests skipped');
  // For each case: the first denied pair asked to be allowed on the destination's first port, and the
  // first allowed pair asked to be denied on every port. Every proposal must, applied, do what was asked.
  for (const c of corpusCases()) {
    const sources = [{ name: c.name, text: c.text }];
    const { model, reach } = analyze(sources);
    if (model.workloads.length > 30) continue;
    const ids = model.workloads.map((w) => w.id);
    const pairs = ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => [a, b] as const));
    const denied = pairs.find(([a, b]) => reach.idBetween(a, b) === 0);
    const allowed = pairs.find(([a, b]) => reach.idBetween(a, b) !== 0);
    const asks: FixRequest[] = [];
    if (denied) {
      const port = model.workloads.find((w) => w.id === denied[1])?.ports[0];
      const question = { port: port?.port ?? 8080, protocol: port?.protocol ?? 'TCP' } as const;
      asks.push({ from: denied[0], to: denied[1], want: 'allowed', question });
    }
    if (allowed) asks.push({ from: allowed[0], to: allowed[1], want: 'denied', question: {} });
    for (const request of asks)
      it(`${c.name}: ${request.from} -> ${request.to} should be ${request.want}`, () => {
        const result = proposeFixes(sources, request);
        expect(result.proposals.length).toBeGreaterThan(0);
        for (const p of result.proposals) {
          expect(holds(applyEdits(sources, p.edits), request), p.summary).toBe(true);
          expect(holds(p.sources, request), p.summary).toBe(true);
        }
      });
  }
});
