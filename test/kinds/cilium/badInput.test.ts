import { describe, expect, it } from 'vitest';
import { ciliumFindings } from '../../../src/engine/kinds/cilium/findings.ts';
import type { ClusterModel, Workload } from '../../../src/engine/model/types.ts';
import { ccnp, cnp, compile } from './helpers.ts';

const SELECT_WEB = 'endpointSelector:\n  matchLabels: {app: web}\n';

/** Each row: what is wrong, the rules, the line, the field path and words of the message. */
const rejected: [string, string, number, string, RegExp][] = [
  [
    'an unknown entity',
    'ingress:\n- fromEntities: [wrld]',
    11,
    'spec.ingress[0].fromEntities[0]',
    /"wrld" is not a Cilium entity/,
  ],
  [
    'a port out of range',
    'ingress:\n- toPorts: [{ports: [{port: "70000", protocol: TCP}]}]',
    11,
    'spec.ingress[0].toPorts[0].ports[0].port',
    /out of range/,
  ],
  [
    'endPort below port',
    'ingress:\n- toPorts: [{ports: [{port: "90", endPort: 80}]}]',
    11,
    'spec.ingress[0].toPorts[0].ports[0].endPort',
    /endPort 80/,
  ],
  [
    'an unknown protocol',
    'ingress:\n- toPorts: [{ports: [{port: "80", protocol: ICMP}]}]',
    11,
    'spec.ingress[0].toPorts[0].ports[0].protocol',
    /ICMP goes in icmps/,
  ],
  [
    'a lower-case protocol (the CRD enum is upper case)',
    'ingress:\n- toPorts: [{ports: [{port: "53", protocol: udp}]}]',
    11,
    'spec.ingress[0].toPorts[0].ports[0].protocol',
    /"udp" is not a toPorts protocol/,
  ],
  [
    'an unquoted port number',
    'ingress:\n- toPorts: [{ports: [{port: 80, protocol: TCP}]}]',
    11,
    'spec.ingress[0].toPorts[0].ports[0].port',
    /write it quoted, "80"/,
  ],
  [
    'a quoted endPort',
    'ingress:\n- toPorts: [{ports: [{port: "80", endPort: "90", protocol: TCP}]}]',
    11,
    'spec.ingress[0].toPorts[0].ports[0].endPort',
    /endPort 90/,
  ],
  [
    'two kinds of peer in one rule',
    'ingress:\n- fromEndpoints: [{}]\n  fromCIDR: [10.0.0.0/8]',
    12,
    'spec.ingress[0].fromCIDR',
    /combining fromEndpoints and fromCIDR/,
  ],
  [
    'icmps beside toPorts',
    'ingress:\n- toPorts: [{ports: [{port: "80", protocol: TCP}]}]\n  icmps: [{fields: [{type: 8}]}]',
    12,
    'spec.ingress[0].icmps',
    /icmps cannot stand beside toPorts/,
  ],
  [
    'DNS rules on ingress',
    'ingress:\n- toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {dns: [{matchName: a.example}]}}]',
    11,
    'spec.ingress[0].toPorts',
    /only supported on egress/,
  ],
  ['a bad CIDR', 'egress:\n- toCIDR: [10.0.0.0/33]', 11, 'spec.egress[0].toCIDR[0]', /not a CIDR/],
  [
    'a bad except',
    'egress:\n- toCIDRSet: [{cidr: 10.0.0.0/8, except: [banana]}]',
    11,
    'spec.egress[0].toCIDRSet[0].except[0]',
    /"banana" is not a CIDR/,
  ],
  [
    'a bad selector operator',
    'ingress:\n- fromEndpoints: [{matchExpressions: [{key: app, operator: Equals, values: [a]}]}]',
    11,
    'spec.ingress[0].fromEndpoints[0].matchExpressions[0].operator',
    /not a selector operator/,
  ],
  [
    'an ICMP type out of range',
    'ingress:\n- icmps: [{fields: [{type: 300}]}]',
    11,
    'spec.ingress[0].icmps[0].fields[0].type',
    /ICMP type "300"/,
  ],
  [
    'enableDefaultDeny not a boolean',
    'enableDefaultDeny: {ingress: "no"}\ningress: [{}]',
    10,
    'spec.enableDefaultDeny.ingress',
    /true or false/,
  ],
  ['ingress not a list', 'ingress: {fromEntities: [world]}', 10, 'spec.ingress', /must be a list/],
];

describe('input Cilium rejects: located error, policy dropped, no crash', () => {
  it.each(rejected)('%s', (_name, rules, line, path, message) => {
    const { policies, diagnostics } = compile(cnp('shop', 'p', SELECT_WEB + rules));
    expect(policies).toEqual([]);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line, path, dropsObject: true, source: 'cilium.yaml', doc: 1 });
    expect(errors[0]?.message).toMatch(message);
    expect(errors[0]?.column).toBeGreaterThan(0);
  });

  it('keeps the other policies of the input', () => {
    const good = cnp('shop', 'good', `${SELECT_WEB}ingress: [{fromEntities: [world]}]`);
    const bad = cnp('shop', 'bad', `${SELECT_WEB}ingress: [{fromEntities: [wrld]}]`);
    expect(compile(bad + good).policies.map((p) => p.name)).toEqual(['good']);
  });

  it('a rejected policy leaves no facts behind for findings', () => {
    const bad = cnp(
      'shop',
      'bad',
      `${SELECT_WEB}egress:\n- toFQDNs: [{matchName: a.example}]\n- toEntities: [wrld]`,
    );
    const { extras } = compile(bad);
    expect((extras.cilium as { fqdnRules: unknown[] }).fqdnRules).toEqual([]);
  });

  const shapes: [string, string][] = [
    [
      'no spec',
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\n',
    ],
    [
      'spec a string',
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: nope\n',
    ],
    [
      'specs of numbers',
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspecs: [1, 2]\n',
    ],
    [
      'no endpointSelector',
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: {ingress: [{}]}\n',
    ],
    [
      'both selectors',
      'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: p}\nspec: {endpointSelector: {}, nodeSelector: {}}\n',
    ],
    [
      'nodeSelector in a namespaced policy',
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: {nodeSelector: {}}\n',
    ],
    [
      'rules of null and numbers',
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: {endpointSelector: {}, ingress: [null, 3], egress: [{toPorts: [null]}]}\n',
    ],
    [
      'a selector of the wrong type',
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: {endpointSelector: [], egress: [{toEndpoints: [{matchLabels: {a: 1}}]}]}\n',
    ],
  ];
  it.each(shapes)('%s: one located error, nothing compiled', (_name, text) => {
    const { policies, diagnostics } = compile(text);
    expect(policies).toEqual([]);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((d) => d.line >= 1 && d.path)).toBe(true);
  });

  it('warns on deprecated fromRequires and applies it to the endpoint peers', () => {
    const { policies, diagnostics } = compile(
      cnp(
        'shop',
        'p',
        `${SELECT_WEB}ingress:\n- fromEndpoints: [{matchLabels: {app: client}}]\n  fromRequires: [{matchLabels: {team: a}}]`,
      ),
    );
    expect(diagnostics.map((d) => [d.severity, d.path])).toEqual([
      ['warning', 'spec.ingress[0].fromRequires'],
    ]);
    expect(policies[0]?.ingress?.rules[0]?.peers?.[0]?.label).toMatch(/narrowed by requires/);
  });
});

function workload(namespace: string, name: string, labels: Record<string, string>): Workload {
  return {
    id: `${namespace}/${name}`,
    namespace,
    name,
    kind: 'Deployment',
    labels,
    ports: [],
    replicas: 1,
    hostNetwork: false,
    nodeSelector: {},
    podIPs: [],
    ref: { source: 'w.yaml', doc: 1, line: 1, endLine: 1 },
  };
}

function modelOf(text: string, workloads: Workload[]): ClusterModel {
  const { extras } = compile(text);
  return { workloads, namespaces: [], extras } as unknown as ClusterModel;
}

describe('ciliumFindings', () => {
  it('flags a selector that Cilium confines to the policy namespace and that matches only elsewhere', () => {
    const text = cnp(
      'finance',
      'p',
      'endpointSelector: {}\ningress:\n- fromEndpoints: [{matchLabels: {app: partner}}]',
    );
    const findings = ciliumFindings(modelOf(text, [workload('partner', 'client', { app: 'partner' })]));
    expect(findings.map((f) => [f.code, f.severity, f.ref.line])).toEqual([
      ['cilium-selector-namespace-scoped', 'warning', 10],
    ]);
    expect(findings[0]?.message).toContain('partner/client');
  });

  it('says nothing when the selector matches in its own namespace, or names the namespace', () => {
    const own = cnp(
      'finance',
      'p',
      'endpointSelector: {}\ningress:\n- fromEndpoints: [{matchLabels: {app: partner}}]',
    );
    expect(
      ciliumFindings(
        modelOf(own, [
          workload('finance', 'x', { app: 'partner' }),
          workload('partner', 'y', { app: 'partner' }),
        ]),
      ),
    ).toEqual([]);
    const named = cnp(
      'finance',
      'p',
      'endpointSelector: {}\ningress:\n- fromEndpoints: [{matchLabels: {app: partner, io.kubernetes.pod.namespace: partner}}]',
    );
    expect(ciliumFindings(modelOf(named, [workload('partner', 'y', { app: 'partner' })]))).toEqual([]);
  });

  it('reports host policies and toFQDNs without a DNS rule', () => {
    const host = ccnp('hosts', 'nodeSelector: {}\ningress: [{fromEntities: [cluster]}]');
    const fqdn = cnp(
      'shop',
      'out',
      'endpointSelector: {}\negress:\n- toFQDNs: [{matchName: api.example.com}]',
    );
    expect(ciliumFindings(modelOf(host + fqdn, [])).map((f) => f.code)).toEqual([
      'cilium-host-policy',
      'cilium-fqdn-without-dns-rule',
    ]);
    const dns = cnp(
      'shop',
      'dns',
      'endpointSelector: {}\negress:\n- toEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: kube-system}}]\n  toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]',
    );
    expect(ciliumFindings(modelOf(fqdn + dns, [])).map((f) => f.code)).toEqual([]);
  });
});
