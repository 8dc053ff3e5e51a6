import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/engine/index.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';

const sample = (name: string) => readFileSync(`samples/${name}.yaml`, 'utf8');

const MESH_ONLY = [
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: enabled}}',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: shop, labels: {app: db}}',
  'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-nothing, namespace: shop}\nspec:\n  selector: {matchLabels: {app: db}}\n  action: ALLOW',
  // The network layer lets TCP in (the mesh governs TCP only), so the sidecar alone decides.
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-tcp, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  ingress: [{ports: [{protocol: TCP}]}]',
].join('\n---\n');

const NETWORK_POLICY_ONLY = [
  'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: shop, labels: {app: db}}',
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-closed, namespace: shop}\nspec: {podSelector: {matchLabels: {app: db}}}',
].join('\n---\n');

describe('a denied edge names the tier that decided it, unless a NetworkPolicy did', () => {
  it.each([
    {
      rule: 'lab -> prod: the AdminNetworkPolicy deny-from-lab rule decides',
      text: sample('cluster-guardrails'),
      focus: 'prod/web',
      edge: 'lab/notebook->prod/web',
      marker: { family: 'admin' },
    },
    {
      rule: 'api -> web in prod: passed to the namespaces, no NetworkPolicy there, the baseline denies',
      text: sample('cluster-guardrails'),
      focus: 'prod/api',
      edge: 'prod/api->prod/web',
      marker: { family: 'baseline' },
    },
    {
      rule: 'intruder -> clearing-service: the Calico security tier denies before any NetworkPolicy',
      text: sample('calico-clearing-service'),
      focus: 'payments/intruder',
      edge: 'payments/intruder->payments/clearing-service',
      marker: { family: 'tier', name: 'Calico tier security' },
    },
    {
      rule: 'frontend -> db: a CiliumNetworkPolicy isolates db and allows only api',
      text: sample('cilium-entities-l7'),
      focus: 'store/db',
      edge: 'store/frontend->store/db',
      marker: { family: 'kind', name: 'Cilium' },
    },
    {
      rule: 'web -> db in the mesh: the network lets TCP in, an ALLOW AuthorizationPolicy with no rules denies it at the sidecar',
      text: MESH_ONLY,
      focus: 'shop/db',
      edge: 'shop/web->shop/db',
      marker: { family: 'mesh' },
    },
    {
      rule: 'web -> db: a NetworkPolicy denies, so no marker',
      text: NETWORK_POLICY_ONLY,
      focus: 'shop/db',
      edge: 'shop/web->shop/db',
      marker: undefined,
    },
  ])('$rule', ({ text, focus, edge, marker }) => {
    const session = new AnalysisSession();
    session.analyze([{ name: 'a.yaml', text }], [], DEFAULT_SETTINGS);
    expect(session.deniedBy(focus)[edge]).toEqual(marker);
  });
});
