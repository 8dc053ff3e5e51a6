import { describe, expect, it } from 'vitest';
import { meshVerdict, ns, readIstio, workload } from './harness.ts';

/** Namespaces shop (injected) and other (injected); clients with distinct ServiceAccounts. */
const CLUSTER = [
  ns('shop', { 'istio-injection': 'enabled' }),
  ns('other', { 'istio-injection': 'enabled' }),
  ns('plain'),
  workload('shop', 'api', { sa: 'api', ports: [8080, 9090] }),
  workload('shop', 'web', { sa: 'web' }),
  workload('shop', 'batch'),
  workload('other', 'client', { sa: 'client' }),
  workload('plain', 'legacy', { sa: 'legacy' }),
].join('');

function policy(spec: string, name = 'p', namespace = 'shop'): string {
  return `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}
`;
}

const SELECT_API = '  selector: {matchLabels: {app: api}}\n';

const cases: [what: string, policies: string, from: string, to: string, verdict: string][] = [
  ['no policy: the mesh allows everything', '', 'shop/web', 'shop/api', 'TCP all'],
  ['spec {} (ALLOW, no rules) admits no TCP', policy('  {}'), 'shop/web', 'shop/api', 'none'],
  [
    'ALLOW rule {} admits everything',
    policy(`${SELECT_API}  rules: [{}]`),
    'other/client',
    'shop/api',
    'TCP all',
  ],
  [
    'DENY without rules matches nothing',
    policy(`${SELECT_API}  action: DENY`),
    'shop/web',
    'shop/api',
    'TCP all',
  ],
  [
    'DENY rule {} denies all TCP',
    policy(`${SELECT_API}  action: DENY\n  rules: [{}]`),
    'shop/web',
    'shop/api',
    'none',
  ],
  [
    'AUDIT changes no verdict',
    policy(`${SELECT_API}  action: AUDIT\n  rules: [{}]`),
    'shop/web',
    'shop/api',
    'TCP all',
  ],
  [
    'principal matches namespace + ServiceAccount',
    policy(`${SELECT_API}  rules: [{from: [{source: {principals: [cluster.local/ns/shop/sa/web]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP all',
  ],
  [
    'principal of another ServiceAccount does not match',
    policy(`${SELECT_API}  rules: [{from: [{source: {principals: [cluster.local/ns/shop/sa/web]}}]}]`),
    'shop/batch',
    'shop/api',
    'none',
  ],
  [
    'a pod without serviceAccountName is sa/default',
    policy(`${SELECT_API}  rules: [{from: [{source: {principals: [cluster.local/ns/shop/sa/default]}}]}]`),
    'shop/batch',
    'shop/api',
    'TCP all',
  ],
  [
    'the tutorial form .../ServiceAccount/<name> matches nothing',
    policy(
      `${SELECT_API}  rules: [{from: [{source: {principals: [cluster.local/ns/shop/ServiceAccount/web]}}]}]`,
    ),
    'shop/web',
    'shop/api',
    'none',
  ],
  [
    'principal prefix wildcard: any ServiceAccount of namespace other',
    policy(`${SELECT_API}  rules: [{from: [{source: {principals: ["cluster.local/ns/other/*"]}}]}]`),
    'other/client',
    'shop/api',
    'TCP all',
  ],
  [
    'principal suffix wildcard: ServiceAccount client in any namespace',
    policy(`${SELECT_API}  rules: [{from: [{source: {principals: ["*/sa/client"]}}]}]`),
    'other/client',
    'shop/api',
    'TCP all',
  ],
  [
    'principal "*" needs a mesh identity: a pod outside the mesh has none',
    policy(`${SELECT_API}  rules: [{from: [{source: {principals: ["*"]}}]}]`),
    'plain/legacy',
    'shop/api',
    'none',
  ],
  [
    'ServiceAccount name prefix cannot be stated exactly: conditional',
    policy(`${SELECT_API}  rules: [{from: [{source: {principals: ["cluster.local/ns/other/sa/cli*"]}}]}]`),
    'other/client',
    'shop/api',
    'TCP all only the source principal matches cluster.local/ns/other/sa/cli*',
  ],
  [
    'wrong trust domain matches nothing',
    policy(`${SELECT_API}  rules: [{from: [{source: {principals: [example.org/ns/shop/sa/web]}}]}]`),
    'shop/web',
    'shop/api',
    'none',
  ],
  [
    'notPrincipals matches a source outside the mesh',
    policy(`${SELECT_API}  rules: [{from: [{source: {notPrincipals: [cluster.local/ns/shop/sa/web]}}]}]`),
    'plain/legacy',
    'shop/api',
    'TCP all',
  ],
  [
    'notPrincipals excludes the named one',
    policy(`${SELECT_API}  rules: [{from: [{source: {notPrincipals: [cluster.local/ns/shop/sa/web]}}]}]`),
    'shop/web',
    'shop/api',
    'none',
  ],
  [
    'namespaces: exact',
    policy(`${SELECT_API}  rules: [{from: [{source: {namespaces: [other]}}]}]`),
    'other/client',
    'shop/api',
    'TCP all',
  ],
  [
    'namespaces: not the source namespace',
    policy(`${SELECT_API}  rules: [{from: [{source: {namespaces: [other]}}]}]`),
    'shop/web',
    'shop/api',
    'none',
  ],
  [
    'namespaces: prefix',
    policy(`${SELECT_API}  rules: [{from: [{source: {namespaces: ["oth*"]}}]}]`),
    'other/client',
    'shop/api',
    'TCP all',
  ],
  [
    'namespaces: suffix',
    policy(`${SELECT_API}  rules: [{from: [{source: {namespaces: ["*her"]}}]}]`),
    'other/client',
    'shop/api',
    'TCP all',
  ],
  [
    'namespaces never match a pod outside the mesh (no identity)',
    policy(`${SELECT_API}  rules: [{from: [{source: {namespaces: [plain]}}]}]`),
    'plain/legacy',
    'shop/api',
    'none',
  ],
  [
    'notNamespaces',
    policy(`${SELECT_API}  rules: [{from: [{source: {notNamespaces: [other]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP all',
  ],
  [
    'notNamespaces excludes',
    policy(`${SELECT_API}  rules: [{from: [{source: {notNamespaces: [other]}}]}]`),
    'other/client',
    'shop/api',
    'none',
  ],
  [
    'ipBlocks match an external address',
    policy(`${SELECT_API}  rules: [{from: [{source: {ipBlocks: [203.0.113.0/24]}}]}]`),
    '203.0.113.7',
    'shop/api',
    'TCP all',
  ],
  [
    'ipBlocks: other address',
    policy(`${SELECT_API}  rules: [{from: [{source: {ipBlocks: [203.0.113.0/24]}}]}]`),
    '198.51.100.1',
    'shop/api',
    'none',
  ],
  [
    'ipBlocks: single address',
    policy(`${SELECT_API}  rules: [{from: [{source: {ipBlocks: [198.51.100.1]}}]}]`),
    '198.51.100.1',
    'shop/api',
    'TCP all',
  ],
  [
    'ipBlocks without pod IPs never match pods',
    policy(`${SELECT_API}  rules: [{from: [{source: {ipBlocks: [0.0.0.0/0]}}]}]`),
    'shop/web',
    'shop/api',
    'none',
  ],
  [
    'notIpBlocks',
    policy(
      `${SELECT_API}  rules: [{from: [{source: {ipBlocks: [203.0.113.0/24], notIpBlocks: [203.0.113.7]}}]}]`,
    ),
    '203.0.113.7',
    'shop/api',
    'none',
  ],
  [
    'remoteIpBlocks depend on X-Forwarded-For: conditional',
    policy(`${SELECT_API}  rules: [{from: [{source: {remoteIpBlocks: [203.0.113.0/24]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP all only the client IP (X-Forwarded-For) is in 203.0.113.0/24',
  ],
  [
    'requestPrincipals depend on a JWT: conditional',
    policy(`${SELECT_API}  rules: [{from: [{source: {requestPrincipals: ["issuer/subject"]}}]}]`),
    'shop/web',
    'shop/api',
    "TCP all only the request's JWT principal is issuer/subject",
  ],
  [
    'two fields of one source AND',
    policy(
      `${SELECT_API}  rules: [{from: [{source: {namespaces: [shop], principals: [cluster.local/ns/other/sa/client]}}]}]`,
    ),
    'other/client',
    'shop/api',
    'none',
  ],
  [
    'two sources OR',
    policy(
      `${SELECT_API}  rules: [{from: [{source: {namespaces: [shop]}}, {source: {namespaces: [other]}}]}]`,
    ),
    'other/client',
    'shop/api',
    'TCP all',
  ],
  [
    'to.ports',
    policy(`${SELECT_API}  rules: [{to: [{operation: {ports: ["9090"]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP 9090',
  ],
  [
    'to.notPorts',
    policy(`${SELECT_API}  rules: [{to: [{operation: {notPorts: ["9090"]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP 1-9089,9091-65535',
  ],
  [
    'methods make the port conditional',
    policy(
      `${SELECT_API}  rules: [{to: [{operation: {ports: ["8080"], methods: [GET], paths: [/productpage]}}]}]`,
    ),
    'shop/web',
    'shop/api',
    'TCP 8080 only GET on /productpage',
  ],
  [
    'notMethods',
    policy(`${SELECT_API}  rules: [{to: [{operation: {notMethods: [DELETE]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP all only requests other than DELETE',
  ],
  [
    'hosts',
    policy(`${SELECT_API}  rules: [{to: [{operation: {hosts: ["*.example.com"]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP all only requests to host *.example.com',
  ],
  [
    'notPaths',
    policy(`${SELECT_API}  rules: [{to: [{operation: {notPaths: ["/admin*"]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP all only requests not on /admin*',
  ],
  [
    'two operations OR',
    policy(`${SELECT_API}  rules: [{to: [{operation: {ports: ["8080"]}}, {operation: {ports: ["9090"]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP 8080,9090',
  ],
  [
    'from AND to',
    policy(
      `${SELECT_API}  rules: [{from: [{source: {namespaces: [other]}}], to: [{operation: {ports: ["9090"]}}]}]`,
    ),
    'other/client',
    'shop/api',
    'TCP 9090',
  ],
  [
    'when destination.port narrows to.ports',
    policy(
      `${SELECT_API}  rules: [{to: [{operation: {ports: ["8080", "9090"]}}], when: [{key: destination.port, values: ["9090"]}]}]`,
    ),
    'shop/web',
    'shop/api',
    'TCP 9090',
  ],
  [
    'when destination.port notValues',
    policy(
      `${SELECT_API}  rules: [{to: [{operation: {ports: ["8080", "9090"]}}], when: [{key: destination.port, notValues: ["9090"]}]}]`,
    ),
    'shop/web',
    'shop/api',
    'TCP 8080',
  ],
  [
    'when source.namespace',
    policy(`${SELECT_API}  rules: [{when: [{key: source.namespace, values: [other]}]}]`),
    'shop/web',
    'shop/api',
    'none',
  ],
  [
    'when source.principal',
    policy(
      `${SELECT_API}  rules: [{when: [{key: source.principal, values: [cluster.local/ns/shop/sa/web]}]}]`,
    ),
    'shop/web',
    'shop/api',
    'TCP all',
  ],
  [
    'when source.ip',
    policy(`${SELECT_API}  rules: [{when: [{key: source.ip, values: [203.0.113.0/24]}]}]`),
    '203.0.113.9',
    'shop/api',
    'TCP all',
  ],
  [
    'when request.headers: conditional',
    policy(`${SELECT_API}  rules: [{when: [{key: "request.headers[version]", values: [v1]}]}]`),
    'shop/web',
    'shop/api',
    'TCP all only request.headers[version] in (v1)',
  ],
  [
    'DENY with L7 fields: allowed only for other requests',
    policy(`${SELECT_API}  action: DENY\n  rules: [{to: [{operation: {methods: [DELETE]}}]}]`),
    'shop/web',
    'shop/api',
    'TCP all not DELETE',
  ],
  [
    'CUSTOM: the external authorizer decides',
    policy(
      `${SELECT_API}  action: CUSTOM\n  provider: {name: opa}\n  rules: [{to: [{operation: {ports: ["9090"]}}]}]`,
    ),
    'shop/web',
    'shop/api',
    'TCP 1-9089,9091-65535; TCP 9090 the external authorizer "opa" allows it',
  ],
  [
    'DENY beats ALLOW',
    policy(`${SELECT_API}  rules: [{}]`, 'allow') +
      policy(`${SELECT_API}  action: DENY\n  rules: [{from: [{source: {namespaces: [shop]}}]}]`, 'deny'),
    'shop/web',
    'shop/api',
    'none',
  ],
  ['selector: other pods untouched', policy(`${SELECT_API}  rules: []`), 'shop/api', 'shop/web', 'TCP all'],
  ['no selector: the whole namespace', policy('  rules: []'), 'shop/api', 'shop/web', 'none'],
  ['no selector, other namespace untouched', policy('  rules: []'), 'shop/api', 'other/client', 'TCP all'],
  [
    'root namespace without selector: mesh-wide',
    policy('  rules: []', 'p', 'istio-system'),
    'shop/api',
    'other/client',
    'none',
  ],
  [
    'root namespace with selector: matching pods of every namespace',
    policy('  selector: {matchLabels: {app: client}}\n  rules: []', 'p', 'istio-system'),
    'shop/api',
    'other/client',
    'none',
  ],
  [
    'a pod outside the mesh is not enforced',
    policy('  rules: []', 'p', 'plain'),
    'shop/api',
    'plain/legacy',
    'not enforced',
  ],
];

describe('AuthorizationPolicy in the mesh layer (TCP at the destination)', () => {
  it.each(cases)('%s', (_what, policies, from, to, verdict) => {
    const { model, diagnostics } = readIstio(CLUSTER + policies);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(meshVerdict(model, from, to)).toBe(verdict);
  });
});

describe('values both listed and excluded', () => {
  const rows: [what: string, operation: string, verdict: string][] = [
    [
      'methods [GET, PUT] minus notMethods [GET] is PUT',
      '{methods: [GET, PUT], notMethods: [GET]}',
      'TCP all only PUT',
    ],
    ['methods [GET] minus notMethods [GET] is no request', '{methods: [GET], notMethods: [GET]}', 'none'],
    ['paths [/a] minus notPaths [/a] is no request', '{paths: [/a], notPaths: [/a]}', 'none'],
  ];
  it.each(rows)('%s', (_what, operation, verdict) => {
    const { model } = readIstio(
      CLUSTER + policy(`${SELECT_API}  rules: [{to: [{operation: ${operation}}]}]`),
    );
    expect(meshVerdict(model, 'shop/web', 'shop/api')).toBe(verdict);
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
      'TCP all',
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
      'TCP all',
    ],
  ];
  it.each(rows)('%s', (_what, spec, to, verdict) => {
    const { model } = readIstio(CLUSTER + GATEWAY_POD + policy(spec) + SERVICE);
    expect(meshVerdict(model, 'shop/web', to)).toBe(verdict);
  });
});
