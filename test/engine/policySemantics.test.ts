import { describe, expect, it } from 'vitest';
import { analyzeYaml, deployment, namespace, policy, verdict } from '../helpers.ts';

/** A small shop: two namespaces with labels, one without, and workloads with named ports. */
const cluster = [
  namespace('shop', { team: 'shop', env: 'prod' }),
  namespace('ops', { team: 'ops' }),
  namespace('dev'),
  deployment('shop', 'web', { app: 'web', tier: 'front' }, ['http:8080']),
  deployment('shop', 'api', { app: 'api', tier: 'back' }, ['http:9090', 'grpc:9091', 'stats:9100/UDP']),
  deployment('shop', 'db', { app: 'db', tier: 'data' }, ['5432']),
  deployment('shop', 'job', { app: 'job' }),
  deployment('ops', 'monitor', { app: 'prometheus' }, ['9090']),
  deployment('dev', 'web', { app: 'web', tier: 'front' }, ['http:8081']),
].join('');

interface Row {
  rule: string;
  policies: string;
  expect: [from: string, to: string, verdict: string][];
}

const rows: Row[] = [
  {
    rule: 'no policy selects a pod: everything is allowed both ways',
    policies: '',
    expect: [
      ['shop/web', 'shop/api', 'all'],
      ['dev/web', 'shop/db', 'all'],
    ],
  },
  {
    rule: 'a policy with Ingress and no rules isolates its pods and allows nothing in; egress stays open',
    policies: policy('shop', 'deny-in', 'podSelector: {}\npolicyTypes: [Ingress]'),
    expect: [
      ['shop/web', 'shop/api', 'none'],
      ['dev/web', 'shop/db', 'none'],
      ['shop/web', 'ops/monitor', 'all'],
      ['ops/monitor', 'dev/web', 'all'],
    ],
  },
  {
    rule: 'policyTypes defaults to Ingress, plus Egress when there is an egress section',
    policies: policy(
      'shop',
      'egress-only-web',
      'podSelector: {matchLabels: {app: web}}\negress:\n  - to: [{podSelector: {matchLabels: {app: api}}}]',
    ),
    expect: [
      ['shop/web', 'shop/api', 'all'],
      ['shop/web', 'shop/db', 'none'],
      ['shop/api', 'shop/web', 'none'],
      ['shop/db', 'shop/api', 'all'],
    ],
  },
  {
    rule: 'policyTypes: [] is defaulted like a missing list (len(policyTypes) == 0 gives [Ingress]): the pods are isolated for ingress',
    policies: policy('shop', 'empty-types', 'podSelector: {matchLabels: {app: db}}\npolicyTypes: []'),
    expect: [
      ['shop/api', 'shop/db', 'none'],
      ['shop/db', 'shop/api', 'all'],
    ],
  },
  {
    rule: 'policyTypes: [] with a non-empty egress list defaults to [Ingress, Egress]',
    policies: policy(
      'shop',
      'empty-types-egress',
      'podSelector: {matchLabels: {app: web}}\npolicyTypes: []\negress:\n  - to: [{podSelector: {matchLabels: {app: api}}}]',
    ),
    expect: [
      ['shop/web', 'shop/api', 'all'],
      ['shop/web', 'shop/db', 'none'],
      ['shop/api', 'shop/web', 'none'],
    ],
  },
  {
    rule: 'egress: [] without policyTypes does not add Egress (Egress is added only when len(egress) != 0)',
    policies: policy('shop', 'empty-egress', 'podSelector: {matchLabels: {app: web}}\negress: []'),
    expect: [
      ['shop/web', 'shop/db', 'all'],
      ['shop/api', 'shop/web', 'none'],
    ],
  },
  {
    rule: 'egress: [] with policyTypes [Egress] isolates for egress and allows nothing out',
    policies: policy(
      'shop',
      'deny-out',
      'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress: []',
    ),
    expect: [
      ['shop/web', 'shop/db', 'none'],
      ['shop/api', 'shop/web', 'all'],
    ],
  },
  {
    rule: 'ingress: [{}] allows everything in',
    policies: policy('shop', 'allow-all', 'podSelector: {}\ningress: [{}]'),
    expect: [['dev/web', 'shop/db', 'all']],
  },
  {
    rule: 'ingress: [] with the Ingress type allows nothing in',
    policies: policy('shop', 'empty', 'podSelector: {}\ningress: []\npolicyTypes: [Ingress]'),
    expect: [['shop/web', 'shop/db', 'none']],
  },
  {
    rule: 'a podSelector peer alone selects pods in the policy namespace only',
    policies: policy(
      'shop',
      'db-from-api',
      'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: api}}}]',
    ),
    expect: [
      ['shop/api', 'shop/db', 'all'],
      ['shop/web', 'shop/db', 'none'],
      ['dev/web', 'shop/db', 'none'],
    ],
  },
  {
    rule: 'a namespaceSelector peer alone selects every pod in matching namespaces',
    policies: policy(
      'shop',
      'from-ops',
      'podSelector: {matchLabels: {app: api}}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {team: ops}}}]',
    ),
    expect: [
      ['ops/monitor', 'shop/api', 'all'],
      ['shop/web', 'shop/api', 'none'],
      ['dev/web', 'shop/api', 'none'],
    ],
  },
  {
    rule: 'both selectors in one peer are ANDed',
    policies: policy(
      'shop',
      'and',
      'podSelector: {matchLabels: {app: api}}\ningress:\n  - from:\n      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}\n        podSelector: {matchLabels: {app: web}}',
    ),
    expect: [
      ['dev/web', 'shop/api', 'all'],
      ['shop/web', 'shop/api', 'none'],
      ['ops/monitor', 'shop/api', 'none'],
    ],
  },
  {
    rule: 'separate peers are ORed',
    policies: policy(
      'shop',
      'or',
      'podSelector: {matchLabels: {app: api}}\ningress:\n  - from:\n      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}\n      - podSelector: {matchLabels: {app: web}}',
    ),
    expect: [
      ['dev/web', 'shop/api', 'all'],
      ['shop/web', 'shop/api', 'all'],
      ['shop/job', 'shop/api', 'none'],
    ],
  },
  {
    rule: 'namespaceSelector {} selects all namespaces; podSelector {} all pods of the policy namespace',
    policies:
      policy(
        'shop',
        'any-ns',
        'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{namespaceSelector: {}}]',
      ) +
      policy(
        'shop',
        'same-ns',
        'podSelector: {matchLabels: {app: api}}\ningress:\n  - from: [{podSelector: {}}]',
      ),
    expect: [
      ['ops/monitor', 'shop/db', 'all'],
      ['ops/monitor', 'shop/api', 'none'],
      ['shop/job', 'shop/api', 'all'],
    ],
  },
  {
    rule: 'matchExpressions: In, NotIn (matches pods without the key), Exists, DoesNotExist',
    policies:
      policy(
        'shop',
        'in',
        'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {matchExpressions: [{key: tier, operator: In, values: [back, front]}]}}]',
      ) +
      policy(
        'shop',
        'notin',
        'podSelector: {matchLabels: {app: api}}\ningress:\n  - from: [{podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [front]}]}}]',
      ) +
      policy(
        'shop',
        'exists',
        'podSelector: {matchLabels: {app: web}}\ningress:\n  - from: [{podSelector: {matchExpressions: [{key: tier, operator: Exists}]}}]',
      ) +
      policy(
        'shop',
        'dne',
        'podSelector: {matchLabels: {app: job}}\ningress:\n  - from: [{podSelector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}}]',
      ),
    expect: [
      ['shop/api', 'shop/db', 'all'],
      ['shop/web', 'shop/db', 'all'],
      ['shop/job', 'shop/db', 'none'],
      ['shop/job', 'shop/api', 'all'],
      ['shop/db', 'shop/api', 'all'],
      ['shop/web', 'shop/api', 'none'],
      ['shop/db', 'shop/web', 'all'],
      ['shop/job', 'shop/web', 'none'],
      ['shop/web', 'shop/job', 'none'],
    ],
  },
  {
    rule: 'a named port resolves against each destination pod, with its protocol',
    policies: policy(
      'shop',
      'named',
      'podSelector: {}\ningress:\n  - ports: [{port: http}, {port: stats, protocol: UDP}, {port: grpc, protocol: UDP}]',
    ),
    expect: [
      ['shop/web', 'shop/api', 'TCP 9090; UDP 9100'],
      ['shop/api', 'shop/web', 'TCP 8080'],
      ['shop/web', 'shop/db', 'none'],
    ],
  },
  {
    rule: 'endPort makes a range; a ports entry with only a protocol means every port of it',
    policies: policy(
      'shop',
      'ranges',
      'podSelector: {matchLabels: {app: db}}\ningress:\n  - ports: [{port: 5000, endPort: 5500}, {protocol: UDP}]',
    ),
    expect: [['shop/api', 'shop/db', 'TCP 5000-5500; UDP all ports']],
  },
  {
    rule: 'SCTP ports are their own protocol',
    policies: policy(
      'shop',
      'sctp',
      'podSelector: {matchLabels: {app: db}}\ningress:\n  - ports: [{port: 38412, protocol: SCTP}]',
    ),
    expect: [['shop/api', 'shop/db', 'SCTP 38412']],
  },
  {
    rule: 'policies are additive: the union of all selecting policies',
    policies:
      policy(
        'shop',
        'a',
        'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: api}}}]\n    ports: [{port: 5432}]',
      ) +
      policy(
        'shop',
        'b',
        'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: api}}}]\n    ports: [{port: 5433}]\n  - from: [{podSelector: {matchLabels: {app: job}}}]',
      ),
    expect: [
      ['shop/api', 'shop/db', 'TCP 5432-5433'],
      ['shop/job', 'shop/db', 'all'],
      ['shop/web', 'shop/db', 'none'],
    ],
  },
  {
    rule: "a connection needs the source's egress and the destination's ingress",
    policies:
      policy(
        'shop',
        'web-out',
        'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n  - ports: [{port: 9090}, {port: 9091}]',
      ) +
      policy(
        'shop',
        'api-in',
        'podSelector: {matchLabels: {app: api}}\ningress:\n  - ports: [{port: 9091}, {port: 9100, protocol: UDP}]',
      ),
    expect: [
      ['shop/web', 'shop/api', 'TCP 9091'],
      ['shop/job', 'shop/api', 'TCP 9091; UDP 9100'],
      ['shop/web', 'shop/db', 'TCP 9090-9091'],
    ],
  },
  {
    rule: 'every namespace carries kubernetes.io/metadata.name, defined or implied',
    policies: policy(
      'shop',
      'by-name',
      'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}}]',
    ),
    expect: [
      ['ops/monitor', 'shop/db', 'all'],
      ['dev/web', 'shop/db', 'none'],
    ],
  },
  {
    rule: 'ipBlock never selects pods, even a rule whose only peer is 0.0.0.0/0',
    policies: policy(
      'shop',
      'ip',
      'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]',
    ),
    expect: [['shop/api', 'shop/db', 'none']],
  },
  {
    rule: 'a policy selects pods in its own namespace only',
    policies: policy('dev', 'deny-dev', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]'),
    expect: [
      ['shop/api', 'dev/web', 'none'],
      ['dev/web', 'shop/web', 'all'],
    ],
  },
];

describe('NetworkPolicy semantics (networking.k8s.io/v1)', () => {
  for (const row of rows) {
    it(row.rule, () => {
      const analysis = analyzeYaml(cluster + row.policies);
      expect(analysis.model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const actual = row.expect.map(([from, to]) => [from, to, verdict(analysis, from, to)]);
      expect(actual).toEqual(row.expect);
    });
  }
});
