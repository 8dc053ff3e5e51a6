import { describe, expect, it } from 'vitest';
import { resolveCalico } from '../../../src/engine/kinds/calico/resolveCalico.ts';
import type { ClusterModel } from '../../../src/engine/model/types.ts';
import { formatConnectionSet } from '../../../src/engine/policy/connectionSet.ts';
import { parseIpv4 } from '../../../src/engine/policy/ipv4.ts';
import { calico, namespace, pod } from './fixtures.ts';
import { between, foldDirection, readWorld } from './miniFold.ts';

const CLUSTER = [namespace('shop'), pod('shop', 'web', { app: 'web' })].join('');
const SETS = `---
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata: {name: partners, namespace: shop, labels: {role: partner}}
spec: {nets: [198.51.100.0/24]}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: {name: blocked, labels: {role: blocked}}
spec: {nets: [203.0.113.0/24]}
`;

function finished(text: string) {
  const world = readWorld(CLUSTER + text);
  const model: ClusterModel = {
    ...world.model,
    policies: world.policies,
    workloads: world.workloads,
    extras: world.extras,
  };
  world.policies = resolveCalico(world.policies, model);
  return world;
}

function egressTo(world: ReturnType<typeof finished>, ip: string): string {
  const n = parseIpv4(ip) ?? 0;
  return formatConnectionSet(
    foldDirection(world, world.view('shop/web'), { range: { start: n, end: n } }, 'egress'),
  );
}

describe('resolveCalico and profile labels', () => {
  it('a rule selector also matches the nets of the network sets it selects', () => {
    const world = finished(
      SETS +
        calico(
          'NetworkPolicy',
          'out',
          "types: [Egress]\negress:\n  - action: Allow\n    destination: {selector: role == 'partner'}",
          'shop',
        ),
    );
    expect(egressTo(world, '198.51.100.7')).toBe('all');
    expect(egressTo(world, '192.0.2.1')).toBe('none');
  });
  it('a namespaced rule selector sees only network sets of its namespace; global() sees global sets', () => {
    const local = finished(
      SETS +
        calico(
          'NetworkPolicy',
          'out',
          "types: [Egress]\negress:\n  - action: Allow\n    destination: {selector: role == 'blocked'}",
          'shop',
        ),
    );
    expect(egressTo(local, '203.0.113.9')).toBe('none');
    const global = finished(
      SETS +
        calico(
          'NetworkPolicy',
          'out',
          "types: [Egress]\negress:\n  - action: Allow\n    destination: {namespaceSelector: global(), selector: role == 'blocked'}",
          'shop',
        ),
    );
    expect(egressTo(global, '203.0.113.9')).toBe('all');
  });
  it('notSelector alone matches every address but those of the sets it selects', () => {
    const world = finished(
      SETS +
        calico(
          'GlobalNetworkPolicy',
          'out',
          "types: [Egress]\negress:\n  - action: Allow\n    destination: {notSelector: role == 'blocked'}",
        ),
    );
    expect(egressTo(world, '203.0.113.9')).toBe('none');
    expect(egressTo(world, '192.0.2.1')).toBe('all');
  });
  const endpoint = `---
apiVersion: projectcalico.org/v3
kind: WorkloadEndpoint
metadata: {name: n-k8s-cart-eth0, namespace: shop, labels: {app: cart, stage: own}}
spec: {pod: cart, profiles: [dev]}
`;
  const profile = calico(
    'Profile',
    'dev',
    'labelsToApply: {stage: dev, team: blue}\ningress: [{action: Allow}]\negress: [{action: Allow}]',
  );
  const policy = calico(
    'GlobalNetworkPolicy',
    'p',
    "selector: team == 'blue' && stage == 'own'\ningress: [{action: Allow, protocol: UDP}]",
  );
  it.each([
    ['the endpoint before its profile', endpoint + profile + policy],
    ['the profile before its endpoint', profile + endpoint + policy],
  ])("endpoints inherit their profiles' labelsToApply, their own labels winning (%s)", (_order, text) => {
    const world = finished(text);
    expect(world.workloads.find((w) => w.id === 'shop/cart')?.labels).toEqual({
      app: 'cart',
      stage: 'own',
      team: 'blue',
    });
    expect(formatConnectionSet(between(world, 'shop/web', 'shop/cart'))).toBe('UDP all ports');
  });
});
