import { describe, expect, it } from 'vitest';
import { type SelectorScope, selectorToExpr } from '../../../src/engine/kinds/calico/selectorExpr.ts';
import { parseSelector } from '../../../src/engine/kinds/calico/selectorParser.ts';
import { matchExpr } from '../../../src/engine/policy/expr.ts';
import type { EndpointView } from '../../../src/engine/policy/peers.ts';

const web: EndpointView = {
  namespace: 'shop',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'shop', env: 'prod' },
  labels: { app: 'web', tier: 'frontend', version: 'v1.2-beta' },
  ports: [],
  serviceAccount: 'web-sa',
  serviceAccountLabels: { team: 'blue' },
};
const job: EndpointView = {
  namespace: 'batch',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'batch' },
  labels: { app: 'job' },
  ports: [],
  serviceAccount: 'default',
};
const hostEndpoint: EndpointView = {
  namespace: '',
  namespaceLabels: {},
  labels: { role: 'worker' },
  ports: [],
  host: true,
};

function selects(selector: string, view: EndpointView, scope: SelectorScope = 'endpoint'): boolean {
  const parsed = parseSelector(selector);
  if (!parsed.ok) throw new Error(`${selector}: ${parsed.message}`);
  return matchExpr(selectorToExpr(parsed.node, scope), view);
}

describe('Calico selector operators on endpoint labels', () => {
  const table: [selector: string, endpoint: EndpointView, selected: boolean, because: string][] = [
    ["app == 'web'", web, true, '== compares the value'],
    ['app == "web"', web, true, 'double quotes work as single quotes'],
    ["app == 'job'", web, false, 'the value differs'],
    ["app != 'job'", web, true, '!= holds for another value'],
    ["owner != 'x'", web, true, '!= also holds when the label is absent'],
    ["app != 'web'", web, false, '!= fails on the same value'],
    ["app in {'web', 'api'}", web, true, 'in: the value is one of the set'],
    ["app in {'api'}", web, false, 'in: the value is not in the set'],
    ['app in {}', web, false, 'in an empty set selects nothing'],
    ["app not in {'api', 'job'}", web, true, 'not in: the value is outside the set'],
    ["owner not in {'x'}", web, true, 'not in also holds when the label is absent'],
    ["app not in {'web'}", web, false, 'not in fails when the value is in the set'],
    ['has(tier)', web, true, 'has: the label exists'],
    ['has(owner)', web, false, 'has: the label is absent'],
    ['!has(owner)', web, true, '!has: the label is absent'],
    ['!has(tier)', web, false, '!has: the label exists'],
    ['all()', web, true, 'all() selects everything'],
    ['all()', hostEndpoint, true, 'all() selects host endpoints too'],
    ['global()', hostEndpoint, true, 'global() selects what has no namespace'],
    ['global()', web, false, 'global() does not select pods'],
    ["version contains 'beta'", web, true, 'contains: substring of the value'],
    ["version contains 'rc'", web, false, 'contains: not a substring'],
    ["version starts with 'v1.'", web, true, 'starts with: prefix'],
    ["version starts with 'v2'", web, false, 'starts with: not a prefix'],
    ["version ends with '-beta'", web, true, 'ends with: suffix'],
    ["owner ends with 'x'", web, false, 'substring tests fail when the label is absent'],
    ["app == 'web' && tier == 'frontend'", web, true, '&&: both hold'],
    ["app == 'web' && tier == 'backend'", web, false, '&&: one fails'],
    ["app == 'job' || tier == 'frontend'", web, true, '||: one holds'],
    ["!(app == 'web')", web, false, '! negates a parenthesised expression'],
    ["app == 'job' || app == 'web' && tier == 'backend'", web, false, '&& binds tighter than ||'],
    ["(app == 'job' || app == 'web') && tier == 'frontend'", web, true, 'parentheses group'],
    ['', web, true, 'an empty selector selects everything'],
    ["projectcalico.org/namespace == 'shop'", web, true, 'the implicit namespace label reads the namespace'],
    ["projectcalico.org/namespace == 'shop'", job, false, 'another namespace'],
    ["projectcalico.org/namespace in {'batch', 'x'}", job, true, 'namespace label with in'],
    ["projectcalico.org/serviceaccount == 'web-sa'", web, true, 'the implicit ServiceAccount label'],
    ["projectcalico.org/serviceaccount == 'web-sa'", job, false, 'another ServiceAccount'],
    ["projectcalico.org/orchestrator == 'k8s'", web, true, 'pods are orchestrated by k8s'],
    ["projectcalico.org/orchestrator == 'k8s'", hostEndpoint, false, 'host endpoints have no orchestrator'],
    ["pcns.env == 'prod'", web, true, 'pcns.* reads the namespace labels'],
    ["pcsa.team == 'blue'", web, true, 'pcsa.* reads the ServiceAccount labels'],
    ["role == 'worker'", hostEndpoint, true, 'host endpoints have labels'],
  ];
  it.each(table)('%s on %o: %s (%s)', (selector, endpoint, selected) => {
    expect(selects(selector, endpoint)).toBe(selected);
  });
});

describe('Calico selectors in other scopes', () => {
  it('namespaceSelector reads namespace labels and projectcalico.org/name is the namespace name', () => {
    expect(selects("env == 'prod'", web, 'namespace')).toBe(true);
    expect(selects("projectcalico.org/name == 'batch'", job, 'namespace')).toBe(true);
    expect(selects("projectcalico.org/name == 'batch'", web, 'namespace')).toBe(false);
  });
  it('namespaceSelector all() selects every namespaced endpoint but no host endpoint; global() the reverse', () => {
    expect(selects('all()', web, 'namespace')).toBe(true);
    expect(selects('all()', hostEndpoint, 'namespace')).toBe(false);
    expect(selects('global()', hostEndpoint, 'namespace')).toBe(true);
  });
  it('serviceAccount selectors read ServiceAccount labels, and projectcalico.org/name is its name', () => {
    expect(selects("team == 'blue'", web, 'serviceAccount')).toBe(true);
    expect(selects("projectcalico.org/name == 'web-sa'", web, 'serviceAccount')).toBe(true);
    expect(selects("projectcalico.org/name in {'default'}", job, 'serviceAccount')).toBe(true);
    expect(selects("projectcalico.org/name == 'web-sa'", job, 'serviceAccount')).toBe(false);
  });
});

describe('invalid Calico selectors: a message with the column, never a throw', () => {
  const table: [selector: string, column: number, mentions: string][] = [
    ["app == 'web", 8, 'no closing'],
    ['app == web', 8, 'quoted value'],
    ["app = 'web'", 5, 'unexpected character'],
    ["app == 'web' &&", 16, 'end of the selector'],
    ["(app == 'web'", 14, 'closing )'],
    ["app in {'a' 'b'}", 13, ', or }'],
    ["app in 'a'", 8, '{'],
    ['has(', 5, 'label key'],
    ["app 'web'", 5, 'operator'],
    ["app == 'web' app == 'x'", 14, '&& or ||'],
    ['all(x)', 5, 'no argument'],
  ];
  it.each(table)('%s fails at column %i (%s)', (selector, column, mentions) => {
    const parsed = parseSelector(selector);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.column).toBe(column);
    expect(parsed.message).toContain(mentions);
  });
});

describe('parseSelector on arbitrary text', () => {
  it('never throws: 2,000 seeded random strings of selector characters', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = [
      'app',
      ' ',
      '==',
      '!=',
      "'",
      '"',
      '(',
      ')',
      '{',
      '}',
      ',',
      '!',
      '&&',
      '||',
      'has',
      'in',
      'not',
      'all()',
      'global()',
      'starts',
      'with',
      'ends',
      'contains',
      'x',
      '=',
      '&',
      '|',
      'é',
    ];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from(
        { length: Math.floor(next() * 12) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      const parsed = parseSelector(text);
      if (!parsed.ok) {
        expect(parsed.column).toBeGreaterThanOrEqual(1);
        expect(parsed.column).toBeLessThanOrEqual(text.length + 1);
      }
    }
  });
});
