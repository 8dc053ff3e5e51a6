import { describe, expect, it } from 'vitest';
import { formatConnectionSet } from '../../../src/engine/policy/connectionSet.ts';
import { calico, namespace, pod } from './fixtures.ts';
import { between, readWorld } from './miniFold.ts';

const CLUSTER = [
  namespace('shop', { env: 'prod' }),
  namespace('batch', { env: 'dev' }),
  pod('shop', 'web', { app: 'web' }, { serviceAccount: 'web-sa' }),
  pod('shop', 'api', { app: 'api' }, { serviceAccount: 'api-sa' }),
  pod('batch', 'job', { app: 'job' }),
].join('');

function verdict(policies: string, from: string, to: string): string {
  const world = readWorld(CLUSTER + policies);
  const errors = world.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('\n'));
  return formatConnectionSet(between(world, from, to));
}

const denyAll = calico('GlobalNetworkPolicy', 'deny-all', 'selector: all()\ntypes: [Ingress, Egress]');
const tier = (name: string, order: number, action = 'Deny') =>
  calico('Tier', name, `order: ${order}\ndefaultAction: ${action}`);

describe('Calico policy semantics', () => {
  const rows: [what: string, policies: string, from: string, to: string, verdict: string][] = [
    ['no policy: pods are allowed (their kns profile allows all)', '', 'shop/api', 'shop/web', 'all'],
    [
      'a policy that selects an endpoint and decides nothing: the tier denies',
      denyAll,
      'shop/api',
      'shop/web',
      'none',
    ],
    [
      'the first matching rule decides: Deny before Allow',
      calico(
        'GlobalNetworkPolicy',
        'p',
        "selector: app == 'web'\ningress:\n  - action: Deny\n    protocol: TCP\n  - action: Allow",
      ),
      'shop/api',
      'shop/web',
      'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol',
    ],
    [
      'lower order first: order 10 allows before order 20 denies',
      calico(
        'GlobalNetworkPolicy',
        'b-deny',
        "order: 20\nselector: app == 'web'\ningress: [{action: Deny}]",
      ) +
        calico(
          'GlobalNetworkPolicy',
          'a-allow',
          "order: 10\nselector: app == 'web'\ningress: [{action: Allow, protocol: TCP}]",
        ),
      'shop/api',
      'shop/web',
      'TCP all ports',
    ],
    [
      'a policy without order comes after every ordered one',
      calico('GlobalNetworkPolicy', 'a-deny', "selector: app == 'web'\ningress: [{action: Deny}]") +
        calico(
          'GlobalNetworkPolicy',
          'z-allow',
          "order: 1000000\nselector: app == 'web'\ningress: [{action: Allow, protocol: UDP}]",
        ),
      'shop/api',
      'shop/web',
      'UDP all ports',
    ],
    [
      'equal orders are broken by name',
      calico('GlobalNetworkPolicy', 'b', "order: 5\nselector: app == 'web'\ningress: [{action: Deny}]") +
        calico(
          'GlobalNetworkPolicy',
          'a',
          "order: 5\nselector: app == 'web'\ningress: [{action: Allow, protocol: SCTP}]",
        ),
      'shop/api',
      'shop/web',
      'SCTP all ports',
    ],
    [
      'Pass skips to the next tier, where nothing selects the endpoint: allowed',
      tier('security', 100) +
        calico(
          'GlobalNetworkPolicy',
          'security.pass',
          'tier: security\nselector: all()\ningress: [{action: Pass}]',
        ) +
        '',
      'shop/api',
      'shop/web',
      'all',
    ],
    [
      'Pass skips to the next tier, whose policies decide',
      tier('security', 100) +
        calico(
          'GlobalNetworkPolicy',
          'security.pass',
          'tier: security\nselector: all()\ningress: [{action: Pass}]',
        ) +
        calico(
          'GlobalNetworkPolicy',
          'only-tcp',
          'selector: all()\ningress: [{action: Allow, protocol: TCP}]',
        ),
      'shop/api',
      'shop/web',
      'TCP all ports',
    ],
    [
      'a tier with defaultAction Pass lets undecided traffic on to the next tier',
      tier('security', 100, 'Pass') +
        calico(
          'GlobalNetworkPolicy',
          'security.tcp',
          'tier: security\nselector: all()\ningress: [{action: Deny, protocol: TCP}]',
        ),
      'shop/api',
      'shop/web',
      'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol',
    ],
    [
      'an earlier tier denies before the default tier allows',
      tier('security', 100) +
        calico(
          'GlobalNetworkPolicy',
          'security.deny',
          'tier: security\nselector: all()\ningress: [{action: Deny, protocol: TCP}, {action: Pass}]',
        ) +
        calico('GlobalNetworkPolicy', 'allow', 'selector: all()\ningress: [{action: Allow}]'),
      'shop/api',
      'shop/web',
      'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol',
    ],
    [
      'types inferred: only egress rules means Egress only, ingress stays open',
      calico('GlobalNetworkPolicy', 'out', "selector: app == 'web'\negress: [{action: Deny}]"),
      'shop/api',
      'shop/web',
      'all',
    ],
    [
      'types inferred: no rules means Ingress, which then isolates',
      calico('GlobalNetworkPolicy', 'iso', "selector: app == 'web'"),
      'shop/api',
      'shop/web',
      'none',
    ],
    [
      'a namespaced policy selects only endpoints of its namespace',
      calico('NetworkPolicy', 'iso', 'selector: all()', 'batch'),
      'shop/api',
      'shop/web',
      'all',
    ],
    [
      'GlobalNetworkPolicy namespaceSelector narrows the endpoints it applies to',
      calico('GlobalNetworkPolicy', 'iso', "namespaceSelector: env == 'dev'"),
      'shop/api',
      'shop/web',
      'all',
    ],
    [
      'serviceAccountSelector picks endpoints by ServiceAccount name',
      calico('GlobalNetworkPolicy', 'iso', "serviceAccountSelector: projectcalico.org/name == 'web-sa'"),
      'shop/api',
      'shop/web',
      'none',
    ],
    [
      'egress and ingress are both needed',
      calico(
        'GlobalNetworkPolicy',
        'out',
        "selector: app == 'api'\ntypes: [Egress]\negress: [{action: Allow, protocol: TCP}]",
      ),
      'shop/api',
      'shop/web',
      'TCP all ports',
    ],
  ];
  it.each(rows)('%s', (_what, policies, from, to, expected) => {
    expect(verdict(policies, from, to)).toBe(expected);
  });
});

describe('Calico endpoints and profiles', () => {
  const wep = (name: string, labels: string, profiles: string) => `---
apiVersion: projectcalico.org/v3
kind: WorkloadEndpoint
metadata:
  name: node1-k8s-${name}-eth0
  namespace: shop
  labels: ${labels}
spec:
  pod: ${name}
  ipNetworks: [10.2.0.1/32]
  profiles: ${profiles}
  ports:
    - {name: http, protocol: TCP, port: 80}
`;
  const hep = `---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata:
  name: node1-eth0
  labels: {role: worker}
spec:
  node: node1
  interfaceName: eth0
`;
  const openProfile = calico('Profile', 'kns.shop', 'ingress: [{action: Allow}]\negress: [{action: Allow}]');
  it('a WorkloadEndpoint is the endpoint <namespace>/<spec.pod> and a HostEndpoint HostEndpoint/<name>', () => {
    const world = readWorld(CLUSTER + wep('cart', '{app: cart}', '[kns.shop]') + hep);
    expect(world.workloads.map((w) => w.id)).toEqual(
      expect.arrayContaining(['shop/cart', 'HostEndpoint/node1-eth0']),
    );
    expect(world.workloads.find((w) => w.id === 'HostEndpoint/node1-eth0')?.host).toBe(true);
  });
  const rows: [what: string, objects: string, from: string, to: string, verdict: string][] = [
    [
      'a profile that allows all lets its endpoints talk',
      wep('cart', '{app: cart}', '[kns.shop]') + openProfile,
      'shop/api',
      'shop/cart',
      'all',
    ],
    [
      'an endpoint whose profiles are not loaded is denied',
      wep('cart', '{app: cart}', '[kns.shop]'),
      'shop/api',
      'shop/cart',
      'none',
    ],
    [
      'an endpoint without profiles is denied',
      wep('cart', '{app: cart}', '[]') + openProfile,
      'shop/api',
      'shop/cart',
      'none',
    ],
    ['a host endpoint without policy is denied', hep, 'shop/api', 'HostEndpoint/node1-eth0', 'none'],
    [
      'a policy decides before the profile',
      wep('cart', '{app: cart}', '[kns.shop]') +
        openProfile +
        calico(
          'GlobalNetworkPolicy',
          'p',
          "selector: app == 'cart'\ningress: [{action: Allow, protocol: TCP}]",
        ),
      'shop/api',
      'shop/cart',
      'TCP all ports',
    ],
    [
      'Pass from the last tier reaches the profiles',
      wep('cart', '{app: cart}', '[kns.shop]') +
        calico('Profile', 'kns.shop', 'ingress: [{action: Allow, protocol: UDP}]') +
        calico('GlobalNetworkPolicy', 'p', "selector: app == 'cart'\ningress: [{action: Pass}]"),
      'shop/api',
      'shop/cart',
      'UDP all ports',
    ],
    [
      'rules reach named ports of a WorkloadEndpoint',
      wep('cart', '{app: cart}', '[]') +
        calico(
          'GlobalNetworkPolicy',
          'p',
          "selector: app == 'cart'\ningress: [{action: Allow, protocol: TCP, destination: {ports: [http]}}]",
        ),
      'shop/api',
      'shop/cart',
      'TCP 80',
    ],
    [
      'a host endpoint is selected by label and reached by global() peers',
      hep +
        calico(
          'GlobalNetworkPolicy',
          'hosts',
          "selector: role == 'worker'\ningress: [{action: Allow, source: {selector: all()}}]\negress: [{action: Allow, destination: {namespaceSelector: global()}}]",
        ),
      'shop/api',
      'HostEndpoint/node1-eth0',
      'all',
    ],
  ];
  it.each(rows)('%s', (_what, objects, from, to, expected) => {
    expect(verdict(objects, from, to)).toBe(expected);
  });
});

describe('compiled form', () => {
  it('an http match becomes the rule condition, and the policy says its tier and order', () => {
    const world = readWorld(
      CLUSTER +
        calico('Tier', 'security', 'order: 100') +
        calico(
          'GlobalNetworkPolicy',
          'security.web',
          "tier: security\norder: 7\nselector: app == 'web'\ningress:\n  - action: Allow\n    http: {methods: [GET, HEAD], paths: [{prefix: /api}, {exact: /health}]}",
        ),
    );
    const policy = world.policies.find((p) => p.name === 'security.web');
    expect(policy?.tier).toBe('calico:security');
    expect(policy?.detail).toBe('tier security, order 7');
    expect(policy?.ingress?.rules[0]?.condition).toBe('only HTTP GET, HEAD to /api*, /health');
    expect(world.tiers.find((t) => t.key === 'calico:security')?.order).toBe(100);
  });
  it('crd.projectcalico.org/v1 objects are read like projectcalico.org/v3 ones', () => {
    const text = calico('GlobalNetworkPolicy', 'iso', "selector: app == 'web'").replace(
      'projectcalico.org/v3',
      'crd.projectcalico.org/v1',
    );
    expect(verdict(text, 'shop/api', 'shop/web')).toBe('none');
  });
});
