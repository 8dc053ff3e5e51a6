import { describe, expect, it } from 'vitest';
import { formatConnectionSet } from '../../../src/engine/policy/connectionSet.ts';
import { ns, readIstio, workload } from './harness.ts';

const OTHERS = 'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol';

const BASE = [
  ns('mesh', { 'istio-injection': 'enabled' }),
  ns('plain'),
  workload('mesh', 'server', { ports: [8080] }),
  workload('mesh', 'client', { sa: 'client' }),
  workload('plain', 'server', { ports: [8080] }),
].join('');

const ALLOW_NOTHING = (namespace: string) => `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow-nothing, namespace: ${namespace}}
spec: {}
`;

const NETPOL_TCP_8080_ONLY = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-8080, namespace: mesh}
spec:
  podSelector: {matchLabels: {app: server}}
  ingress: [{ports: [{port: 8080}]}]
`;

const cases: [what: string, manifests: string, from: string, to: string, verdict: string][] = [
  [
    'ALLOW nothing narrows TCP only: UDP, SCTP and other protocols pass',
    BASE + ALLOW_NOTHING('mesh'),
    'mesh/client',
    'mesh/server',
    OTHERS,
  ],
  [
    'a destination outside the mesh is untouched by policies of its namespace',
    BASE + ALLOW_NOTHING('plain'),
    'mesh/client',
    'plain/server',
    'all',
  ],
  [
    'the network verdict and the mesh verdict intersect',
    BASE + NETPOL_TCP_8080_ONLY + ALLOW_NOTHING('mesh'),
    'mesh/client',
    'mesh/server',
    'none',
  ],
  [
    'an Istio allow cannot open what a NetworkPolicy closes',
    `${BASE}${NETPOL_TCP_8080_ONLY}---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: all, namespace: mesh}
spec: {rules: [{}]}
`,
    'mesh/client',
    'mesh/server',
    'TCP 8080',
  ],
];

describe('the mesh layer under the network verdict', () => {
  it.each(cases)('%s', (_what, manifests, from, to, verdict) => {
    const { analysis } = readIstio(manifests);
    expect(formatConnectionSet(analysis.reach.between(from, to))).toBe(verdict);
  });
});
