import { describe, expect, it } from 'vitest';
import { formatConnectionSet } from '../../../src/engine/policy/connectionSet.ts';
import { calico, namespace, pod } from './fixtures.ts';
import { between, readWorld } from './miniFold.ts';

/**
 * shop/web (app=web, ports http 8080/TCP and dns 53/UDP, ServiceAccount web-sa), shop/api
 * (app=api, tier=backend, ServiceAccount api-sa, IP 10.1.0.5), shop/debug (app=debug),
 * batch/job (app=job, namespace env=dev).
 */
const CLUSTER = [
  namespace('shop', { env: 'prod' }),
  namespace('batch', { env: 'dev' }),
  pod('shop', 'web', { app: 'web' }, { ports: ['http:8080', 'dns:53/UDP'], serviceAccount: 'web-sa' }),
  pod('shop', 'api', { app: 'api', tier: 'backend' }, { serviceAccount: 'api-sa', ip: '10.1.0.5' }),
  pod('shop', 'debug', { app: 'debug' }),
  pod('batch', 'job', { app: 'job' }),
].join('');

function verdict(policies: string, from: string, to: string): string {
  const world = readWorld(CLUSTER + policies);
  const errors = world.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('\n'));
  return formatConnectionSet(between(world, from, to));
}

/** An ingress policy on shop/web with the given rules (YAML under `ingress:`). */
const toWeb = (rules: string) =>
  calico('NetworkPolicy', 'web-in', `selector: app == 'web'\ntypes: [Ingress]\ningress:\n${rules}`, 'shop');

type Row = [what: string, policies: string, from: string, to: string, verdict: string];

const EVERYTHING_BUT_TCP = 'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol';

describe('Calico rule match fields', () => {
  const rows: Row[] = [
    [
      'Allow without match fields allows every protocol',
      toWeb('  - action: Allow'),
      'shop/api',
      'shop/web',
      'all',
    ],
    ['protocol TCP', toWeb('  - action: Allow\n    protocol: TCP'), 'shop/api', 'shop/web', 'TCP all ports'],
    [
      'protocol in lower case',
      toWeb('  - action: Allow\n    protocol: udp'),
      'shop/api',
      'shop/web',
      'UDP all ports',
    ],
    [
      'protocol SCTP',
      toWeb('  - action: Allow\n    protocol: SCTP'),
      'shop/api',
      'shop/web',
      'SCTP all ports',
    ],
    [
      'protocol by number (17 = UDP)',
      toWeb('  - action: Allow\n    protocol: 17'),
      'shop/api',
      'shop/web',
      'UDP all ports',
    ],
    [
      'protocol UDPLite is IP protocol 136',
      toWeb('  - action: Allow\n    protocol: UDPLite'),
      'shop/api',
      'shop/web',
      'IP protocol 136',
    ],
    [
      'protocol 47 (GRE)',
      toWeb('  - action: Allow\n    protocol: 47'),
      'shop/api',
      'shop/web',
      'IP protocol 47',
    ],
    ['protocol ICMP', toWeb('  - action: Allow\n    protocol: ICMP'), 'shop/api', 'shop/web', 'ICMP all'],
    [
      'protocol ICMPv6',
      toWeb('  - action: Allow\n    protocol: ICMPv6'),
      'shop/api',
      'shop/web',
      'ICMPv6 all',
    ],
    [
      'icmp type',
      toWeb('  - action: Allow\n    protocol: ICMP\n    icmp: {type: 8}'),
      'shop/api',
      'shop/web',
      'ICMP type 8',
    ],
    [
      'icmp type and code',
      toWeb('  - action: Allow\n    protocol: ICMP\n    icmp: {type: 3, code: 4}'),
      'shop/api',
      'shop/web',
      'ICMP type 3 code 4',
    ],
    [
      'notICMP',
      toWeb('  - action: Allow\n    protocol: ICMP\n    notICMP: {type: 8}'),
      'shop/api',
      'shop/web',
      'ICMP types 0-7,types 9-255',
    ],
    [
      'notProtocol TCP allows everything else',
      toWeb('  - action: Allow\n    notProtocol: TCP'),
      'shop/api',
      'shop/web',
      EVERYTHING_BUT_TCP,
    ],
    [
      'ports: a number',
      toWeb('  - action: Allow\n    protocol: TCP\n    destination: {ports: [8080]}'),
      'shop/api',
      'shop/web',
      'TCP 8080',
    ],
    [
      'ports: a range lo:hi',
      toWeb('  - action: Allow\n    protocol: TCP\n    destination: {ports: ["8000:8100"]}'),
      'shop/api',
      'shop/web',
      'TCP 8000-8100',
    ],
    [
      'ports: a named port resolves on the destination',
      toWeb('  - action: Allow\n    protocol: UDP\n    destination: {ports: [dns]}'),
      'shop/api',
      'shop/web',
      'UDP 53',
    ],
    [
      'ports: a named port of another protocol matches nothing',
      toWeb('  - action: Allow\n    protocol: TCP\n    destination: {ports: [dns]}'),
      'shop/api',
      'shop/web',
      'none',
    ],
    [
      'notPorts',
      toWeb('  - action: Allow\n    protocol: TCP\n    destination: {notPorts: ["1:79", "81:65535"]}'),
      'shop/api',
      'shop/web',
      'TCP 80',
    ],
    [
      'source selector matches the peer',
      toWeb("  - action: Allow\n    source: {selector: app == 'api'}"),
      'shop/api',
      'shop/web',
      'all',
    ],
    [
      'source selector leaves others out',
      toWeb("  - action: Allow\n    source: {selector: app == 'api'}"),
      'shop/debug',
      'shop/web',
      'none',
    ],
    [
      'a namespaced rule selector only sees its own namespace',
      toWeb("  - action: Allow\n    source: {selector: app == 'job'}"),
      'batch/job',
      'shop/web',
      'none',
    ],
    [
      'namespaceSelector opens other namespaces',
      toWeb("  - action: Allow\n    source: {namespaceSelector: env == 'dev'}"),
      'batch/job',
      'shop/web',
      'all',
    ],
    [
      'namespaceSelector and selector are ANDed',
      toWeb("  - action: Allow\n    source: {namespaceSelector: env == 'dev', selector: app == 'api'}"),
      'batch/job',
      'shop/web',
      'none',
    ],
    [
      'notSelector excludes matching peers',
      toWeb("  - action: Allow\n    source: {notSelector: app == 'debug'}"),
      'shop/debug',
      'shop/web',
      'none',
    ],
    [
      'notSelector keeps the others of the namespace',
      toWeb("  - action: Allow\n    source: {notSelector: app == 'debug'}"),
      'shop/api',
      'shop/web',
      'all',
    ],
    [
      'notSelector in a namespaced policy stays in the namespace',
      toWeb("  - action: Allow\n    source: {notSelector: app == 'debug'}"),
      'batch/job',
      'shop/web',
      'none',
    ],
    [
      'serviceAccounts names',
      toWeb('  - action: Allow\n    source: {serviceAccounts: {names: [api-sa]}}'),
      'shop/api',
      'shop/web',
      'all',
    ],
    [
      'serviceAccounts names leave other accounts out',
      toWeb('  - action: Allow\n    source: {serviceAccounts: {names: [api-sa]}}'),
      'shop/debug',
      'shop/web',
      'none',
    ],
    [
      'nets match a pod by its IP',
      toWeb('  - action: Allow\n    source: {nets: [10.1.0.0/24]}'),
      'shop/api',
      'shop/web',
      'all',
    ],
    [
      'nets do not match a pod whose IP is unknown',
      toWeb('  - action: Allow\n    source: {nets: [10.1.0.0/24]}'),
      'shop/debug',
      'shop/web',
      'none',
    ],
    [
      'notNets exclude a pod by its IP',
      toWeb('  - action: Allow\n    source: {notNets: [10.1.0.5/32]}'),
      'shop/api',
      'shop/web',
      'none',
    ],
    [
      'Log decides nothing: the next rule does',
      toWeb('  - action: Log\n  - action: Allow\n    protocol: UDP'),
      'shop/api',
      'shop/web',
      'UDP all ports',
    ],
    [
      'http methods make the allow conditional (allowed for some requests)',
      toWeb('  - action: Allow\n    protocol: TCP\n    http: {methods: [GET]}'),
      'shop/api',
      'shop/web',
      'TCP all ports only HTTP GET',
    ],
  ];
  it.each(rows)('%s: %s -> %s', (_what, policies, from, to, expected) => {
    expect(verdict(policies, from, to)).toBe(expected);
  });
});

describe('destination fields of an ingress rule constrain the selected endpoint', () => {
  const policy = calico(
    'NetworkPolicy',
    'both-in',
    `selector: app in {'web', 'api'}
types: [Ingress]
ingress:
  - action: Allow
    protocol: TCP
    destination: {selector: app == 'web'}
  - action: Allow
    protocol: UDP`,
    'shop',
  );
  const rows: [from: string, to: string, verdict: string, because: string][] = [
    [
      'shop/debug',
      'shop/web',
      'TCP all ports; UDP all ports',
      'web matches the destination selector of rule 1 and rule 2',
    ],
    [
      'shop/debug',
      'shop/api',
      'UDP all ports',
      'api is selected by the policy but not by rule 1, so only rule 2 applies',
    ],
  ];
  it.each(rows)('%s -> %s: %s (%s)', (from, to, expected) => {
    expect(verdict(policy, from, to)).toBe(expected);
  });
  it('source fields of an egress rule constrain the selected endpoint the same way', () => {
    const egress = calico(
      'NetworkPolicy',
      'out',
      `types: [Egress]
egress:
  - action: Allow
    source: {selector: app == 'api'}`,
      'shop',
    );
    expect(verdict(egress, 'shop/api', 'shop/web')).toBe('all');
    expect(verdict(egress, 'shop/debug', 'shop/web')).toBe('none');
  });
});
