import { describe, expect, it } from 'vitest';
import { ccnp, cnp, compile, decide, type Peer, pod } from './helpers.ts';

const db = pod('app', { app: 'db' });
const api = pod('app', { app: 'api' });
const otherApi = pod('other', { app: 'api' });
const labelledNs = pod('team-a', { app: 'api' }, { namespaceLabels: { team: 'a' } });
const robot = pod('app', { app: 'job' }, { serviceAccount: 'robot' });
const world = '203.0.113.7';

type Row = [name: string, spec: string, from: Peer, verdict: string];

/** Ingress to app/db on TCP 5432 from a source, by one CiliumNetworkPolicy in namespace app. */
function ingressToDb(spec: string, from: Peer, clusterwide = false): string {
  const text = clusterwide ? ccnp('p', spec) : cnp('app', 'p', spec);
  const { policies, diagnostics } = compile(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return decide(policies, 'ingress', db, from, 'TCP', 5432);
}

const SELECT_DB = 'endpointSelector:\n  matchLabels: {app: db}\n';

describe('fromEndpoints: namespace scoping and label sources', () => {
  const rows: Row[] = [
    [
      'a plain selector in a CNP matches pods of the policy namespace',
      `ingress:\n- fromEndpoints: [{matchLabels: {app: api}}]`,
      api,
      'allowed',
    ],
    [
      '... and not the same labels in another namespace',
      `ingress:\n- fromEndpoints: [{matchLabels: {app: api}}]`,
      otherApi,
      'denied',
    ],
    [
      'the k8s: source prefix reads pod labels',
      `ingress:\n- fromEndpoints: [{matchLabels: {"k8s:app": api}}]`,
      api,
      'allowed',
    ],
    [
      'the any: source prefix reads pod labels',
      `ingress:\n- fromEndpoints: [{matchLabels: {"any:app": api}}]`,
      api,
      'allowed',
    ],
    [
      'another source (container:) never labels a pod',
      `ingress:\n- fromEndpoints: [{matchLabels: {"container:app": api}}]`,
      api,
      'denied',
    ],
    [
      'k8s:io.kubernetes.pod.namespace names another namespace',
      `ingress:\n- fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": other, app: api}}]`,
      otherApi,
      'allowed',
    ],
    [
      'io.kubernetes.pod.namespace without prefix works too',
      `ingress:\n- fromEndpoints: [{matchLabels: {"io.kubernetes.pod.namespace": other}}]`,
      otherApi,
      'allowed',
    ],
    [
      'a namespace label lifts the namespace restriction',
      `ingress:\n- fromEndpoints: [{matchLabels: {"k8s:io.cilium.k8s.namespace.labels.team": a}}]`,
      labelledNs,
      'allowed',
    ],
    [
      'a namespace label that does not match',
      `ingress:\n- fromEndpoints: [{matchLabels: {"k8s:io.cilium.k8s.namespace.labels.team": b}}]`,
      labelledNs,
      'denied',
    ],
    [
      'a service account',
      `ingress:\n- fromEndpoints: [{matchLabels: {"io.cilium.k8s.policy.serviceaccount": robot}}]`,
      robot,
      'allowed',
    ],
    [
      'another service account',
      `ingress:\n- fromEndpoints: [{matchLabels: {"io.cilium.k8s.policy.serviceaccount": robot}}]`,
      api,
      'denied',
    ],
    [
      'matchExpressions NotIn matches pods without the label',
      `ingress:\n- fromEndpoints: [{matchExpressions: [{key: app, operator: NotIn, values: [db]}]}]`,
      api,
      'allowed',
    ],
    [
      'matchExpressions In',
      `ingress:\n- fromEndpoints: [{matchExpressions: [{key: app, operator: In, values: [job, api]}]}]`,
      api,
      'allowed',
    ],
    [
      'matchExpressions DoesNotExist',
      `ingress:\n- fromEndpoints: [{matchExpressions: [{key: app, operator: DoesNotExist}]}]`,
      api,
      'denied',
    ],
    ['fromEndpoints: [{}] is every pod of the namespace', `ingress:\n- fromEndpoints: [{}]`, api, 'allowed'],
    ['fromEndpoints: [{}] is not other namespaces', `ingress:\n- fromEndpoints: [{}]`, otherApi, 'denied'],
    ['fromEndpoints: [{}] is not the world', `ingress:\n- fromEndpoints: [{}]`, world, 'denied'],
    [
      'fromEndpoints: [] selects nothing, even with ports',
      `ingress:\n- fromEndpoints: []\n  toPorts: [{ports: [{port: "5432"}]}]`,
      api,
      'denied',
    ],
    [
      'no fromEndpoints with toPorts: every source, the world included',
      `ingress:\n- toPorts: [{ports: [{port: "5432"}]}]`,
      world,
      'allowed',
    ],
    [
      'a reserved: label names an entity (reserved:world is every external address)',
      `ingress:\n- fromEndpoints: [{matchLabels: {"reserved:world": ""}}]`,
      world,
      'allowed',
    ],
    ['a rule with neither peers nor ports selects nothing (default deny)', 'ingress:\n- {}', api, 'denied'],
  ];
  it.each(rows)('%s', (_name, rules, from, verdict) => {
    expect(ingressToDb(SELECT_DB + rules, from)).toBe(verdict);
  });

  it('a clusterwide selector matches pods of every namespace, not the world', () => {
    const spec = 'endpointSelector: {}\ningress:\n- fromEndpoints: [{matchLabels: {app: api}}]';
    expect(ingressToDb(spec, otherApi, true)).toBe('allowed');
    expect(ingressToDb(spec, api, true)).toBe('allowed');
    expect(ingressToDb(spec, world, true)).toBe('denied');
    expect(ingressToDb('endpointSelector: {}\ningress:\n- fromEndpoints: [{}]', world, true)).toBe('denied');
  });

  it('a CNP endpointSelector only selects pods of its own namespace, whatever it says', () => {
    const { policies, diagnostics } = compile(
      cnp(
        'app',
        'p',
        'endpointSelector:\n  matchLabels: {"k8s:io.kubernetes.pod.namespace": other}\ningress:\n- {}',
      ),
    );
    expect(decide(policies, 'ingress', otherApi, api, 'TCP', 80)).toBe('allowed');
    expect(decide(policies, 'ingress', api, api, 'TCP', 80)).toBe('denied');
    expect(diagnostics.map((d) => d.message).join()).toMatch(/only selects pods of its own namespace/);
  });
});

describe('fromEntities / toEntities', () => {
  const rows: Row[] = [
    ['world covers every external address', 'ingress:\n- fromEntities: [world]', world, 'allowed'],
    ['world is no pod', 'ingress:\n- fromEntities: [world]', api, 'denied'],
    ['cluster is every pod of every namespace', 'ingress:\n- fromEntities: [cluster]', otherApi, 'allowed'],
    ['cluster is no external address', 'ingress:\n- fromEntities: [cluster]', world, 'denied'],
    ['all is pods and the world', 'ingress:\n- fromEntities: [all]', world, 'allowed'],
    ['all is pods and the world (pod)', 'ingress:\n- fromEntities: [all]', otherApi, 'allowed'],
    ['none is nothing', 'ingress:\n- fromEntities: [none]', api, 'denied'],
    ['host is not modelled: nothing', 'ingress:\n- fromEntities: [host]', api, 'denied'],
  ];
  it.each(rows)('%s', (_name, rules, from, verdict) => {
    const { policies } = compile(cnp('app', 'p', SELECT_DB + rules));
    expect(decide(policies, 'ingress', db, from, 'TCP', 5432)).toBe(verdict);
  });

  it.each(['host', 'remote-node', 'kube-apiserver', 'health', 'init', 'ingress', 'unmanaged'])(
    'entity %s is reported as not modelled, at its line',
    (entity) => {
      const { diagnostics } = compile(cnp('app', 'p', `${SELECT_DB}egress:\n- toEntities: [${entity}]`));
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({
        severity: 'warning',
        line: 11,
        path: 'spec.egress[0].toEntities[0]',
      });
      expect(diagnostics[0]?.message).toContain(`entity ${entity}`);
    },
  );
});

describe('fromCIDR / fromCIDRSet / toCIDR', () => {
  const rows: Row[] = [
    ['fromCIDR covers its addresses', 'ingress:\n- fromCIDR: [203.0.113.0/24]', world, 'allowed'],
    ['fromCIDR does not cover others', 'ingress:\n- fromCIDR: [198.51.100.0/24]', world, 'denied'],
    ['a bare address is a /32', 'ingress:\n- fromCIDR: [203.0.113.7]', world, 'allowed'],
    ['fromCIDR never matches pods, even 0.0.0.0/0', 'ingress:\n- fromCIDR: [0.0.0.0/0]', api, 'denied'],
    [
      'fromCIDRSet except removes a hole',
      'ingress:\n- fromCIDRSet: [{cidr: 203.0.113.0/24, except: [203.0.113.0/29]}]',
      world,
      'denied',
    ],
    [
      'fromCIDRSet outside the hole',
      'ingress:\n- fromCIDRSet: [{cidr: 203.0.113.0/24, except: [203.0.113.128/25]}]',
      world,
      'allowed',
    ],
  ];
  it.each(rows)('%s', (_name, rules, from, verdict) => {
    const { policies } = compile(cnp('app', 'p', SELECT_DB + rules));
    expect(decide(policies, 'ingress', db, from, 'TCP', 5432)).toBe(verdict);
  });

  it('toCIDR allows egress to the block only', () => {
    const { policies } = compile(cnp('app', 'p', `${SELECT_DB}egress:\n- toCIDR: [10.0.0.0/8]`));
    expect(decide(policies, 'egress', db, '10.1.2.3', 'UDP', 53)).toBe('allowed');
    expect(decide(policies, 'egress', db, '11.1.2.3', 'UDP', 53)).toBe('denied');
    expect(decide(policies, 'egress', db, api, 'UDP', 53)).toBe('denied');
  });
});

describe('toServices', () => {
  it('resolves a Service with a selector to its pods, once Services are known', async () => {
    const { resolveCiliumServices } = await import('../../../src/engine/kinds/cilium/services.ts');
    const { policies, extras } = compile(
      cnp(
        'app',
        'p',
        `${SELECT_DB}egress:\n- toServices: [{k8sService: {serviceName: api, namespace: app}}]`,
      ),
    );
    const before = decide(policies, 'egress', db, api, 'TCP', 80);
    const service = {
      id: 'app/api',
      namespace: 'app',
      name: 'api',
      type: 'ClusterIP' as const,
      selector: { app: 'api' },
      ports: [],
      headless: false,
      ref: { source: 's', doc: 1, line: 1, endLine: 1 },
    };
    const model = { services: [service], endpoints: [], extras } as never;
    const resolved = resolveCiliumServices(policies, model);
    expect([
      before,
      decide(resolved, 'egress', db, api, 'TCP', 80),
      decide(resolved, 'egress', db, otherApi, 'TCP', 80),
    ]).toEqual(['denied', 'allowed', 'denied']);
  });
});

describe('toServices in deny rules and later rules', () => {
  it('resolves the Service of an egressDeny rule and of a second rule', async () => {
    const { resolveCiliumServices } = await import('../../../src/engine/kinds/cilium/services.ts');
    const spec = `${SELECT_DB}egress:\n- toEntities: [world]\n- toServices: [{k8sService: {serviceName: api}}]\negressDeny:\n- toServices: [{k8sServiceSelector: {selector: {matchLabels: {tier: backend}}}}]\n  toPorts: [{ports: [{port: "22", protocol: TCP}]}]`;
    const { policies, extras } = compile(cnp('app', 'p', spec));
    const service = {
      id: 'app/api',
      namespace: 'app',
      name: 'api',
      type: 'ClusterIP' as const,
      selector: { app: 'api' },
      labels: { tier: 'backend' },
      ports: [],
      headless: false,
      ref: { source: 's', doc: 1, line: 1, endLine: 1 },
    };
    const resolved = resolveCiliumServices(policies, { services: [service], endpoints: [], extras } as never);
    expect(
      ['TCP', 'TCP'].map((d, i) => decide(resolved, 'egress', db, api, d as 'TCP', [80, 22][i] as number)),
    ).toEqual(['allowed', 'denied']);
  });
});

describe('toFQDNs', () => {
  it('allows no known address and says why', () => {
    const { policies, diagnostics } = compile(
      cnp(
        'app',
        'p',
        `${SELECT_DB}egress:\n- toFQDNs: [{matchName: api.example.com}]\n  toPorts: [{ports: [{port: "443", protocol: TCP}]}]`,
      ),
    );
    expect(decide(policies, 'egress', db, world, 'TCP', 443)).toBe('denied');
    expect(policies[0]?.egress?.rules[0]?.peers?.[0]?.label).toBe('FQDN api.example.com');
    expect(diagnostics[0]).toMatchObject({ severity: 'info', path: 'spec.egress[0].toFQDNs' });
  });
});
