import { describe, expect, it } from 'vitest';
import { analyze, listConnections, toContractAllowed, toContractOther } from '../../src/engine/index.ts';
import { diffEvaluations, explainChange } from '../../src/engine/teach/index.ts';
import { corpusCases, hasCorpus } from '../corpus.ts';
import { analyzeYaml, deployment, policy } from '../helpers.ts';

const base = [
  deployment('shop', 'web', { app: 'web' }),
  deployment('shop', 'api', { app: 'api' }, ['8080']),
].join('');
const isolateApi = policy(
  'shop',
  'api-in',
  'podSelector: {matchLabels: {app: api}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 8080}]',
);

describe('diff between two versions', () => {
  const before = analyzeYaml(base);
  const after = analyzeYaml(base + isolateApi);
  const changes = diffEvaluations(before, after);
  const row = (from: string, to: string) => changes.find((c) => c.from === from && c.to === to);

  const table: [string, string, string, string | undefined][] = [
    [
      'web -> api narrowed to TCP 8080: api-in isolates api and admits web on 8080',
      'shop/web',
      'shop/api',
      'changed',
    ],
    [
      'nothing else in the cluster reaches api any more: closed from the internet',
      '0.0.0.0-255.255.255.255',
      'shop/api',
      'closed',
    ],
    ['api -> web unchanged: web is not isolated', 'shop/api', 'shop/web', undefined],
  ];
  for (const [name, from, to, kind] of table)
    it(name, () => {
      expect(row(from, to)?.kind).toBe(kind);
    });

  it('the reverse diff opens what the forward one closed', () => {
    const back = diffEvaluations(after, before);
    expect(back.find((c) => c.from === '0.0.0.0-255.255.255.255')?.kind).toBe('opened');
  });

  it('explains each change with the reasons on both sides', () => {
    const why = explainChange(before, after, row('shop/web', 'shop/api') as never);
    expect(why.some((l) => l.startsWith('before:'))).toBe(true);
    expect(why.some((l) => l.startsWith('after:') && l.includes('api-in'))).toBe(true);
  });

  it('a workload that exists in one version only reaches nothing in the other', () => {
    const grown = analyzeYaml(base + deployment('shop', 'cron', { app: 'cron' }));
    const opened = diffEvaluations(before, grown).filter(
      (c) => c.from === 'shop/cron' || c.to === 'shop/cron',
    );
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((c) => c.kind === 'opened')).toBe(true);
  });
});

/** connlist as a map from "from=>to" to its allowed form (self pairs left out, as connlist does). */
function contract(sources: Parameters<typeof analyze>[0]) {
  const a = analyze(sources);
  return a;
}

describe.skipIf(!hasCorpus)('diff on the conformance cases', () => {
  if (!hasCorpus) console.warn('conformance corpus absent: diff corpus tests skipped');
  const cases = corpusCases();

  it('a version compared with itself has no changes', () => {
    for (const c of cases) {
      const a = contract([{ name: c.name, text: c.text }]);
      expect(diffEvaluations(a, a), c.name).toEqual([]);
    }
  });

  it('for consecutive cases, the diff says exactly which workload pairs differ and how', () => {
    for (let i = 0; i + 1 < cases.length; i++) {
      const [x, y] = [cases[i], cases[i + 1]] as [(typeof cases)[0], (typeof cases)[0]];
      const a = contract([{ name: x.name, text: x.text }]);
      const b = contract([{ name: y.name, text: y.text }]);
      const pairs = (e: ReturnType<typeof analyze>) =>
        new Map(
          listConnections(e.model, e.reach)
            .filter((c) => !c.external)
            .map((c) => [
              `${c.from}=>${c.to}`,
              // Every axis counts: ports, and the other IP protocols (ICMP, ...).
              JSON.stringify([toContractAllowed(c.set), toContractOther(c.set) ?? 'none']),
            ]),
        );
      const left = pairs(a);
      const right = pairs(b);
      const changed = new Map(
        diffEvaluations(a, b)
          .filter((c) => !/^\d/.test(c.from) && !/^\d/.test(c.to))
          .map((c) => [`${c.from}=>${c.to}`, c]),
      );
      for (const key of new Set([...left.keys(), ...right.keys()])) {
        const differs = left.get(key) !== right.get(key);
        expect(changed.has(key), `${x.name} -> ${y.name}: ${key}`).toBe(differs);
      }
    }
  });
});
