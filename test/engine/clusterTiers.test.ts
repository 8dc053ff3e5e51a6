import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, explainPair, findProblems } from '../../src/engine/index.ts';
import { analyzeYaml, clusterPolicy, deployment, namespace, policy, verdict } from '../helpers.ts';

const ANP = (name: string, spec: string) =>
  clusterPolicy('AdminNetworkPolicy', 'policy.networking.k8s.io/v1alpha1', name, spec);
const BANP = (spec: string, name = 'default') =>
  clusterPolicy('BaselineAdminNetworkPolicy', 'policy.networking.k8s.io/v1alpha1', name, spec);
const CNP = (name: string, spec: string) =>
  clusterPolicy('ClusterNetworkPolicy', 'policy.networking.k8s.io/v1alpha2', name, spec);

/** Two teams and a lab: the lab must not reach the shop, whatever namespaces allow. */
const cluster = [
  namespace('shop', { team: 'shop' }),
  namespace('lab', { team: 'lab' }),
  namespace('ops', { team: 'ops' }),
  deployment('shop', 'web', { app: 'web' }, ['http:8080']),
  deployment('shop', 'db', { app: 'db' }, ['5432']),
  deployment('lab', 'notebook', { app: 'notebook' }),
  deployment('ops', 'monitor', { app: 'monitor' }, ['9090']),
].join('');

const toShop = 'subject:\n  namespaces: {matchLabels: {team: shop}}';
const fromLab = 'from:\n      - namespaces: {matchLabels: {team: lab}}';

interface Row {
  rule: string;
  policies: string;
  expect: [from: string, to: string, verdict: string][];
}

const rows: Row[] = [
  {
    rule: 'an admin Deny decides before any NetworkPolicy: the namespace cannot allow it back',
    policies:
      ANP(
        'block-lab',
        `priority: 10\n${toShop}\ningress:\n  - name: deny-lab\n    action: Deny\n    ${fromLab}`,
      ) + policy('shop', 'allow-all-in', 'podSelector: {}\ningress: [{}]'),
    expect: [
      ['lab/notebook', 'shop/web', 'none'],
      ['ops/monitor', 'shop/web', 'all'],
    ],
  },
  {
    rule: 'an admin Allow decides before a NetworkPolicy that isolates: it is allowed anyway',
    policies:
      ANP(
        'ops-in',
        `priority: 5\n${toShop}\ningress:\n  - name: allow-ops\n    action: Allow\n    from:\n      - namespaces: {matchLabels: {team: ops}}`,
      ) + policy('shop', 'deny-in', 'podSelector: {}\npolicyTypes: [Ingress]'),
    expect: [
      ['ops/monitor', 'shop/db', 'all'],
      ['lab/notebook', 'shop/db', 'none'],
    ],
  },
  {
    rule: 'Pass hands over to the NetworkPolicies, and with none selecting the pod, to the default allow',
    policies: ANP(
      'pass-lab',
      `priority: 10\n${toShop}\ningress:\n  - name: pass-lab\n    action: Pass\n    ${fromLab}`,
    ),
    expect: [['lab/notebook', 'shop/web', 'all']],
  },
  {
    rule: 'Pass skips the rest of the admin tier (a lower-priority Deny no longer applies)',
    policies:
      ANP('first', `priority: 1\n${toShop}\ningress:\n  - name: pass-lab\n    action: Pass\n    ${fromLab}`) +
      ANP('second', `priority: 2\n${toShop}\ningress:\n  - name: deny-lab\n    action: Deny\n    ${fromLab}`),
    expect: [['lab/notebook', 'shop/web', 'all']],
  },
  {
    rule: 'within the admin tier the lower priority number decides first',
    policies:
      ANP(
        'deny-late',
        `priority: 20\n${toShop}\ningress:\n  - name: deny\n    action: Deny\n    ${fromLab}`,
      ) +
      ANP(
        'allow-early',
        `priority: 3\n${toShop}\ningress:\n  - name: allow\n    action: Allow\n    ${fromLab}`,
      ),
    expect: [['lab/notebook', 'shop/web', 'all']],
  },
  {
    rule: 'within one policy the first matching rule decides, whatever its action (rule order, not action order)',
    policies: ANP(
      'ordered',
      `priority: 3\n${toShop}\ningress:\n  - name: allow-8080\n    action: Allow\n    ${fromLab}\n    ports: [{portNumber: {protocol: TCP, port: 8080}}]\n  - name: deny-rest\n    action: Deny\n    ${fromLab}`,
    ),
    expect: [['lab/notebook', 'shop/web', 'TCP 8080']],
  },
  {
    rule: 'the baseline decides only what nothing above decided: a NetworkPolicy allow overrides a baseline deny',
    policies:
      BANP(`${toShop}\ningress:\n  - name: deny-all\n    action: Deny\n    from:\n      - namespaces: {}`) +
      policy(
        'shop',
        'db-from-web',
        'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]',
      ),
    expect: [
      ['shop/web', 'shop/db', 'all'],
      ['ops/monitor', 'shop/db', 'none'],
      ['ops/monitor', 'shop/web', 'none'],
      ['shop/db', 'ops/monitor', 'all'],
    ],
  },
  {
    rule: 'egress and ingress are judged apart and intersected',
    policies:
      ANP(
        'lab-out',
        'priority: 1\nsubject:\n  namespaces: {matchLabels: {team: lab}}\negress:\n  - name: only-web-port\n    action: Allow\n    to:\n      - pods: {namespaceSelector: {}, podSelector: {}}\n    ports: [{portNumber: {protocol: TCP, port: 8080}}]\n  - name: deny-rest\n    action: Deny\n    to:\n      - pods: {namespaceSelector: {}, podSelector: {}}',
      ) +
      policy(
        'shop',
        'web-in',
        'podSelector: {matchLabels: {app: web}}\ningress:\n  - ports: [{port: 8080}, {port: 9000}]',
      ),
    expect: [
      ['lab/notebook', 'shop/web', 'TCP 8080'],
      ['lab/notebook', 'ops/monitor', 'TCP 8080'],
    ],
  },
  {
    rule: 'a named port resolves against the destination container ports by name, any protocol',
    policies: ANP(
      'named',
      `priority: 1\n${toShop}\ningress:\n  - name: http-only\n    action: Allow\n    ${fromLab}\n    ports: [{namedPort: http}]\n  - name: deny\n    action: Deny\n    ${fromLab}`,
    ),
    expect: [
      ['lab/notebook', 'shop/web', 'TCP 8080'],
      ['lab/notebook', 'shop/db', 'none'],
    ],
  },
  {
    rule: 'ClusterNetworkPolicy v1alpha2: Accept, tier Admin, protocols with ranges',
    policies: CNP(
      'guard',
      `tier: Admin\npriority: 10\n${toShop}\ningress:\n  - name: accept-range\n    action: Accept\n    ${fromLab}\n    protocols: [{tcp: {destinationPort: {range: {start: 8000, end: 8100}}}}]\n  - name: deny\n    action: Deny\n    ${fromLab}`,
    ),
    expect: [['lab/notebook', 'shop/web', 'TCP 8000-8100']],
  },
  {
    rule: 'ClusterNetworkPolicy tier Baseline sits below NetworkPolicy',
    policies:
      CNP(
        'floor',
        `tier: Baseline\npriority: 1\n${toShop}\ningress:\n  - name: deny\n    action: Deny\n    ${fromLab}`,
      ) + policy('shop', 'web-open', 'podSelector: {matchLabels: {app: web}}\ningress: [{}]'),
    expect: [
      ['lab/notebook', 'shop/web', 'all'],
      ['lab/notebook', 'shop/db', 'none'],
    ],
  },
  {
    rule: 'networks peers match external addresses and pods whose IP they contain (0.0.0.0/0 holds every pod)',
    policies: ANP(
      'no-egress',
      'priority: 1\nsubject:\n  namespaces: {matchLabels: {team: lab}}\negress:\n  - name: deny-all-ips\n    action: Deny\n    to:\n      - networks: [0.0.0.0/0]',
    ),
    expect: [['lab/notebook', 'shop/web', 'none']],
  },
];

describe('cluster tiers (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy)', () => {
  for (const row of rows) {
    it(row.rule, () => {
      const analysis = analyzeYaml(cluster + row.policies);
      for (const [from, to, expected] of row.expect)
        expect(verdict(analysis, from, to), `${from} -> ${to}`).toBe(expected);
    });
  }

  it('explains which tier, policy and rule decided, with its line', () => {
    const analysis = analyzeYaml(
      cluster +
        ANP(
          'block-lab',
          `priority: 10\n${toShop}\ningress:\n  - name: deny-from-lab\n    action: Deny\n    ${fromLab}`,
        ),
    );
    const text = explainPair(analysis, 'lab/notebook', 'shop/web')?.summary.join('\n') ?? '';
    expect(text).toMatch(/denied/);
    expect(text).toMatch(
      /denies all: AdminNetworkPolicy block-lab \(priority 10\) ingress rule deny-from-lab \(peer 1: namespaces team=lab\), line \d+/,
    );
  });

  it('explains a Pass followed by a NetworkPolicy allow', () => {
    const analysis = analyzeYaml(
      cluster +
        ANP(
          'pass-lab',
          `priority: 10\n${toShop}\ningress:\n  - name: pass-lab\n    action: Pass\n    ${fromLab}`,
        ) +
        policy(
          'shop',
          'web-in',
          'podSelector: {matchLabels: {app: web}}\ningress:\n  - ports: [{port: 8080}]',
        ),
    );
    const text = explainPair(analysis, 'lab/notebook', 'shop/web')?.summary.join('\n') ?? '';
    expect(text).toMatch(
      /passes to the next tier all: AdminNetworkPolicy pass-lab \(priority 10\) ingress rule pass-lab/,
    );
    expect(text).toMatch(/allows TCP 8080: shop\/web-in ingress rule 1/);
  });

  it('rejects what the API server rejects, at the field, and keeps the rest', () => {
    const analysis = analyzeYaml(
      cluster +
        ANP('bad', `priority: 5000\n${toShop}\ningress:\n  - action: Deny\n    ${fromLab}`) +
        ANP('bad-action', `priority: 1\n${toShop}\ningress:\n  - action: Accept\n    ${fromLab}`),
    );
    const messages = analysis.model.diagnostics.map((d) => `${d.path}: ${d.message}`);
    expect(messages).toContainEqual(
      expect.stringMatching(/spec\.priority: priority must be an integer from 0 to 1000/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/spec\.ingress\[0\]\.action: action must be one of Allow, Deny, Pass/),
    );
    expect(verdict(analysis, 'lab/notebook', 'shop/web')).toBe('all');
  });

  it('finds shadowed rules, same-priority overlaps, a baseline not named default, and Pass with nothing below', () => {
    const analysis = analyzeYaml(
      cluster +
        ANP(
          'a',
          `priority: 7\n${toShop}\ningress:\n  - name: deny-all\n    action: Deny\n    from: [{namespaces: {}}]\n  - name: never\n    action: Allow\n    ${fromLab}`,
        ) +
        ANP('b', `priority: 7\n${toShop}\ningress:\n  - name: pass\n    action: Pass\n    ${fromLab}`) +
        BANP(`${toShop}\ningress:\n  - name: x\n    action: Allow\n    ${fromLab}`, 'floor'),
    );
    const kinds = findProblems(analysis.model, DEFAULT_SETTINGS).map((f) => `${f.kind}: ${f.message}`);
    expect(kinds).toContainEqual(
      expect.stringMatching(
        /^rule-shadowed: AdminNetworkPolicy a \(priority 7\) ingress rule never can never decide/,
      ),
    );
    expect(kinds).toContainEqual(
      expect.stringMatching(
        /^same-priority-overlap: AdminNetworkPolicy a and AdminNetworkPolicy b both have priority 7/,
      ),
    );
    expect(kinds).toContainEqual(expect.stringMatching(/^baseline-name: BaselineAdminNetworkPolicy floor/));
    const noBelow = analyzeYaml(
      cluster +
        ANP('p', `priority: 1\n${toShop}\ningress:\n  - name: pass\n    action: Pass\n    ${fromLab}`),
    );
    expect(findProblems(noBelow.model, DEFAULT_SETTINGS).map((f) => f.kind)).toContain('pass-to-nothing');
  });
});

describe('cluster tiers in findings and explanations', () => {
  const guarded =
    cluster +
    ANP(
      'block-lab',
      `priority: 10\n${toShop}\ningress:\n  - name: deny-from-lab\n    action: Deny\n    ${fromLab}`,
    ) +
    BANP(`${toShop}\ningress:\n  - name: deny-rest\n    action: Deny\n    from: [{namespaces: {}}]`) +
    policy(
      'shop',
      'db-in',
      'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]',
    );

  it('a workload the admin or baseline tier protects is not "open to anyone"', () => {
    const { model } = analyzeYaml(guarded);
    const open = findProblems(model, DEFAULT_SETTINGS).filter((f) => f.kind === 'unprotected-workload');
    expect(open.map((f) => f.message)).toEqual([]);
  });

  it('a denial by a rule names that rule, without a list of closest misses', () => {
    const text = explainPair(analyzeYaml(guarded), 'lab/notebook', 'shop/web')?.summary.join('\n') ?? '';
    expect(text).toMatch(
      /denies all: AdminNetworkPolicy block-lab \(priority 10\) ingress rule deny-from-lab/,
    );
    expect(text).not.toMatch(/closest/);
  });
});

describe('policy kinds that are not evaluated', () => {
  it('are reported loudly with kind, apiVersion and object, never dropped in silence', () => {
    const analysis = analyzeYaml(
      `${cluster}---
apiVersion: policy.linkerd.io/v1beta3
kind: AuthorizationPolicy
metadata: {name: web-only, namespace: shop}
spec: {}
`,
    );
    expect(analysis.model.unsupported.map((u) => `${u.kind} ${u.id} ${u.apiVersion}`)).toEqual([
      'AuthorizationPolicy shop/web-only policy.linkerd.io/v1beta3',
    ]);
    expect(analysis.model.diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringMatching(
        /AuthorizationPolicy shop\/web-only \(policy\.linkerd\.io\/v1beta3\) is a policy kind Reachlab does not evaluate/,
      ),
    );
    expect(findProblems(analysis.model, DEFAULT_SETTINGS).map((f) => f.kind)).toContain('unsupported-kind');
  });
});
