import { describe, expect, it } from 'vitest';
import { analyzeYaml, deployment, namespace, policy, verdict } from '../../helpers.ts';
import { ccnp, cnp } from './helpers.ts';

/** The whole pipeline (parse, model, resolve, fold) on Cilium policies beside NetworkPolicy. */
const cluster = [
  namespace('shop'),
  namespace('ops', { team: 'ops' }),
  deployment('shop', 'web', { app: 'web' }, ['http:8080']),
  deployment('shop', 'db', { app: 'db' }, ['5432']),
  deployment('shop', 'batch', { app: 'batch' }),
  deployment('ops', 'monitor', { app: 'monitor' }),
  `---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop, labels: {tier: data}}
spec:
  selector: {app: db}
  ports: [{port: 5432}]
`,
].join('');

const rows: [string, string, string, string, string][] = [
  [
    'a CNP and a NetworkPolicy on the same pod add up',
    cnp(
      'shop',
      'c',
      'endpointSelector: {matchLabels: {app: db}}\ningress:\n- fromEndpoints: [{matchLabels: {app: web}}]\n  toPorts: [{ports: [{port: "5432", protocol: TCP}]}]',
    ) +
      policy(
        'shop',
        'np',
        'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: batch}}}]',
      ),
    'shop/web',
    'shop/db',
    'TCP 5432',
  ],
  [
    'a clusterwide deny beats the NetworkPolicy allow',
    policy('shop', 'np', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {}}]') +
      ccnp(
        'd',
        'endpointSelector: {matchLabels: {app: db}}\ningressDeny:\n- fromEndpoints: [{matchLabels: {app: batch}}]',
      ),
    'shop/batch',
    'shop/db',
    'none',
  ],
  [
    'namespace labels reach other namespaces from a CNP',
    cnp(
      'shop',
      'c',
      'endpointSelector: {matchLabels: {app: db}}\ningress:\n- fromEndpoints: [{matchLabels: {"k8s:io.cilium.k8s.namespace.labels.team": ops}}]',
    ),
    'ops/monitor',
    'shop/db',
    'all',
  ],
  [
    'toServices by name reaches the Service pods, only there',
    cnp(
      'shop',
      'c',
      'endpointSelector: {matchLabels: {app: batch}}\negress:\n- toServices: [{k8sService: {serviceName: db}}]\n  toPorts: [{ports: [{port: "5432", protocol: TCP}]}]',
    ),
    'shop/batch',
    'shop/db',
    'TCP 5432',
  ],
  [
    'toServices by Service labels',
    cnp(
      'shop',
      'c',
      'endpointSelector: {matchLabels: {app: batch}}\negress:\n- toServices: [{k8sServiceSelector: {selector: {matchLabels: {tier: data}}}}]',
    ),
    'shop/batch',
    'shop/web',
    'none',
  ],
  [
    'toServices by Service labels reaches the labelled Service',
    cnp(
      'shop',
      'c',
      'endpointSelector: {matchLabels: {app: batch}}\negress:\n- toServices: [{k8sServiceSelector: {selector: {matchLabels: {tier: data}}}}]',
    ),
    'shop/batch',
    'shop/db',
    'all',
  ],
  [
    'an HTTP rule leaves the port conditional',
    cnp(
      'shop',
      'c',
      'endpointSelector: {matchLabels: {app: web}}\ningress:\n- toPorts: [{ports: [{port: http, protocol: TCP}], rules: {http: [{method: GET}]}}]',
    ),
    'shop/batch',
    'shop/web',
    'TCP 8080 only GET',
  ],
];

describe('Cilium through analyze', () => {
  it.each(rows)('%s', (_name, policies, from, to, expected) => {
    const analysis = analyzeYaml(cluster + policies);
    expect(analysis.model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(verdict(analysis, from, to)).toBe(expected);
  });
});
