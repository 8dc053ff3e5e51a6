import { describe, expect, it } from 'vitest';
import { parseNamespaceName, parsePodCidrs, parseTrustDomain } from '../../src/views/settingsInput.ts';

describe('cluster settings typed by the user', () => {
  it.each([
    { rule: 'empty: no pod CIDR given', text: '', expected: { ok: true, value: [] } },
    { rule: 'one IPv4 CIDR', text: '10.244.0.0/16', expected: { ok: true, value: ['10.244.0.0/16'] } },
    {
      rule: 'comma and space separated, IPv6 too',
      text: '10.244.0.0/16,  fd00::/48',
      expected: { ok: true, value: ['10.244.0.0/16', 'fd00::/48'] },
    },
    {
      rule: 'an address without a prefix is refused, naming it',
      text: '10.0.0.0/8, 10.1.2.3',
      expected: { ok: false, error: '10.1.2.3' },
    },
    {
      rule: 'a prefix beyond 32 is refused',
      text: '10.0.0.0/33',
      expected: { ok: false, error: '10.0.0.0/33' },
    },
  ])('pod CIDRs: $rule', ({ text, expected }) => {
    expect(parsePodCidrs(text)).toEqual(expected);
  });

  it.each([
    { text: 'istio-system', ok: true },
    { text: ' mesh-root ', ok: true },
    { text: 'Istio_System', ok: false },
    { text: '', ok: false },
    { text: 'a'.repeat(64), ok: false },
  ])('root namespace $text: ok=$ok (a DNS-1123 label)', ({ text, ok }) => {
    expect(parseNamespaceName(text).ok).toBe(ok);
  });

  it.each([
    { text: 'cluster.local', ok: true },
    { text: 'prod.example.com', ok: true },
    { text: 'bad..domain', ok: false },
    { text: 'spiffe://x', ok: false },
  ])('trust domain $text: ok=$ok', ({ text, ok }) => {
    expect(parseTrustDomain(text).ok).toBe(ok);
  });
});
