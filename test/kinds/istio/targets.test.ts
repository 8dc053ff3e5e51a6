import { describe, expect, it } from 'vitest';
import { CLUSTER, policy, SELECT_API } from './fixtures.ts';
import { meshVerdict, readIstio, workload } from './harness.ts';

describe('values both listed and excluded', () => {
  const rows: [what: string, operation: string, verdict: string][] = [
    [
      'methods [GET, PUT] minus notMethods [GET] is PUT',
      '{methods: [GET, PUT], notMethods: [GET]}',
      'TCP all ports only PUT',
    ],
    ['methods [GET] minus notMethods [GET] is no request', '{methods: [GET], notMethods: [GET]}', 'none'],
    ['paths [/a] minus notPaths [/a] is no request', '{paths: [/a], notPaths: [/a]}', 'none'],
  ];
  it.each(rows)('%s', (_what, operation, verdict) => {
    const { analysis } = readIstio(
      CLUSTER + policy(`${SELECT_API}  rules: [{to: [{operation: ${operation}}]}]`),
    );
    expect(meshVerdict(analysis, 'shop/web', 'shop/api')).toBe(verdict);
  });
});

describe('targetRef and targetRefs', () => {
  const SERVICE = `---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}
`;
  const GATEWAY_POD = workload('shop', 'edge-istio', {
    labels: { 'gateway.networking.k8s.io/gateway-name': 'edge' },
  });
  const rows: [what: string, spec: string, to: string, verdict: string][] = [
    [
      'a Service target applies to the pods it selects (Service read after the policy)',
      '  targetRef: {kind: Service, group: "", name: api}\n  rules: []',
      'shop/api',
      'none',
    ],
    [
      'a Service target leaves other pods alone',
      '  targetRef: {kind: Service, group: "", name: api}\n  rules: []',
      'shop/web',
      'TCP all ports',
    ],
    [
      'a Gateway target applies to the gateway pods',
      '  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: edge}]\n  rules: []',
      'shop/edge-istio',
      'none',
    ],
    [
      'a missing Service applies to nothing',
      '  targetRef: {kind: Service, group: "", name: gone}\n  rules: []',
      'shop/api',
      'TCP all ports',
    ],
  ];
  it.each(rows)('%s', (_what, spec, to, verdict) => {
    const { analysis } = readIstio(CLUSTER + GATEWAY_POD + policy(spec) + SERVICE);
    expect(meshVerdict(analysis, 'shop/web', to)).toBe(verdict);
  });
});
