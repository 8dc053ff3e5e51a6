import { describe, expect, it } from 'vitest';
import { formatConnectionSet } from '../../../src/engine/policy/connectionSet.ts';
import { parseIpv4 } from '../../../src/engine/policy/ipv4.ts';
import { calico, namespace, pod } from './fixtures.ts';
import { foldDirection, readWorld } from './miniFold.ts';

/** The cluster of rules.test.ts: shop/web, shop/api (IP 10.1.0.5), shop/debug, batch/job. */
const CLUSTER = [
  namespace('shop', { env: 'prod' }),
  namespace('batch', { env: 'dev' }),
  pod('shop', 'web', { app: 'web' }, { ports: ['http:8080', 'dns:53/UDP'], serviceAccount: 'web-sa' }),
  pod('shop', 'api', { app: 'api', tier: 'backend' }, { serviceAccount: 'api-sa', ip: '10.1.0.5' }),
  pod('shop', 'debug', { app: 'debug' }),
  pod('batch', 'job', { app: 'job' }),
].join('');

/** An ingress policy on shop/web with the given rules (YAML under `ingress:`). */
const toWeb = (rules: string) =>
  calico('NetworkPolicy', 'web-in', `selector: app == 'web'\ntypes: [Ingress]\ningress:\n${rules}`, 'shop');

describe('external addresses', () => {
  const egress = (rules: string) =>
    calico('NetworkPolicy', 'web-out', `selector: app == 'web'\ntypes: [Egress]\negress:\n${rules}`, 'shop');
  const toAddress = (policy: string, ip: string) => {
    const world = readWorld(CLUSTER + policy);
    const n = parseIpv4(ip) ?? 0;
    return formatConnectionSet(
      foldDirection(world, world.view('shop/web'), { range: { start: n, end: n } }, 'egress'),
    );
  };
  const rows: [what: string, rules: string, ip: string, verdict: string][] = [
    [
      'nets cover the addresses in them',
      '  - action: Allow\n    destination: {nets: [192.0.2.0/24]}',
      '192.0.2.9',
      'all',
    ],
    [
      'nets leave other addresses out',
      '  - action: Allow\n    destination: {nets: [192.0.2.0/24]}',
      '198.51.100.1',
      'none',
    ],
    [
      'notNets cover everything outside them',
      '  - action: Allow\n    destination: {notNets: [192.0.2.0/24]}',
      '198.51.100.1',
      'all',
    ],
    [
      'notNets leave their own addresses out',
      '  - action: Allow\n    destination: {notNets: [192.0.2.0/24]}',
      '192.0.2.9',
      'none',
    ],
    [
      'a selector never matches an external address',
      '  - action: Allow\n    destination: {selector: all()}',
      '192.0.2.9',
      'none',
    ],
    [
      'notSelector alone in a namespaced policy is scoped to the namespace: no external',
      "  - action: Allow\n    destination: {notSelector: app == 'x'}",
      '192.0.2.9',
      'none',
    ],
    [
      'nets and selector are ANDed: no external address carries labels',
      '  - action: Allow\n    destination: {nets: [192.0.2.0/24], selector: all()}',
      '192.0.2.9',
      'none',
    ],
    [
      'a destination without match fields covers every address',
      '  - action: Allow\n    protocol: TCP\n    destination: {ports: [443]}',
      '192.0.2.9',
      'TCP 443',
    ],
  ];
  it.each(rows)('%s', (_what, rules, ip, expected) => {
    expect(toAddress(egress(rules), ip)).toBe(expected);
  });
  it('notSelector alone in a GlobalNetworkPolicy matches external addresses', () => {
    const policy = calico(
      'GlobalNetworkPolicy',
      'out',
      "selector: app == 'web'\ntypes: [Egress]\negress:\n  - action: Allow\n    destination: {notSelector: app == 'x'}",
    );
    expect(toAddress(policy, '192.0.2.9')).toBe('all');
  });
  it('serviceAccounts.selector reads ServiceAccount labels', () => {
    const world = readWorld(
      CLUSTER +
        toWeb(
          "  - action: Allow\n    source: {serviceAccounts: {selector: team == 'blue', names: [api-sa]}}",
        ),
    );
    expect(world.policies[0]?.ingress?.rules[0]?.peers?.[0]?.endpoints).toEqual({
      op: 'and',
      of: [
        { op: 'namespace', names: ['shop'] },
        { op: 'serviceAccount', names: ['api-sa'] },
        { op: 'label', scope: 'serviceAccount', key: 'team', test: { is: 'eq', value: 'blue' } },
      ],
    });
  });
});
