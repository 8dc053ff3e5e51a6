import { describe, expect, it } from 'vitest';
import { type Endpoint, Oracle, type OracleProtocol } from './oracle.ts';
import { formatFailure, runFuzz } from './runFuzz.ts';

const NAMESPACES = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: web}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 9000}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: job, namespace: batch}
spec: {containers: [{name: c}]}
`;

function oracleWith(policy: string): Oracle {
  return new Oracle(`${NAMESPACES}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${policy}`);
}

function pod(oracle: Oracle, id: string): Endpoint {
  const found = oracle.pods.find((p) => p.id === id);
  if (!found) throw new Error(`no pod ${id}`);
  return { pod: found };
}

function endpoint(oracle: Oracle, name: string): Endpoint {
  return /^\d/.test(name) ? { address: name } : pod(oracle, name);
}

// The oracle's own rules, checked against the API reference before it judges the engine.
const RULES: [string, string, string, string, OracleProtocol, number, boolean][] = [
  [
    'policyTypes: [] isolates ingress only',
    'metadata: {name: p, namespace: shop}\nspec: {podSelector: {}, policyTypes: []}',
    'shop/db',
    'shop/web',
    'TCP',
    8080,
    false,
  ],
  [
    'policyTypes: [] leaves egress open',
    'metadata: {name: p, namespace: shop}\nspec: {podSelector: {}, policyTypes: []}',
    'shop/web',
    'batch/job',
    'TCP',
    80,
    true,
  ],
  [
    'egress: [] with no policyTypes adds no Egress',
    'metadata: {name: p, namespace: shop}\nspec: {podSelector: {}, ingress: [{}], egress: []}',
    'shop/web',
    'batch/job',
    'TCP',
    80,
    true,
  ],
  [
    'a non-empty egress list adds Egress',
    'metadata: {name: p, namespace: shop}\nspec: {podSelector: {}, ingress: [{}], egress: [{ports: [{port: 53, protocol: UDP}]}]}',
    'shop/web',
    'batch/job',
    'TCP',
    80,
    false,
  ],
  [
    'missing podSelector selects every pod of the namespace',
    'metadata: {name: p, namespace: shop}\nspec: {}',
    'batch/job',
    'shop/web',
    'TCP',
    8080,
    false,
  ],
  [
    'from: [] allows any source',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [], ports: [{port: 8080}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    8080,
    true,
  ],
  [
    'ports: [] allows any port',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{ports: []}]}',
    'batch/job',
    'shop/web',
    'UDP',
    7,
    true,
  ],
  [
    'podSelector alone means the policy namespace',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [{podSelector: {}}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    8080,
    false,
  ],
  [
    'namespaceSelector by the name label',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: batch}}}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    8080,
    true,
  ],
  [
    'namespaceSelector AND podSelector in one peer',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: x}}}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    8080,
    false,
  ],
  [
    'NotIn matches a pod without the key',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [db]}]}}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    8080,
    true,
  ],
  [
    'DoesNotExist matches a pod without the key',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: DoesNotExist}]}}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    8080,
    true,
  ],
  [
    'In needs the key',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    8080,
    false,
  ],
  [
    'a named port resolves on the destination pod',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{ports: [{port: http}]}]}',
    'batch/job',
    'shop/db',
    'TCP',
    9000,
    true,
  ],
  [
    'a named port needs the same protocol',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{ports: [{port: dns}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    53,
    false,
  ],
  [
    'a named UDP port',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{ports: [{port: dns, protocol: UDP}]}]}',
    'batch/job',
    'shop/web',
    'UDP',
    53,
    true,
  ],
  [
    'endPort makes a range',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{ports: [{port: 8000, endPort: 8100}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    8100,
    true,
  ],
  [
    'the protocol defaults to TCP',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{ports: [{port: 8080}]}]}',
    'batch/job',
    'shop/web',
    'UDP',
    8080,
    false,
  ],
  [
    'ipBlock never matches pods',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}',
    'batch/job',
    'shop/web',
    'TCP',
    8080,
    false,
  ],
  [
    'ipBlock matches an address outside except',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]}',
    '10.2.0.1',
    'shop/web',
    'TCP',
    8080,
    true,
  ],
  [
    'ipBlock except carves addresses out',
    'metadata: {name: p, namespace: shop}\nspec: {ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]}',
    '10.1.2.3',
    'shop/web',
    'TCP',
    8080,
    false,
  ],
];

describe('the oracle follows the API reference', () => {
  it.each(RULES)('%s', (_rule, policy, from, to, protocol, port, allowed) => {
    const oracle = oracleWith(policy);
    expect(oracle.allows(endpoint(oracle, from), endpoint(oracle, to), protocol, port)).toBe(allowed);
  });
});

// Bounded for npm test; `npm run fuzz` runs the same comparison on many more clusters.
const BATCHES = 6;
const PER_BATCH = 50;

describe('the engine agrees with the independent oracle on random clusters', () => {
  for (let batch = 0; batch < BATCHES; batch++) {
    const seed = 20_000 + batch * PER_BATCH;
    it(`clusters with seeds ${seed}..${seed + PER_BATCH - 1}`, () => {
      const report = runFuzz({ clusters: PER_BATCH, seed, maxFailures: 2 });
      expect(report.verdicts).toBeGreaterThan(0);
      expect(report.failures.map(formatFailure)).toEqual([]);
    });
  }
});
