import { parseCidr } from '../engine/index.ts';

/** A setting read from what the user typed: its value, or why it cannot be used. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Pod network CIDRs, comma or space separated (`10.244.0.0/16, fd00::/48`); empty: none given. */
export function parsePodCidrs(text: string): Parsed<string[]> {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = parts.find((p) => !parseCidr(p));
  if (bad !== undefined) return { ok: false, error: bad };
  return { ok: true, value: parts };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A namespace name (a DNS-1123 label: lower case letters, digits and '-', at most 63). */
export function parseNamespaceName(text: string): Parsed<string> {
  const value = text.trim();
  return value.length > 0 && value.length <= 63 && DNS_LABEL.test(value)
    ? { ok: true, value }
    : { ok: false, error: value };
}

/** An Istio trust domain: dot-separated DNS labels (`cluster.local`, `prod.example.com`). */
export function parseTrustDomain(text: string): Parsed<string> {
  const value = text.trim();
  const ok =
    value.length > 0 &&
    value.length <= 253 &&
    value.split('.').every((l) => l.length <= 63 && DNS_LABEL.test(l));
  return ok ? { ok: true, value } : { ok: false, error: value };
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A ServiceAccount name (a DNS-1123 subdomain, at most 253); empty: as the manifests say. */
export function parseServiceAccount(text: string): Parsed<string> {
  const value = text.trim();
  if (value === '') return { ok: true, value };
  return value.length <= 253 && SUBDOMAIN.test(value) ? { ok: true, value } : { ok: false, error: value };
}
