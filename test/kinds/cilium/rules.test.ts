import { describe, expect, it } from 'vitest';
import { type CompiledPolicy, DEFAULT_TIER } from '../../../src/engine/kinds/types.ts';
import type { Dimension } from '../../../src/engine/policy/connectionSet.ts';
import { portsOf } from '../../../src/engine/policy/connectionSet.ts';
import { ccnp, cnp, compile, decide, pod } from './helpers.ts';

const web = pod(
  'shop',
  { app: 'web' },
  { ports: [{ name: 'http', port: 8080, protocol: 'TCP', container: 'main' }] },
);
const client = pod('shop', { app: 'client' });
const SELECT_WEB = 'endpointSelector:\n  matchLabels: {app: web}\n';

type PortRow = [name: string, ports: string, dimension: Dimension, port: number, verdict: string];

describe('toPorts and icmps', () => {
  const rows: PortRow[] = [
    ['a TCP port', '[{ports: [{port: "80", protocol: TCP}]}]', 'TCP', 80, 'allowed'],
    ['... not another port', '[{ports: [{port: "80", protocol: TCP}]}]', 'TCP', 81, 'denied'],
    ['... not UDP', '[{ports: [{port: "80", protocol: TCP}]}]', 'UDP', 80, 'denied'],
    ['protocol ANY (the default) is TCP', '[{ports: [{port: "53"}]}]', 'TCP', 53, 'allowed'],
    ['protocol ANY is UDP', '[{ports: [{port: "53", protocol: ANY}]}]', 'UDP', 53, 'allowed'],
    ['protocol ANY is SCTP', '[{ports: [{port: "53"}]}]', 'SCTP', 53, 'allowed'],
    ['protocol ANY is not ICMP', '[{ports: [{port: "53"}]}]', 'ICMP', 8 * 256, 'denied'],
    ['SCTP', '[{ports: [{port: "9999", protocol: SCTP}]}]', 'SCTP', 9999, 'allowed'],
    [
      'endPort makes a range (inside)',
      '[{ports: [{port: "8000", endPort: 8100, protocol: TCP}]}]',
      'TCP',
      8050,
      'allowed',
    ],
    [
      'endPort makes a range (outside)',
      '[{ports: [{port: "8000", endPort: 8100, protocol: TCP}]}]',
      'TCP',
      8101,
      'denied',
    ],
    ['port "0" is every port', '[{ports: [{port: "0", protocol: TCP}]}]', 'TCP', 12345, 'allowed'],
    [
      'a named port resolves against the destination',
      '[{ports: [{port: http, protocol: TCP}]}]',
      'TCP',
      8080,
      'allowed',
    ],
    ['a named port is not another port', '[{ports: [{port: http, protocol: TCP}]}]', 'TCP', 80, 'denied'],
  ];
  it.each(rows)('%s', (_name, ports, dimension, port, verdict) => {
    const { policies, diagnostics } = compile(cnp('shop', 'p', `${SELECT_WEB}ingress:\n- toPorts: ${ports}`));
    expect(diagnostics).toEqual([]);
    expect(decide(policies, 'ingress', web, client, dimension, port, web.ports)).toBe(verdict);
  });

  it('an L3-only rule allows every protocol, ICMP and the others included', () => {
    const { policies } = compile(cnp('shop', 'p', `${SELECT_WEB}ingress:\n- fromEndpoints: [{}]`));
    expect(policies[0]?.ingress?.rules[0]?.ports.fixed.IP).toEqual(portsOf('IP').IP);
    expect(decide(policies, 'ingress', web, client, 'ICMP', 8 * 256)).toBe('allowed');
  });

  const icmpRows: [string, string, Dimension, number, string][] = [
    ['ICMP echo request by number', '[{fields: [{type: 8}]}]', 'ICMP', 8 * 256, 'allowed'],
    ['any code of the type', '[{fields: [{type: 8}]}]', 'ICMP', 8 * 256 + 3, 'allowed'],
    ['another type', '[{fields: [{type: 8}]}]', 'ICMP', 0, 'denied'],
    ['a type by name', '[{fields: [{type: EchoRequest}]}]', 'ICMP', 8 * 256, 'allowed'],
    ['family IPv6 is ICMPv6', '[{fields: [{type: 128, family: IPv6}]}]', 'ICMPv6', 128 * 256, 'allowed'],
    ['family IPv6 is not ICMP', '[{fields: [{type: 128, family: IPv6}]}]', 'ICMP', 128 * 256, 'denied'],
    ['icmps allow no TCP', '[{fields: [{type: 8}]}]', 'TCP', 80, 'denied'],
  ];
  it.each(icmpRows)('%s', (_name, icmps, dimension, key, verdict) => {
    const { policies, diagnostics } = compile(cnp('shop', 'p', `${SELECT_WEB}ingress:\n- icmps: ${icmps}`));
    expect(diagnostics).toEqual([]);
    expect(decide(policies, 'ingress', web, client, dimension, key)).toBe(verdict);
  });
});

describe('L7 rules make a port conditional, never a plain allow', () => {
  const rows: [string, string, string][] = [
    ['HTTP method and path', '{http: [{method: GET, path: "/api/.*"}]}', 'only GET /api/.*'],
    [
      'two HTTP rules',
      '{http: [{method: GET, path: "/api"}, {method: POST, path: "/login"}]}',
      'only GET /api or POST /login',
    ],
    [
      'host and headers',
      '{http: [{host: "shop.example.com", headers: ["X-Token"]}]}',
      'only HTTP requests to host shop.example.com with header X-Token',
    ],
    ['DNS names', '{dns: [{matchPattern: "*.example.com"}]}', 'only DNS queries for *.example.com'],
    ['Kafka topics', '{kafka: [{role: produce, topic: orders}]}', 'only Kafka produce on topic orders'],
  ];
  it.each(rows)('%s', (_name, rules, condition) => {
    const { policies } = compile(
      cnp(
        'shop',
        'p',
        `${SELECT_WEB}egress:\n- toPorts: [{ports: [{port: "80", protocol: TCP}], rules: ${rules}}]`,
      ),
    );
    expect(decide(policies, 'egress', web, client, 'TCP', 80)).toBe(condition);
    expect(decide(policies, 'egress', web, client, 'TCP', 81)).toBe('denied');
  });

  it('a plain allow of the same port by another policy allows every request', () => {
    const l7 = cnp(
      'shop',
      'a',
      `${SELECT_WEB}ingress:\n- toPorts: [{ports: [{port: "80"}], rules: {http: [{method: GET}]}}]`,
    );
    const plain = cnp('shop', 'b', `${SELECT_WEB}ingress:\n- toPorts: [{ports: [{port: "80"}]}]`);
    expect(decide(compile(l7 + plain).policies, 'ingress', web, client, 'TCP', 80)).toBe('allowed');
  });
});

describe('deny rules and default deny', () => {
  it('ingressDeny wins over an allow of any policy, and is folded first', () => {
    const allowAll = cnp('shop', 'allow', `${SELECT_WEB}ingress:\n- fromEntities: [all]`);
    const deny = ccnp(
      'deny',
      'endpointSelector: {}\ningressDeny:\n- fromEndpoints: [{matchLabels: {app: client}}]\n  toPorts: [{ports: [{port: "80", protocol: TCP}]}]',
    );
    const { policies } = compile(allowAll + deny);
    expect(decide(policies, 'ingress', web, client, 'TCP', 80)).toBe('denied');
    expect(decide(policies, 'ingress', web, client, 'TCP', 443)).toBe('allowed');
    const denyPolicy = policies.find((p) => p.id.endsWith('(deny rules)'));
    expect(denyPolicy).toMatchObject({ tier: DEFAULT_TIER.key, order: -1, ingress: { isolates: false } });
    expect(denyPolicy?.ingress?.rules[0]?.action).toBe('deny');
  });

  it('a deny-only policy still turns default deny on for its direction', () => {
    const { policies } = compile(cnp('shop', 'p', `${SELECT_WEB}ingressDeny:\n- fromEntities: [world]`));
    expect(decide(policies, 'ingress', web, client, 'TCP', 80)).toBe('denied');
    expect(decide(policies, 'egress', web, client, 'TCP', 80)).toBe('allowed');
  });

  const isolation: [string, string, { ingress?: boolean; egress?: boolean }][] = [
    ['ingress rules isolate ingress only', 'ingress:\n- fromEndpoints: [{}]', { ingress: true }],
    ['egress rules isolate egress only', 'egress:\n- toEndpoints: [{}]', { egress: true }],
    ['ingress: [] is no rule at all', 'ingress: []', {}],
    [
      'enableDefaultDeny.ingress false: allows only add',
      'enableDefaultDeny: {ingress: false}\ningress:\n- fromEndpoints: [{}]',
      { ingress: false },
    ],
    [
      'enableDefaultDeny.egress true without egress rules does nothing',
      'enableDefaultDeny: {egress: true}\ningress:\n- fromEndpoints: [{}]',
      { ingress: true },
    ],
  ];
  it.each(isolation)('%s', (_name, rules, expected) => {
    const { policies } = compile(cnp('shop', 'p', SELECT_WEB + rules));
    const allow = policies.find((p) => !p.id.endsWith('(deny rules)'));
    expect({ ingress: allow?.ingress?.isolates, egress: allow?.egress?.isolates }).toEqual({
      ingress: expected.ingress,
      egress: expected.egress,
    });
  });

  it('a non-isolating policy adds its allows; any policy that isolates wins', () => {
    const open = cnp(
      'shop',
      'open',
      `${SELECT_WEB}enableDefaultDeny: {ingress: false}\ningress:\n- toPorts: [{ports: [{port: "80"}]}]`,
    );
    const strict = cnp('shop', 'strict', `${SELECT_WEB}ingress:\n- toPorts: [{ports: [{port: "443"}]}]`);
    expect(decide(compile(open).policies, 'ingress', web, client, 'TCP', 22)).toBe('allowed');
    const both = compile(open + strict).policies;
    expect([22, 80, 443].map((port) => decide(both, 'ingress', web, client, 'TCP', port))).toEqual([
      'denied',
      'allowed',
      'allowed',
    ]);
  });

  it('adds up with a NetworkPolicy on the same pod (both in the default tier)', () => {
    const networkPolicy: CompiledPolicy = {
      kind: 'NetworkPolicy',
      apiVersion: 'networking.k8s.io/v1',
      id: 'shop/np',
      name: 'np',
      namespace: 'shop',
      tier: DEFAULT_TIER.key,
      order: 1000,
      subject: { op: 'namespace', names: ['shop'] },
      ingress: {
        isolates: true,
        rules: [
          {
            index: 0,
            action: 'allow',
            ports: { fixed: portsOf('TCP', 5432), named: [] },
            ref: { source: 's', doc: 1, line: 1, endLine: 1 },
          },
        ],
      },
      ref: { source: 's', doc: 1, line: 1, endLine: 1 },
    };
    const { policies } = compile(
      cnp('shop', 'p', `${SELECT_WEB}ingress:\n- toPorts: [{ports: [{port: "80", protocol: TCP}]}]`),
    );
    const all = [...policies, networkPolicy];
    expect([80, 5432, 22].map((port) => decide(all, 'ingress', web, client, 'TCP', port))).toEqual([
      'allowed',
      'allowed',
      'denied',
    ]);
  });
});

describe('policy shape', () => {
  it('spec and specs each compile to a policy with its own id and source line', () => {
    const text = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: many, namespace: shop}
specs:
- endpointSelector: {matchLabels: {app: web}}
  ingress: [{fromEndpoints: [{}]}]
- endpointSelector: {matchLabels: {app: db}}
  egress: [{toEntities: [world]}]
`;
    const { policies, diagnostics } = compile(text);
    expect(diagnostics).toEqual([]);
    expect(policies.map((p) => [p.id, p.ref.line, p.kind, p.namespace])).toEqual([
      ['CiliumNetworkPolicy shop/many specs[0]', 5, 'CiliumNetworkPolicy', 'shop'],
      ['CiliumNetworkPolicy shop/many specs[1]', 7, 'CiliumNetworkPolicy', 'shop'],
    ]);
  });

  it('a nodeSelector policy is a host policy: a located warning, nothing evaluated', () => {
    const { policies, diagnostics, extras } = compile(
      ccnp('hosts', 'nodeSelector: {matchLabels: {role: worker}}\ningress:\n- fromEntities: [cluster]'),
    );
    expect(policies).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', line: 7, path: 'spec.nodeSelector' });
    expect((extras.cilium as { hostPolicies: unknown[] }).hostPolicies).toHaveLength(1);
  });
});
