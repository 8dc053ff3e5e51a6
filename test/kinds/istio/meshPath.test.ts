import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meshPath } from '../../../src/engine/kinds/istio/meshPath.ts';
import { meshVerdict, readIstio } from './harness.ts';

const BOOKINFO = readFileSync(resolve(import.meta.dirname, '../../../samples/istio-bookinfo.yaml'), 'utf8');

const GATEWAY_API = `
apiVersion: v1
kind: Namespace
metadata: {name: web, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: edge-istio, namespace: web}
spec:
  selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: edge}}
  template:
    metadata: {labels: {gateway.networking.k8s.io/gateway-name: edge}}
    spec: {containers: [{name: istio-proxy, image: proxy}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: web}
spec:
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec: {containers: [{name: shop, image: shop, ports: [{containerPort: 8000}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: shop, namespace: web}
spec: {selector: {app: shop}, ports: [{port: 80, targetPort: 8000}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: web}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP, hostname: "*.shop.example"}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  parentRefs: [{name: edge}]
  hostnames: [www.shop.example]
  rules:
    - matches: [{path: {type: PathPrefix, value: /cart}}]
      backendRefs: [{name: shop, port: 80}]
`;

describe('the path through the mesh', () => {
  const { model, analysis } = readIstio(BOOKINFO);

  const cases: [url: string, hops: string[], problems: string[]][] = [
    [
      'https://bookinfo.example.com/productpage',
      [
        'gateway Gateway bookinfo/bookinfo-gateway [istio-system/istio-ingressgateway]',
        'route VirtualService bookinfo/bookinfo rule 1 (exact /productpage or prefix /static or prefix /api/v1/products)',
        'service bookinfo/productpage [bookinfo/productpage-v1]',
      ],
      [],
    ],
    [
      'https://bookinfo.example.com/static/css/style.css',
      [
        'gateway Gateway bookinfo/bookinfo-gateway [istio-system/istio-ingressgateway]',
        'route VirtualService bookinfo/bookinfo rule 1 (exact /productpage or prefix /static or prefix /api/v1/products)',
        'service bookinfo/productpage [bookinfo/productpage-v1]',
      ],
      [],
    ],
    [
      'https://bookinfo.example.com/admin',
      ['gateway Gateway bookinfo/bookinfo-gateway [istio-system/istio-ingressgateway]'],
      ['no route bound to Gateway bookinfo/bookinfo-gateway takes bookinfo.example.com/admin'],
    ],
    ['https://elsewhere.example.com/', [], ['no Gateway serves host elsewhere.example.com']],
    ['not a url', [], ['"not a url" is not a URL such as https://shop.example.com/cart']],
  ];

  it.each(cases)('%s', (url, hops, problems) => {
    const path = meshPath(model, url);
    expect(
      path.hops.map(
        (h) =>
          `${h.kind} ${h.id}${h.kind === 'route' ? ` ${h.label}` : ''}${h.pods.length || h.kind !== 'route' ? ` [${h.pods.join(', ')}]` : ''}`,
      ),
    ).toEqual(hops);
    expect(path.problems).toEqual(problems);
  });

  it('Gateway API: a listener hostname wildcard, an HTTPRoute, its backend Service', () => {
    const gw = readIstio(GATEWAY_API).model;
    const path = meshPath(gw, 'http://www.shop.example/cart/42');
    expect(path.port).toBe(80);
    expect(path.hops.at(-1)?.port).toBe(80);
    expect(path.hops.map((h) => [h.kind, h.id, h.pods])).toEqual([
      ['gateway', 'Gateway web/edge', ['web/edge-istio']],
      ['route', 'HTTPRoute web/shop', []],
      ['service', 'web/shop', ['web/shop']],
    ]);
  });

  it('DestinationRule subsets narrow the pods, weights are kept', () => {
    const extra = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews-edge, namespace: bookinfo}
spec:
  hosts: [bookinfo.example.com]
  gateways: [bookinfo/bookinfo-gateway]
  http:
    - match: [{uri: {prefix: /reviews}}]
      route:
        - {destination: {host: reviews.bookinfo.svc.cluster.local, subset: v2}, weight: 100}
`;
    const path = meshPath(readIstio(BOOKINFO + extra).model, 'https://bookinfo.example.com/reviews/1');
    expect(path.hops.at(-1)).toMatchObject({
      kind: 'service',
      id: 'bookinfo/reviews',
      label: 'subset v2, weight 100',
      pods: ['bookinfo/reviews-v2'],
    });
    const reviews = (
      model.extras.istio as { routes: { name: string; http: { destinations: unknown[] }[] }[] }
    ).routes.find((r) => r.name === 'reviews');
    expect(reviews?.http[0]?.destinations).toEqual([
      { host: 'reviews', subset: 'v1', weight: 80 },
      { host: 'reviews', subset: 'v2', weight: 20 },
    ]);
  });

  it('ServiceEntries are listed as named external endpoints', () => {
    expect((model.extras.istio as { serviceEntries: unknown[] }).serviceEntries).toEqual([
      expect.objectContaining({
        name: 'book-prices',
        hosts: ['prices.books.example'],
        addresses: [],
        ports: [{ number: 443, protocol: 'TLS', name: 'https' }],
        location: 'MESH_EXTERNAL',
      }),
    ]);
  });

  it('the bookinfo policies: GET only, from the identities that need it, and the NetworkPolicy under them', () => {
    const table: [string, string, string][] = [
      [
        'istio-system/istio-ingressgateway',
        'bookinfo/productpage-v1',
        'TCP all ports only GET on /productpage or /static* or /api/v1/products*',
      ],
      ['bookinfo/productpage-v1', 'bookinfo/details-v1', 'TCP all ports only GET'],
      ['bookinfo/productpage-v1', 'bookinfo/reviews-v2', 'TCP all ports only GET'],
      // Istio admits the reviews identity, but the NetworkPolicy on ratings admits only version v2.
      ['bookinfo/reviews-v1', 'bookinfo/ratings-v1', 'none'],
      ['bookinfo/reviews-v2', 'bookinfo/ratings-v1', 'TCP 9080 only GET'],
      ['bookinfo/details-v1', 'bookinfo/ratings-v1', 'none'],
      ['istio-system/istio-ingressgateway', 'bookinfo/details-v1', 'none'],
    ];
    for (const [from, to, verdict] of table)
      expect(`${from} -> ${to}: ${meshVerdict(analysis, from, to)}`).toBe(`${from} -> ${to}: ${verdict}`);
  });
});
