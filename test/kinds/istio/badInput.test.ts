import { describe, expect, it } from 'vitest';
import { readIstio } from './harness.ts';

function ap(spec: string): string {
  return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: shop}
spec:
${spec}
`;
}

/** [what, manifest, line of the problem, path, words in the message, policy kept?] */
const cases: [string, string, number, string, RegExp, boolean][] = [
  [
    'unknown action',
    ap('  action: PERMIT'),
    5,
    'spec.action',
    /not an action: use ALLOW, DENY, AUDIT or CUSTOM/,
    false,
  ],
  [
    'CUSTOM without provider',
    ap('  action: CUSTOM\n  rules: [{}]'),
    5,
    'spec.provider.name',
    /needs provider.name/,
    false,
  ],
  [
    'provider without CUSTOM',
    ap('  provider: {name: opa}'),
    5,
    'spec.provider',
    /only allowed with action CUSTOM/,
    false,
  ],
  [
    'unknown condition key',
    ap('  rules:\n  - when:\n    - key: request.color\n      values: [red]'),
    7,
    'spec.rules[0].when[0].key',
    /not a condition key/,
    false,
  ],
  [
    'condition without values',
    ap('  rules:\n  - when:\n    - key: source.ip'),
    7,
    'spec.rules[0].when[0]',
    /needs values or notValues/,
    false,
  ],
  [
    'port out of range',
    ap('  rules:\n  - to:\n    - operation:\n        ports: ["70000", "80"]'),
    8,
    'spec.rules[0].to[0].operation.ports[0]',
    /between 1 and 65535/,
    false,
  ],
  [
    'port not a number',
    ap('  rules:\n  - to:\n    - operation:\n        ports: ["http"]'),
    8,
    'spec.rules[0].to[0].operation.ports[0]',
    /between 1 and 65535/,
    false,
  ],
  [
    'a * in the middle of a principal',
    ap('  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/*/sa/x"]'),
    8,
    'spec.rules[0].from[0].source.principals[0]',
    /not a valid match/,
    false,
  ],
  [
    'not an IP block',
    ap('  rules:\n  - from:\n    - source:\n        ipBlocks: ["10.0.0.300/8"]'),
    8,
    'spec.rules[0].from[0].source.ipBlocks[0]',
    /not an IP address or CIDR/,
    false,
  ],
  [
    'selector and targetRef together',
    ap('  selector: {matchLabels: {app: a}}\n  targetRef: {kind: Service, name: a}'),
    5,
    'spec.selector',
    /cannot be used together/,
    false,
  ],
  ['spec not a mapping', ap('  - nonsense'), 4, 'spec', /spec must be a mapping/, false],
  ['rules not a list', ap('  rules: everything'), 5, 'spec.rules', /rules must be a list/, false],
  [
    'empty source',
    ap('  rules:\n  - from:\n    - source: {}'),
    7,
    'spec.rules[0].from[0].source',
    /non-empty source/,
    false,
  ],
  [
    'unknown target kind',
    ap('  targetRef: {kind: ServiceEntry, group: networking.istio.io, name: ext}'),
    5,
    'spec.targetRef.kind',
    /not evaluated/,
    true,
  ],
  [
    'unknown mTLS mode',
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: pa, namespace: shop}\nspec:\n  mtls:\n    mode: STRIKT\n',
    6,
    'spec.mtls.mode',
    /not an mTLS mode/,
    false,
  ],
  [
    'portLevelMtls without selector',
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: pa, namespace: shop}\nspec:\n  portLevelMtls:\n    "80": {mode: STRICT}\n',
    5,
    'spec.portLevelMtls',
    /needs a workload selector/,
    false,
  ],
];

describe('bad Istio input: a located diagnostic, never a crash', () => {
  it.each(cases)('%s', (_what, manifest, line, path, message, kept) => {
    const { model, diagnostics } = readIstio(manifest);
    const found = diagnostics.find((d) => d.path === path);
    expect(found, JSON.stringify(diagnostics)).toBeDefined();
    expect(found?.line).toBe(line);
    expect(found?.column).toBeGreaterThan(0);
    expect(found?.message).toMatch(message);
    expect(found?.code).toMatch(/^istio-/);
    expect(model.policies.length > 0).toBe(kept);
  });

  it('gives each problem a stable code', () => {
    const codes = (text: string) => readIstio(text).diagnostics.map((d) => d.code);
    expect(codes(ap('  action: PERMIT'))).toContain('istio-invalid-action');
    expect(codes(ap('  rules:\n  - when:\n    - key: request.color\n      values: [red]'))).toContain(
      'istio-unknown-condition-key',
    );
    expect(codes(ap('  rules:\n  - to:\n    - operation:\n        ports: ["70000"]'))).toContain(
      'istio-invalid-port',
    );
  });

  it('survives hostile shapes anywhere', () => {
    const hostile = [
      ap('  rules: [null, 5, {from: "x"}, {to: [null]}, {when: [7]}]'),
      ap(
        '  selector: {matchLabels: [1, 2]}\n  rules: [{from: [{source: {principals: {a: 1}, namespaces: [1, {x: y}]}}]}]',
      ),
      ap('  action: 5'),
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: pa}\nspec: 7\n',
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs}\nspec: {http: [null, {match: 4, route: "x"}]}\n',
      'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspec: {servers: 3, selector: [1]}\n',
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {rules: [{matches: [null], backendRefs: [7]}]}\n',
    ];
    for (const text of hostile) expect(() => readIstio(text)).not.toThrow();
  });
});
