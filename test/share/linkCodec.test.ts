import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../src/share/compression.ts';
import { decodeFragment, encodeState, LINK_PREFIX } from '../../src/share/linkCodec.ts';
import type { SharedState } from '../../src/share/sharedState.ts';

const state: SharedState = {
  version: 1,
  sources: [{ name: 'app.yaml', text: 'kind: Pod\nmetadata: {name: 清算}\n' }],
  edits: [{ target: { kind: 'workload', id: 'default/清算' }, key: 'app', value: 'x', enabled: false }],
  selection: { kind: 'pair', from: 'default/a', to: '10.0.0.0/8' },
  view: 'matrix',
  verdictFilter: { allowed: true, partial: false, denied: true, unrestricted: false },
  hiddenNamespaces: ['kube-system'],
  search: 'app=web',
  showRoutes: true,
  sampleId: null,
  settings: {
    networkPlugin: 'cilium',
    ingressController: { namespace: 'edge', labels: { app: 'traefik' } },
    clusterDomain: 'corp.local',
    podCidrs: ['10.244.0.0/16'],
    mesh: { trustDomain: 'corp.local', rootNamespace: 'mesh-system', membership: 'all' },
  },
};

const fragmentOf = (json: unknown) =>
  LINK_PREFIX + toBase64Url(deflateRawSync(Buffer.from(JSON.stringify(json))));

describe('share links', () => {
  it('round-trip the whole state, non-ASCII included', async () => {
    const fragment = await encodeState(state);
    expect(fragment.startsWith('rl1.')).toBe(true);
    expect(fragment).toMatch(/^rl1\.[A-Za-z0-9_-]+$/);
    expect(await decodeFragment(`#${fragment}`)).toEqual({ ok: true, value: state });
  });

  it('base64url round-trips every byte length', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) % 256);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });

  const hostile: [string, () => Promise<string> | string, RegExp][] = [
    ['bad base64', () => '#rl1.@@not*base64@@', /damaged \(it has characters/],
    ['another version', () => '#rl7.AAAA', /another Reachlab version \(format 7\)/],
    ['truncated', async () => (await encodeState(state)).slice(0, 30), /cut off or damaged/],
    [
      'not deflate at all',
      () => `#rl1.${toBase64Url(new TextEncoder().encode('hello there, not compressed'))}`,
      /cut off or damaged|not readable/,
    ],
    [
      'a decompression bomb',
      () => `#${LINK_PREFIX}${toBase64Url(deflateRawSync(Buffer.alloc(40 * 1024 * 1024)))}`,
      /would unpack to more than 32 MB/,
    ],
    [
      'valid JSON of the wrong shape',
      () => `#${fragmentOf({ hello: 'world' })}`,
      /not a Reachlab state|no Reachlab state version/,
    ],
    [
      'sources that are not text',
      () => `#${fragmentOf({ ...state, sources: [{ name: 'a', text: 42 }] })}`,
      /sources\[0\]\.text is not text/,
    ],
    ['a newer state version', () => `#${fragmentOf({ ...state, version: 3 })}`, /newer Reachlab/],
    [
      'a script in a label is only text',
      () =>
        `#${fragmentOf({ ...state, edits: [{ target: { kind: 'workload', id: '<img src=x onerror=alert(1)>' }, key: '<script>', value: 'x', enabled: 'yes' }] })}`,
      /edits\[0\]\.enabled is not true or false/,
    ],
  ];
  for (const [what, make, message] of hostile) {
    it(`refuse ${what} with a clear message`, async () => {
      const result = await decodeFragment(await make());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    });
  }

  it('keep only known fields (nothing unexpected reaches the store)', async () => {
    const result = await decodeFragment(
      `#${fragmentOf({ ...state, __proto__: { admin: true }, extra: 'x', constructor: 'y' })}`,
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.value).sort()).toEqual(Object.keys(state).sort());
  });
});
