import type { Tier } from '../types.ts';

/**
 * The mesh layer's tiers, in the order Istio's proxy decides: plaintext refused by STRICT mutual
 * TLS first, then CUSTOM (an external authorizer), then DENY, then ALLOW. Only ALLOW isolates: a
 * workload with an ALLOW policy admits nothing else.
 */
export const ISTIO_MTLS_TIER: Tier = {
  key: 'istio-mtls',
  layer: 'mesh',
  order: 0,
  label: 'Istio PeerAuthentication (mutual TLS)',
  endAction: 'pass',
};
export const ISTIO_CUSTOM_TIER: Tier = {
  key: 'istio-custom',
  layer: 'mesh',
  order: 1,
  label: 'Istio CUSTOM authorization',
  endAction: 'pass',
};
export const ISTIO_DENY_TIER: Tier = {
  key: 'istio-deny',
  layer: 'mesh',
  order: 2,
  label: 'Istio DENY authorization',
  endAction: 'pass',
};
export const ISTIO_ALLOW_TIER: Tier = {
  key: 'istio-allow',
  layer: 'mesh',
  order: 3,
  label: 'Istio ALLOW authorization',
  endAction: 'deny',
};
