import { describe, expect, it } from 'vitest';
import { resolveCalicoServices } from '../../../src/engine/kinds/calico/resolveServices.ts';
import type { ClusterModel } from '../../../src/engine/model/types.ts';
import { formatConnectionSet } from '../../../src/engine/policy/connectionSet.ts';
import { calico, namespace, pod } from './fixtures.ts';
import { between, readWorld } from './miniFold.ts';

const SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector:
    app: api
  ports:
    - port: 80
      targetPort: http
`;
const CLUSTER = [
  namespace('shop'),
  pod('shop', 'web', { app: 'web' }),
  pod('shop', 'api', { app: 'api' }, { ports: ['http:8080', '9090'] }),
  pod('shop', 'db', { app: 'db' }, { ports: ['http:8080'] }),
  SERVICE,
].join('');

function verdicts(policy: string, pairs: [string, string][]): string[] {
  const world = readWorld(CLUSTER + policy);
  const model: ClusterModel = {
    ...world.model,
    policies: world.policies,
    workloads: world.workloads,
    extras: world.extras,
  };
  world.policies = resolveCalicoServices(world.policies, model);
  return pairs.map(([from, to]) => formatConnectionSet(between(world, from, to)));
}

describe('services in rules resolve against the model once it is complete', () => {
  it('an egress rule to a Service reaches its pods on its target ports only', () => {
    const policy = calico(
      'NetworkPolicy',
      'web-out',
      "selector: app == 'web'\ntypes: [Egress]\negress:\n  - action: Allow\n    destination:\n      services: {name: api}",
      'shop',
    );
    expect(
      verdicts(policy, [
        ['shop/web', 'shop/api'],
        ['shop/web', 'shop/db'],
      ]),
    ).toEqual(['TCP 8080', 'none']);
  });
  it('an ingress rule from a Service matches its pods as sources, on any port', () => {
    const policy = calico(
      'NetworkPolicy',
      'web-in',
      "selector: app == 'web'\ningress:\n  - action: Allow\n    source:\n      services: {name: api, namespace: shop}",
      'shop',
    );
    expect(
      verdicts(policy, [
        ['shop/api', 'shop/web'],
        ['shop/db', 'shop/web'],
      ]),
    ).toEqual(['all', 'none']);
  });
  it('a Service missing from the manifests matches nothing', () => {
    const policy = calico(
      'NetworkPolicy',
      'web-out',
      "selector: app == 'web'\ntypes: [Egress]\negress:\n  - action: Allow\n    destination:\n      services: {name: nope}",
      'shop',
    );
    expect(verdicts(policy, [['shop/web', 'shop/api']])).toEqual(['none']);
  });
});
