import { deflate, fromBase64Url, inflate, toBase64Url } from '../share/compression.ts';
import { MAX_STATE_BYTES } from '../share/linkCodec.ts';
import { type SharedState, validateSharedState } from '../share/sharedState.ts';

/** What Reachlab keeps in this browser's local storage, and how it is written and read back. */

export const WORK_KEY = 'reachlab:work:v1';
export const PREVIOUS_KEY = 'reachlab:previous-work:v1';
/** The work as it was at the last analysis that finished: "without the last change". */
export const ANALYZED_KEY = 'reachlab:last-analyzed:v1';
/** Marks uncompressed JSON, written synchronously when the page is going away. */
const PLAIN_PREFIX = 'json:';
/**
 * Above this many characters of manifests, a state keeps its sources under a key of their own,
 * written only when they change: a label toggle then writes a few kilobytes, not megabytes of
 * compressed manifests (150 ms on the main thread at 3 MB, twice per toggle).
 */
const SPLIT_ABOVE = 256 * 1024;

/** Where a state's sources are when they are kept apart: one of two slots, alternately. */
interface SourcesRef {
  slot: 'a' | 'b';
}

const slotKey = (key: string, slot: SourcesRef['slot']) => `${key}:sources:${slot}`;

/** The sources last written under each key's slot, to know when they need writing again. */
const written = new Map<string, { slot: SourcesRef['slot']; sources: SharedState['sources'] }>();

function sameSources(a: SharedState['sources'], b: SharedState['sources']): boolean {
  return a.length === b.length && a.every((s, i) => s.name === b[i]?.name && s.text === b[i]?.text);
}

async function compressed(value: unknown): Promise<string> {
  return toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(value))));
}

/** Local storage holds compressed state, so a few megabytes of manifests still fit its quota. */
export async function writeLocal(key: string, state: SharedState): Promise<void> {
  const size = state.sources.reduce((n, s) => n + s.text.length, 0);
  if (size <= SPLIT_ABOVE) {
    localStorage.setItem(key, await compressed(state));
    written.delete(key);
    return;
  }
  let last = written.get(key);
  if (!last || !sameSources(last.sources, state.sources)) {
    // The slot the stored state does not point at: if the page dies between the two writes, the
    // stored state still finds its own sources.
    const slot = last?.slot === 'a' ? 'b' : 'a';
    localStorage.setItem(slotKey(key, slot), await compressed(state.sources));
    last = { slot, sources: state.sources };
    written.set(key, last);
  }
  const ref: SourcesRef = { slot: last.slot };
  localStorage.setItem(key, await compressed({ ...state, sources: [], sourcesRef: ref }));
}

/** Compression is asynchronous; a page that is closing gets this synchronous write instead. */
export function writeLocalNow(key: string, state: SharedState): void {
  localStorage.setItem(key, PLAIN_PREFIX + JSON.stringify(state));
  written.delete(key);
}

/** Removes a state and its sources. */
export function removeLocal(key: string): void {
  localStorage.removeItem(key);
  localStorage.removeItem(slotKey(key, 'a'));
  localStorage.removeItem(slotKey(key, 'b'));
  written.delete(key);
}

async function readJson(stored: string): Promise<unknown> {
  if (stored.startsWith(PLAIN_PREFIX)) return JSON.parse(stored.slice(PLAIN_PREFIX.length));
  const bytes = fromBase64Url(stored);
  if (!bytes) throw new Error('not base64url');
  return JSON.parse(new TextDecoder().decode(await inflate(bytes, MAX_STATE_BYTES)));
}

export async function readLocal(key: string): Promise<SharedState | null> {
  const stored = localStorage.getItem(key);
  if (!stored) return null;
  try {
    const value = (await readJson(stored)) as Record<string, unknown>;
    const ref = value.sourcesRef as SourcesRef | undefined;
    if (ref && (ref.slot === 'a' || ref.slot === 'b')) {
      const sources = localStorage.getItem(slotKey(key, ref.slot));
      if (!sources) return null;
      value.sources = await readJson(sources);
    }
    const result = validateSharedState(value);
    return result.ok ? result.value : null;
  } catch {
    return null;
  }
}
