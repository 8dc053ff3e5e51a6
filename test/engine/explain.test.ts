import { describe, expect, it } from 'vitest';
import { analyze, explainPair, formatConnectionSet, NO_CONNECTIONS } from '../../src/engine/index.ts';
import { corpusCases, hasCorpus } from '../corpus.ts';
import { analyzeYaml, deployment, policy } from '../helpers.ts';

const cluster = [
  deployment('shop', 'web', { app: 'web' }, ['http:8080']),
  deployment('shop', 'job', { app: 'job' }),
  deployment('shop', 'api', { app: 'api' }, ['http:9090']),
  policy(
    'shop',
    'api-ingress',
    'podSelector: {matchLabels: {app: api}}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {team: x}}}]\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: http}]',
  ),
  policy(
    'shop',
    'web-egress',
    'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]\n    ports: [{port: 443}]\n  - to: [{podSelector: {}}]',
  ),
].join('');

describe('explainPair', () => {
  const analysis = analyzeYaml(cluster);

  it('names the isolating policies and the rule, peer and line that allowed each port', () => {
    const explanation = explainPair(analysis, 'shop/web', 'shop/api');
    expect(formatConnectionSet(explanation?.allowed ?? NO_CONNECTIONS)).toBe('TCP 9090');
    expect(explanation?.ingress?.isolatingPolicies.map((p) => p.id)).toEqual(['shop/api-ingress']);
    const match = explanation?.ingress?.matches[0];
    expect(match?.rule.index).toBe(1);
    expect(match?.peer?.index).toBe(0);
    expect(match?.rule.ref.line).toBeGreaterThan(1);
    expect(explanation?.summary.join('\n')).toMatch(
      /allows TCP 9090: shop\/api-ingress ingress rule 2 \(peer 1: pods app=web\), line \d+/,
    );
  });

  it('for denied traffic, names the closest miss and what it needed', () => {
    const explanation = explainPair(analysis, 'shop/job', 'shop/api');
    expect(explanation?.summary[0]).toBe('shop/job -> shop/api: denied');
    const text = explanation?.summary.join('\n') ?? '';
    // Both rules miss by one requirement: both are named as closest.
    expect(text).toMatch(
      /closest: shop\/api-ingress ingress rule 1 \(line \d+\): namespace needs team=x, shop has no team label/,
    );
    expect(text).toMatch(/\| shop\/api-ingress ingress rule 2 \(line \d+\): pod needs app=web, has app=job/);
  });

  it('says when a side is not isolated', () => {
    const explanation = explainPair(analysis, 'shop/api', 'shop/job');
    expect(explanation?.summary.join('\n')).toMatch(/shop\/job ingress: not isolated/);
  });

  it('explains external ranges: ipBlock with except', () => {
    const inside = explainPair(analysis, 'shop/web', { start: 0x0a000001, end: 0x0a000001 });
    expect(formatConnectionSet(inside?.allowed ?? NO_CONNECTIONS)).toBe('TCP 443');
    const except = explainPair(analysis, 'shop/web', { start: 0x0a010001, end: 0x0a010001 });
    expect(except?.summary.join('\n')).toMatch(
      /ipBlock 10\.0\.0\.0\/8 except 10\.1\.0\.0\/16 does not cover 10\.1\.0\.1\/32/,
    );
  });

  it('points out a named port the destination does not have', () => {
    const explanation = explainPair(analysis, 'shop/web', 'shop/job');
    expect(formatConnectionSet(explanation?.allowed ?? NO_CONNECTIONS)).toBe('all');
    const a = analyzeYaml(
      deployment('x', 'a', { app: 'a' }) +
        deployment('x', 'b', { app: 'b' }, ['9000']) +
        policy('x', 'named', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: metrics}]'),
    );
    const named = explainPair(a, 'x/a', 'x/b');
    expect(named?.summary.join('\n')).toMatch(/no container port named TCP metrics/);
  });
});

describe.skipIf(!hasCorpus)('explanations agree with the evaluation on every corpus pair', () => {
  for (const { name, text } of corpusCases()) {
    it(name, () => {
      const { model, reach } = analyze([{ name, text }]);
      for (const from of model.workloads) {
        for (const to of model.workloads) {
          if (from === to) continue;
          const explained = explainPair({ model, reach }, from.id, to.id);
          expect(formatConnectionSet(explained?.allowed ?? NO_CONNECTIONS), `${from.id} -> ${to.id}`).toBe(
            formatConnectionSet(reach.between(from.id, to.id)),
          );
        }
        for (const [i, range] of reach.addressRanges.entries()) {
          const inbound = explainPair({ model, reach }, range, from.id);
          const outbound = explainPair({ model, reach }, from.id, range);
          expect(formatConnectionSet(inbound?.allowed ?? NO_CONNECTIONS)).toBe(
            formatConnectionSet(reach.fromExternal(i, from.id)),
          );
          expect(formatConnectionSet(outbound?.allowed ?? NO_CONNECTIONS)).toBe(
            formatConnectionSet(reach.toExternal(from.id, i)),
          );
        }
      }
    });
  }
});
