import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/engine/index.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';

const LINKERD = [
  'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}',
  'apiVersion: policy.linkerd.io/v1beta3\nkind: AuthorizationPolicy\nmetadata: {name: web-only, namespace: shop}\nspec: {}',
].join('\n---\n');

describe('the snapshot names the policy kinds Reachlab does not evaluate', () => {
  it.each([
    {
      rule: 'a Linkerd AuthorizationPolicy is listed with kind, apiVersion, id and its line',
      text: LINKERD,
      expected: [
        {
          kind: 'AuthorizationPolicy',
          apiVersion: 'policy.linkerd.io/v1beta3',
          id: 'shop/web-only',
          line: 5,
        },
      ],
    },
    {
      rule: 'a NetworkPolicy is evaluated, so nothing is listed',
      text: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}}',
      expected: [],
    },
  ])('$rule', ({ text, expected }) => {
    const snapshot = new AnalysisSession().analyze([{ name: 'a.yaml', text }], [], DEFAULT_SETTINGS);
    expect(
      snapshot.unsupported.map((u) => ({
        kind: u.kind,
        apiVersion: u.apiVersion,
        id: u.id,
        line: u.ref.line,
      })),
    ).toEqual(expected);
  });
});
