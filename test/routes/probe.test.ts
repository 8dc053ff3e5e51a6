import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS, matchIngress, type ProbeOutcome, probe } from '../../src/engine/index.ts';
import { analyzeYaml, deployment, namespace, policy } from '../helpers.ts';

const sample = (file: string) =>
  analyze([{ name: file, text: readFileSync(resolve(import.meta.dirname, '../../samples', file), 'utf8') }])
    .model;
const summary = (outcome: ProbeOutcome) =>
  outcome.ok
    ? [
        outcome.result.verdict,
        ...outcome.result.hops.map((h) => `${h.from} -> ${h.to} ${h.protocol} ${h.port} ${h.verdict}`),
      ]
    : [`error: ${outcome.error}`];

const service = (ns: string, name: string, selector: Record<string, string>, ports: string) => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: ${JSON.stringify(selector)}
  ports: ${ports}
`;

describe('probe: names resolve the Kubernetes way and every hop is judged', () => {
  const ingressSample = sample('ingress-controller.yaml');
  const rows: [string, string, string, string[]][] = [
    [
      'an Ingress URL from the Internet goes through the controller to the pods on the resolved target port',
      'internet',
      'https://www.example.com/',
      [
        'allowed',
        'internet -> ingress-nginx/ingress-nginx-controller (ingress controller) TCP 443 allowed',
        'ingress-nginx/ingress-nginx-controller -> web/frontend TCP 8080 allowed',
      ],
    ],
    [
      'a short name uses the source namespace search path; the pod port is the named targetPort',
      'web/cache-warmer',
      'frontend',
      [
        'denied',
        'web/cache-warmer -> kube-system/kube-dns (DNS lookup of frontend) DNS 53 allowed',
        'web/cache-warmer -> web/frontend TCP 8080 denied',
      ],
    ],
    [
      'svc.ns.svc.cluster.local with a port name',
      'tools/debug-shell',
      'frontend.web.svc.cluster.local:http',
      [
        'denied',
        'tools/debug-shell -> kube-system/kube-dns (DNS lookup of frontend.web.svc.cluster.local) DNS 53 allowed',
        'tools/debug-shell -> web/frontend TCP 8080 denied',
      ],
    ],
    [
      'svc.ns with a port number',
      'ingress-nginx/ingress-nginx-controller',
      'frontend.web:80',
      [
        'allowed',
        'ingress-nginx/ingress-nginx-controller -> kube-system/kube-dns (DNS lookup of frontend.web) DNS 53 allowed',
        'ingress-nginx/ingress-nginx-controller -> web/frontend TCP 8080 allowed',
      ],
    ],
    [
      'a name that resolves to nothing is an error',
      'web/cache-warmer',
      'nothing.web',
      ['error: nothing.web does not resolve: there is no Service nothing in namespace web'],
    ],
    [
      'a URL no Ingress rule (and no mesh Gateway) matches is an error',
      'internet',
      'https://other.example.org/',
      ['error: no Ingress rule or mesh Gateway matches host other.example.org and path /'],
    ],
    [
      'the Internet cannot use cluster-internal names',
      'internet',
      'frontend.web',
      [
        'error: frontend.web is a cluster-internal name: the Internet reaches Services through an Ingress URL or a LoadBalancer',
      ],
    ],
  ];
  for (const [what, from, target, expected] of rows) {
    it(what, () => {
      expect(summary(probe(ingressSample, DEFAULT_SETTINGS, from, target))).toEqual(expected);
    });
  }

  it('the DNS lookup needs egress to kube-dns on UDP 53 (done wrong vs done right)', () => {
    const model = sample('dns-egress.yaml');
    const wrong = probe(model, DEFAULT_SETTINGS, 'team-wrong/worker', 'kube-dns.kube-system');
    const right = probe(model, DEFAULT_SETTINGS, 'team-right/worker', 'kube-dns.kube-system');
    expect(summary(wrong)[1]).toBe(
      'team-wrong/worker -> kube-system/coredns (DNS lookup of kube-dns.kube-system) DNS 53 denied',
    );
    expect(wrong.ok && wrong.result.hops[0]?.reason).toMatch(
      /closest: team-wrong\/allow-dns egress rule 1: peer selects pods in namespace team-wrong only/,
    );
    expect(summary(right)).toEqual([
      'allowed',
      'team-right/worker -> kube-system/coredns (DNS lookup of kube-dns.kube-system) DNS 53 allowed',
      'team-right/worker -> kube-system/coredns UDP 53 allowed',
    ]);
  });

  it('assumes the standard kube-dns when the input has none, and says so', () => {
    const outcome = probe(ingressSample, DEFAULT_SETTINGS, 'web/cache-warmer', 'frontend');
    expect(outcome.ok && outcome.result.notes.join(' ')).toMatch(/assumed the standard kube-dns/);
  });

  it('a named targetPort resolves to different numbers on different pods, each judged', () => {
    const { model } = analyzeYaml(
      deployment('a', 'client', { app: 'client' }) +
        deployment('a', 'v1', { app: 'api', version: 'v1' }, ['web:8080']) +
        deployment('a', 'v2', { app: 'api', version: 'v2' }, ['web:9090']) +
        service('a', 'api', { app: 'api' }, '[{port: 80, targetPort: web}]') +
        policy(
          'a',
          'only-8080',
          'podSelector: {matchLabels: {app: api}}\ningress:\n  - ports: [{port: 8080}]',
        ),
    );
    expect(summary(probe(model, DEFAULT_SETTINGS, 'a/client', 'api:80')).slice(2)).toEqual([
      'a/client -> a/v1 TCP 8080 allowed',
      'a/client -> a/v2 TCP 9090 denied',
    ]);
  });

  it('the ingress controller settings decide who "the controller" is', () => {
    const { model } = analyzeYaml(
      namespace('edge', { role: 'edge' }) +
        deployment('edge', 'traefik', { 'app.kubernetes.io/name': 'traefik' }, ['web:80']) +
        deployment('shop', 'web', { app: 'web' }, ['http:8080']) +
        service('shop', 'web', { app: 'web' }, '[{port: 80, targetPort: http}]') +
        `---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules:\n    - host: shop.example\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n` +
        policy(
          'shop',
          'from-edge',
          'podSelector: {}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {role: edge}}}]',
        ),
    );
    const traefik = {
      ...DEFAULT_SETTINGS,
      ingressController: { namespace: 'edge', labels: { 'app.kubernetes.io/name': 'traefik' } },
    };
    expect(summary(probe(model, traefik, 'internet', 'http://shop.example/'))[0]).toBe('allowed');
    const assumedNginx = probe(model, DEFAULT_SETTINGS, 'internet', 'http://shop.example/');
    expect(summary(assumedNginx)).toContain('ingress-nginx/ingress-controller -> shop/web TCP 8080 denied');
  });

  it('with a plugin that does not enforce NetworkPolicy, everything is allowed and the note says why', () => {
    const flannel = { ...DEFAULT_SETTINGS, networkPlugin: 'flannel' };
    const outcome = probe(ingressSample, flannel, 'web/cache-warmer', 'frontend');
    expect(summary(outcome)[0]).toBe('allowed');
    expect(outcome.ok && outcome.result.notes.join(' ')).toMatch(
      /Flannel alone does not enforce NetworkPolicy/,
    );
  });
});

describe('matchIngress: host and path matching', () => {
  const { model } = analyzeYaml(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec:
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  rules:
    - host: "*.example.com"
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: root, port: {number: 80}}}}
          - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
          - {path: /api/v1, pathType: Exact, backend: {service: {name: exact, port: {number: 80}}}}
`);
  const rows: [string, string, string][] = [
    ['a.example.com', '/api/v2', 'api'],
    ['a.example.com', '/apix', 'root'],
    ['a.example.com', '/api/v1', 'exact'],
    ['a.b.example.com', '/', 'fallback'],
    ['example.com', '/api', 'fallback'],
  ];
  for (const [host, path, backend] of rows) {
    it(`${host}${path} -> ${backend}`, () => {
      expect(matchIngress(model.ingresses, host, path)?.backend.name).toBe(backend);
    });
  }
});
