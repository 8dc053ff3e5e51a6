import { describe, expect, it } from 'vitest';
import { istioFindings } from '../../../src/engine/kinds/istio/findings.ts';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../../src/engine/settings.ts';
import { meshVerdict, ns, readIstio, viewOf, workload } from './harness.ts';

const ALLOW_NOTHING = `---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: deny-all, namespace: istio-system}
spec: {}
`;

function settingsWith(membership: EngineSettings['mesh']['membership']): EngineSettings {
  return { ...DEFAULT_SETTINGS, mesh: { ...DEFAULT_SETTINGS.mesh, membership } };
}

const cases: [what: string, manifests: string, pod: string, inMesh: boolean][] = [
  [
    'namespace istio-injection=enabled',
    ns('a', { 'istio-injection': 'enabled' }) + workload('a', 'x'),
    'a/x',
    true,
  ],
  [
    'namespace istio-injection=disabled',
    ns('a', { 'istio-injection': 'disabled' }) + workload('a', 'x'),
    'a/x',
    false,
  ],
  ['namespace istio.io/rev', ns('a', { 'istio.io/rev': 'canary' }) + workload('a', 'x'), 'a/x', true],
  [
    'pod label sidecar.istio.io/inject=false overrides the namespace',
    ns('a', { 'istio-injection': 'enabled' }) +
      workload('a', 'x', { labels: { 'sidecar.istio.io/inject': 'false' } }),
    'a/x',
    false,
  ],
  [
    'pod annotation sidecar.istio.io/inject=false overrides the namespace',
    ns('a', { 'istio-injection': 'enabled' }) +
      workload('a', 'x', { annotations: { 'sidecar.istio.io/inject': 'false' } }),
    'a/x',
    false,
  ],
  [
    'pod label inject=true in an unlabelled namespace',
    ns('a') + workload('a', 'x', { labels: { 'sidecar.istio.io/inject': 'true' } }),
    'a/x',
    true,
  ],
  [
    'namespace disabled wins over pod true',
    ns('a', { 'istio-injection': 'disabled' }) +
      workload('a', 'x', { labels: { 'sidecar.istio.io/inject': 'true' } }),
    'a/x',
    false,
  ],
  ['ambient namespace', ns('a', { 'istio.io/dataplane-mode': 'ambient' }) + workload('a', 'x'), 'a/x', true],
  [
    'ambient pod',
    ns('a') + workload('a', 'x', { labels: { 'istio.io/dataplane-mode': 'ambient' } }),
    'a/x',
    true,
  ],
  [
    'pod opts out of an ambient namespace',
    ns('a', { 'istio.io/dataplane-mode': 'ambient' }) +
      workload('a', 'x', { labels: { 'istio.io/dataplane-mode': 'none' } }),
    'a/x',
    false,
  ],
  [
    'markers elsewhere: an unmarked namespace is outside',
    ns('a', { 'istio-injection': 'enabled' }) + ns('b') + workload('b', 'x') + ALLOW_NOTHING,
    'b/x',
    false,
  ],
  [
    'no marker anywhere but policies exist: assumed in the mesh',
    ns('b') + workload('b', 'x') + ALLOW_NOTHING,
    'b/x',
    true,
  ],
  ['no marker and no policy: outside', ns('b') + workload('b', 'x'), 'b/x', false],
  [
    'an Istio gateway is a proxy itself, whatever its inject label',
    ns('istio-system') +
      workload('istio-system', 'istio-ingressgateway', {
        labels: { istio: 'ingressgateway', 'sidecar.istio.io/inject': 'false' },
      }),
    'istio-system/istio-ingressgateway',
    true,
  ],
];

describe('mesh membership', () => {
  it.each(cases)('%s', (_what, manifests, pod, expected) => {
    const { model } = readIstio(manifests);
    const w = model.workloads.find((x) => x.id === pod);
    expect(w).toBeDefined();
    if (w) expect(viewOf(model, w).inMesh).toBe(expected);
  });

  it('setting "all" puts every pod in the mesh; "markers" never assumes', () => {
    const { model } = readIstio(ns('b') + workload('b', 'x') + ALLOW_NOTHING);
    const w = model.workloads[0];
    if (!w) throw new Error('no workload');
    expect(viewOf(model, w, settingsWith('all')).inMesh).toBe(true);
    expect(viewOf(model, w, settingsWith('markers')).inMesh).toBe(false);
  });

  it('says so when membership is assumed (info finding mesh-assumed)', () => {
    const { model } = readIstio(ns('b') + workload('b', 'x') + ALLOW_NOTHING);
    const found = istioFindings(model).filter((f) => f.code === 'mesh-assumed');
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('info');
    expect(istioFindings(model, settingsWith('markers')).filter((f) => f.code === 'mesh-assumed')).toEqual(
      [],
    );
  });

  it('a what-if override on the workload wins', () => {
    const { model } = readIstio(ns('a', { 'istio-injection': 'enabled' }) + workload('a', 'x'));
    const w = model.workloads[0];
    if (!w) throw new Error('no workload');
    expect(viewOf(model, { ...w, inMesh: false }).inMesh).toBe(false);
  });
});

describe('mesh settings reach the compiled policies', () => {
  const manifests =
    ns('istio-config') +
    ns('a', { 'istio-injection': 'enabled' }) +
    workload('a', 'x', { sa: 'x' }) +
    workload('a', 'y', { sa: 'y' }) +
    `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow-nothing, namespace: istio-config}
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: from-x, namespace: a}
spec:
  selector: {matchLabels: {app: x}}
  rules: [{from: [{source: {principals: [example.org/ns/a/sa/y]}}]}]
`;
  const withMesh = (mesh: Partial<EngineSettings['mesh']>): EngineSettings => ({
    ...DEFAULT_SETTINGS,
    mesh: { ...DEFAULT_SETTINGS.mesh, ...mesh },
  });

  it('rootNamespace: a policy there applies mesh-wide only when that namespace is the root', () => {
    expect(meshVerdict(readIstio(manifests).analysis, 'a/x', 'a/y')).toBe('TCP all ports');
    expect(
      meshVerdict(readIstio(manifests, withMesh({ rootNamespace: 'istio-config' })).analysis, 'a/x', 'a/y'),
    ).toBe('none');
  });

  it('trustDomain: principals name the mesh trust domain', () => {
    expect(meshVerdict(readIstio(manifests).analysis, 'a/y', 'a/x')).toBe('none');
    expect(
      meshVerdict(readIstio(manifests, withMesh({ trustDomain: 'example.org' })).analysis, 'a/y', 'a/x'),
    ).toBe('TCP all ports');
  });
});
