import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/engine/index.ts';
import type { SharedState } from '../../src/share/sharedState.ts';
import { readLocal, removeLocal, WORK_KEY, writeLocal, writeLocalNow } from '../../src/state/localState.ts';

let items: Map<string, string>;
beforeEach(() => {
  items = new Map();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  });
  removeLocal(WORK_KEY);
});
afterEach(() => vi.unstubAllGlobals());

const pods = (count: number, tag: string) =>
  Array.from(
    { length: count },
    (_, i) => `kind: Pod\nmetadata: {name: p${i}-${tag}, labels: {app: a${i}}}\n`,
  ).join('---\n');

const stateWith = (text: string, search = ''): SharedState => ({
  version: 1,
  sources: [{ name: 'cluster.yaml', text }],
  edits: [],
  selection: null,
  view: 'graph',
  verdictFilter: { allowed: true, partial: true, denied: false, unrestricted: true },
  hiddenNamespaces: [],
  search,
  showRoutes: null,
  sampleId: null,
  settings: DEFAULT_SETTINGS,
});

describe('work kept in local storage', () => {
  it('keeps small work in one entry', async () => {
    const state = stateWith(pods(3, 'x'));
    await writeLocal(WORK_KEY, state);
    expect([...items.keys()]).toEqual([WORK_KEY]);
    expect((await readLocal(WORK_KEY))?.sources).toEqual(state.sources);
  });

  it('writes large manifests once, and an edit writes only the small rest', async () => {
    const text = pods(6_000, 'x');
    expect(text.length).toBeGreaterThan(256 * 1024);
    await writeLocal(WORK_KEY, stateWith(text));
    const sourcesEntry = [...items.entries()].find(([key]) => key.startsWith(`${WORK_KEY}:sources:`));
    expect(sourcesEntry).toBeDefined();
    const [sourcesKey, sourcesValue] = sourcesEntry as [string, string];
    expect((items.get(WORK_KEY) as string).length).toBeLessThan(2_000);

    // Same manifests, another edit: the manifests' entry is not written again.
    items.set(sourcesKey, sourcesValue);
    const setItem = vi.spyOn(localStorage, 'setItem');
    await writeLocal(WORK_KEY, stateWith(text, 'app=a1'));
    expect(setItem.mock.calls.map(([key]) => key)).toEqual([WORK_KEY]);
    const back = await readLocal(WORK_KEY);
    expect(back?.search).toBe('app=a1');
    expect(back?.sources[0]?.text).toBe(text);
  });

  it('writes changed manifests to the other slot before pointing at it', async () => {
    await writeLocal(WORK_KEY, stateWith(pods(6_000, 'x')));
    const first = new Map(items);
    const changed = pods(6_000, 'y');
    const setItem = vi.spyOn(localStorage, 'setItem');
    await writeLocal(WORK_KEY, stateWith(changed));
    const keys = setItem.mock.calls.map(([key]) => key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(WORK_KEY);
    // The slot the old state points at is untouched: a page that dies between the writes keeps it.
    for (const [key, value] of first)
      if (key !== WORK_KEY && key !== keys[0]) expect(items.get(key)).toBe(value);
    expect(keys[0]).not.toBe([...first.keys()].find((k) => k !== WORK_KEY));
    expect((await readLocal(WORK_KEY))?.sources[0]?.text).toBe(changed);
  });

  it('reads back a synchronous write made while the page closes, and removes everything', async () => {
    await writeLocal(WORK_KEY, stateWith(pods(6_000, 'x')));
    writeLocalNow(WORK_KEY, stateWith(pods(6_000, 'z'), 'closing'));
    const back = await readLocal(WORK_KEY);
    expect(back?.search).toBe('closing');
    expect(back?.sources[0]?.text).toBe(pods(6_000, 'z'));
    removeLocal(WORK_KEY);
    expect(items.size).toBe(0);
  });

  it('gives nothing, rather than a state without its manifests, when the manifests are gone', async () => {
    await writeLocal(WORK_KEY, stateWith(pods(6_000, 'x')));
    for (const key of [...items.keys()]) if (key !== WORK_KEY) items.delete(key);
    expect(await readLocal(WORK_KEY)).toBeNull();
  });
});
