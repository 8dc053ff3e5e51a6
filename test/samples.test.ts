import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, formatConnectionSet } from '../src/engine/index.ts';

const SAMPLES = resolve(import.meta.dirname, '..', 'samples');
const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.yaml'));

/** What each sample is meant to teach, as verdicts. */
const teaches: Record<string, [from: string, to: string, verdict: string][]> = {
  'allowed-client.yaml': [
    ['payments/client', 'payments/清算-service', 'TCP 8080'],
    ['payments/intruder', 'payments/清算-service', 'none'],
  ],
  'three-tier.yaml': [
    ['ingress-nginx/ingress-nginx-controller', 'shop/frontend', 'TCP 3000'],
    ['shop/frontend', 'shop/backend', 'TCP 8080'],
    ['shop/backend', 'shop/database', 'TCP 5432'],
    ['shop/frontend', 'shop/database', 'none'],
  ],
  'dns-egress.yaml': [
    ['team-right/worker', 'kube-system/coredns', 'TCP 53; UDP 53'],
    ['team-wrong/worker', 'kube-system/coredns', 'none'],
  ],
  'ingress-controller.yaml': [
    ['ingress-nginx/ingress-nginx-controller', 'web/frontend', 'TCP 8080'],
    ['web/cache-warmer', 'web/frontend', 'none'],
    ['tools/debug-shell', 'web/frontend', 'none'],
  ],
  'prod-dev-isolation.yaml': [
    ['prod/api', 'prod/worker', 'all'],
    ['dev/api', 'prod/api', 'none'],
    ['monitoring/prometheus', 'prod/api', 'TCP 9090'],
    ['monitoring/prometheus', 'dev/api', 'TCP 9090'],
  ],
  'services-and-ingress.yaml': [
    ['ingress-nginx/ingress-nginx-controller', 'store/api-v1', 'TCP 8080'],
    ['ingress-nginx/ingress-nginx-controller', 'store/api-v2', 'TCP 8080'],
    ['ingress-nginx/ingress-nginx-controller', 'store/web', 'TCP 3000,8080'],
    ['store/api-v1', 'store/db', 'TCP 5432'],
    ['store/web', 'store/db', 'none'],
  ],
  'cilium-entities-l7.yaml': [
    ['store/frontend', 'store/api', 'TCP 8080 only GET /api/.*'],
    ['store/frontend', 'store/db', 'none'],
    ['store/api', 'store/db', 'TCP 5432'],
    ['store/db', 'store/api', 'none'],
  ],
  'cluster-guardrails.yaml': [
    // The admin tier decides first: the lab is denied, monitoring scrapes metrics.
    ['lab/notebook', 'prod/web', 'none'],
    ['lab/notebook', 'prod/api', 'none'],
    ['monitoring/prometheus', 'prod/api', 'TCP 9090'],
    // Passed on: the NetworkPolicy allows web -> api on http; the baseline denies the rest.
    ['prod/web', 'prod/api', 'TCP 8081'],
    ['monitoring/prometheus', 'prod/web', 'TCP 9090'],
    ['prod/api', 'prod/web', 'none'],
    ['prod/web', 'lab/notebook', 'all'],
  ],
  'calico-clearing-service.yaml': [
    ['payments/client', 'payments/clearing-service', 'TCP 8080'],
    ['payments/intruder', 'payments/clearing-service', 'none'],
    ['payments/clearing-service', 'payments/client', 'all'],
  ],
  'istio-clearing-service.yaml': [
    [
      'payments/client',
      'payments/清算-service',
      'TCP 8080; UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol',
    ],
    // Another identity in the mesh: Istio admits no TCP; it does not mediate UDP and the rest.
    [
      'payments/intruder',
      'payments/清算-service',
      'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol',
    ],
    // Plaintext from outside the mesh: STRICT mTLS refuses every TCP port, even of the client.
    [
      'legacy/batch-export',
      'payments/client',
      'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol',
    ],
  ],
  'istio-bookinfo.yaml': [
    [
      'istio-system/istio-ingressgateway',
      'bookinfo/productpage-v1',
      'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol; TCP all ports only GET on /productpage or /static* or /api/v1/products*',
    ],
    ['bookinfo/reviews-v2', 'bookinfo/ratings-v1', 'TCP 9080 only GET'],
    // Istio would admit the reviews identity, the NetworkPolicy on ratings does not admit v1.
    ['bookinfo/reviews-v1', 'bookinfo/ratings-v1', 'none'],
  ],
  'online-shop.yaml': [
    ['boutique/frontend', 'boutique/checkoutservice', 'TCP 5050'],
    ['boutique/checkoutservice', 'boutique/paymentservice', 'TCP 50051'],
    ['boutique/frontend', 'boutique/paymentservice', 'none'],
    ['boutique/cartservice', 'boutique/redis-cart', 'TCP 6379'],
  ],
};

describe('samples', () => {
  it('has at least six curated scenarios, each described by teaches', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const name of Object.keys(teaches)) expect(files).toContain(name);
  });

  for (const file of files) {
    it(`${file} has a title and description, reads without errors and teaches what it says`, () => {
      const text = readFileSync(join(SAMPLES, file), 'utf8');
      expect(text).toMatch(/^# title: .+\n# description: .+\n/);
      const { model, reach } = analyze([{ name: file, text }]);
      expect(model.diagnostics).toEqual([]);
      const actual = (teaches[file] ?? []).map(([from, to]) => [
        from,
        to,
        formatConnectionSet(reach.between(from, to)),
      ]);
      expect(actual).toEqual(teaches[file] ?? []);
    });
  }
});
