import { describe, expect, it } from 'vitest';
import { meshVerdict, ns, readIstio, workload } from './harness.ts';

const CLUSTER = [
  ns('istio-system'),
  ns('shop', { 'istio-injection': 'enabled' }),
  ns('plain', { 'istio-injection': 'disabled' }),
  workload('shop', 'api', { ports: [8080, 9090] }),
  workload('shop', 'web'),
  workload('plain', 'legacy'),
].join('');

function pa(namespace: string, spec: string, name = 'pa'): string {
  return `---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}
`;
}

const cases: [what: string, policies: string, from: string, to: string, verdict: string][] = [
  ['no PeerAuthentication: PERMISSIVE, plaintext accepted', '', 'plain/legacy', 'shop/api', 'TCP all ports'],
  [
    'namespace STRICT refuses a pod outside the mesh',
    pa('shop', '  mtls: {mode: STRICT}'),
    'plain/legacy',
    'shop/api',
    'none',
  ],
  [
    'namespace STRICT refuses an external address',
    pa('shop', '  mtls: {mode: STRICT}'),
    '203.0.113.1',
    'shop/api',
    'none',
  ],
  [
    'STRICT accepts mesh peers',
    pa('shop', '  mtls: {mode: STRICT}'),
    'shop/web',
    'shop/api',
    'TCP all ports',
  ],
  [
    'mesh-wide STRICT in the root namespace',
    pa('istio-system', '  mtls: {mode: STRICT}'),
    'plain/legacy',
    'shop/api',
    'none',
  ],
  [
    'a workload PERMISSIVE overrides namespace STRICT',
    pa('shop', '  mtls: {mode: STRICT}', 'ns') +
      pa('shop', '  selector: {matchLabels: {app: api}}\n  mtls: {mode: PERMISSIVE}', 'wl'),
    'plain/legacy',
    'shop/api',
    'TCP all ports',
  ],
  [
    'port level PERMISSIVE opens one port of a STRICT workload',
    pa(
      'shop',
      '  selector: {matchLabels: {app: api}}\n  mtls: {mode: STRICT}\n  portLevelMtls: {"9090": {mode: PERMISSIVE}}',
    ),
    'plain/legacy',
    'shop/api',
    'TCP 9090',
  ],
  [
    'port level STRICT closes one port of a PERMISSIVE workload',
    pa(
      'shop',
      '  selector: {matchLabels: {app: api}}\n  mtls: {mode: PERMISSIVE}\n  portLevelMtls: {"9090": {mode: STRICT}}',
    ),
    'plain/legacy',
    'shop/api',
    'TCP 1-9089,9091-65535',
  ],
  [
    'UNSET inherits the namespace mode',
    pa('shop', '  mtls: {mode: STRICT}', 'ns') +
      pa('shop', '  selector: {matchLabels: {app: api}}\n  mtls: {mode: UNSET}', 'wl'),
    'plain/legacy',
    'shop/api',
    'none',
  ],
  [
    'an empty selector is namespace-wide: a workload policy still wins over it',
    pa('shop', '  selector: {}\n  mtls: {mode: STRICT}', 'ns') +
      pa('shop', '  selector: {matchLabels: {app: api}}\n  mtls: {mode: PERMISSIVE}', 'wl'),
    'plain/legacy',
    'shop/api',
    'TCP all ports',
  ],
  [
    'DISABLE accepts plaintext',
    pa('istio-system', '  mtls: {mode: STRICT}') + pa('shop', '  mtls: {mode: DISABLE}', 'ns'),
    'plain/legacy',
    'shop/api',
    'TCP all ports',
  ],
];

describe('PeerAuthentication: plaintext from outside the mesh', () => {
  it.each(cases)('%s', (_what, policies, from, to, verdict) => {
    const { analysis, diagnostics } = readIstio(CLUSTER + policies);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(meshVerdict(analysis, from, to)).toBe(verdict);
  });

  it('compiles into its own tier before the authorization tiers', () => {
    const { model } = readIstio(CLUSTER + pa('shop', '  mtls: {mode: STRICT}'));
    const mesh = model.tiers.filter((t) => t.layer === 'mesh').map((t) => [t.key, t.order]);
    expect(mesh).toEqual([['istio-mtls', 0]]);
  });
});
