import { describe, expect, it } from 'vitest';
import { findProblems } from '../../../src/engine/findings/findings.ts';
import { istioFindings } from '../../../src/engine/kinds/istio/findings.ts';
import { ns, readIstio, workload } from './harness.ts';

const CLUSTER = [
  ns('payments', { 'istio-injection': 'enabled' }),
  ns('plain'),
  workload('payments', 'clearing', { sa: 'clearing' }),
  workload('payments', 'client', { sa: 'client' }),
  workload('plain', 'legacy'),
].join('');

function ap(name: string, namespace: string, spec: string): string {
  return `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}
`;
}

const cases: [what: string, policy: string, code: string, message: RegExp, fix: RegExp][] = [
  [
    'the tutorial principal form .../ServiceAccount/<name>',
    ap(
      'p',
      'payments',
      '  selector: {matchLabels: {app: clearing}}\n  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/payments/ServiceAccount/client]',
    ),
    'principal-matches-nothing',
    /matches no workload.*admits no TCP at all/,
    /write cluster\.local\/ns\/payments\/sa\/client/,
  ],
  [
    'a spiffe:// prefix',
    ap(
      'p',
      'payments',
      '  rules:\n  - from:\n    - source:\n        principals: [spiffe://cluster.local/ns/payments/sa/client]',
    ),
    'principal-matches-nothing',
    /matches no workload/,
    /write cluster\.local\/ns\/payments\/sa\/client/,
  ],
  [
    'a ServiceAccount no workload runs as',
    ap(
      'p',
      'payments',
      '  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/payments/sa/clinet]',
    ),
    'principal-matches-nothing',
    /matches no ServiceAccount of any workload/,
    /clearing, client/,
  ],
  [
    'the right ServiceAccount in the wrong namespace',
    ap(
      'p',
      'payments',
      '  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/default/sa/client]',
    ),
    'principal-matches-nothing',
    /matches no ServiceAccount/,
    /cluster\.local\/ns\/payments\/sa\/client/,
  ],
  [
    'a namespace that does not exist',
    ap('p', 'payments', '  rules:\n  - from:\n    - source:\n        namespaces: [paymnets]'),
    'namespace-missing',
    /namespace "paymnets" does not exist/,
    /payments/,
  ],
  [
    'an ALLOW policy on pods outside the mesh',
    ap('p', 'plain', '  rules: [{}]'),
    'allow-outside-mesh',
    /plain\/legacy, which is not in the mesh/,
    /istio-injection=enabled/,
  ],
  [
    'a DENY rule that can never match',
    ap(
      'p',
      'payments',
      '  action: DENY\n  rules:\n  - to: [{operation: {ports: ["80"]}}]\n    when: [{key: destination.port, values: ["443"]}]',
    ),
    'deny-never-matches',
    /can never match/,
    /delete it/,
  ],
  [
    'a selector that matches no pod',
    ap('p', 'payments', '  selector: {matchLabels: {app: clearnig}}\n  rules: [{}]'),
    'policy-applies-to-nothing',
    /applies to no workload/,
    /selector labels/,
  ],
  [
    'a Service target that does not exist',
    ap('p', 'payments', '  targetRef: {kind: Service, group: "", name: gone}\n  rules: [{}]'),
    'policy-applies-to-nothing',
    /applies to no workload/,
    /targeted Service/,
  ],
  [
    'a DENY policy without rules',
    ap('p', 'payments', '  action: DENY'),
    'deny-never-matches',
    /without rules matches nothing/,
    /delete it/,
  ],
];

describe('Istio findings', () => {
  it.each(cases)('%s', (_what, policy, code, message, fix) => {
    const { model } = readIstio(CLUSTER + policy);
    const found = istioFindings(model).filter((f) => f.code === code);
    expect(found, JSON.stringify(istioFindings(model))).toHaveLength(1);
    expect(found[0]?.message).toMatch(message);
    expect(found[0]?.fix).toMatch(fix);
    expect(found[0]?.ref.source).toBe('test.yaml');
  });

  it('points at the line of the principal', () => {
    const text =
      CLUSTER +
      ap(
        'p',
        'payments',
        '  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/payments/ServiceAccount/client]',
      );
    const { model } = readIstio(text);
    const [finding] = istioFindings(model);
    const lines = text.split('\n');
    expect(lines[(finding?.ref.line ?? 0) - 1]).toContain('principals:');
  });

  it('a correct policy has no findings', () => {
    const { model } = readIstio(
      CLUSTER +
        ap(
          'p',
          'payments',
          '  selector: {matchLabels: {app: clearing}}\n  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/payments/sa/client]',
        ),
    );
    expect(istioFindings(model)).toEqual([]);
  });
});

describe('tier findings stay quiet on the mesh tiers', () => {
  it('DENY policies have no priority to collide, a PERMISSIVE port passes by design', () => {
    const text = `${CLUSTER}---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ns, namespace: payments}
spec: {mtls: {mode: STRICT}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: clearing, namespace: payments}
spec:
  selector: {matchLabels: {app: clearing}}
  mtls: {mode: STRICT}
  portLevelMtls: {"8080": {mode: PERMISSIVE}}
${ap('d1', 'payments', '  action: DENY\n  rules: [{from: [{source: {namespaces: [plain]}}]}]')}${ap('d2', 'payments', '  action: DENY\n  rules: [{from: [{source: {namespaces: [plain]}}]}]')}`;
    const { analysis } = readIstio(text);
    const kinds = findProblems(analysis.model, analysis.settings, analysis.reach).map((f) => f.kind);
    expect(kinds).not.toContain('same-priority-overlap');
    expect(kinds).not.toContain('pass-to-nothing');
  });
});
