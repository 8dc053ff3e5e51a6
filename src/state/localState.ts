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

/** Local storage holds compressed state, so a few megabytes of manifests still fit its quota. */
export async function writeLocal(key: string, state: SharedState): Promise<void> {
  const bytes = await deflate(new TextEncoder().encode(JSON.stringify(state)));
  localStorage.setItem(key, toBase64Url(bytes));
}

/** Compression is asynchronous; a page that is closing gets this synchronous write instead. */
export function writeLocalNow(key: string, state: SharedState): void {
  localStorage.setItem(key, PLAIN_PREFIX + JSON.stringify(state));
}

export async function readLocal(key: string): Promise<SharedState | null> {
  const stored = localStorage.getItem(key);
  if (!stored) return null;
  try {
    let json: string;
    if (stored.startsWith(PLAIN_PREFIX)) json = stored.slice(PLAIN_PREFIX.length);
    else {
      const bytes = fromBase64Url(stored);
      if (!bytes) return null;
      json = new TextDecoder().decode(await inflate(bytes, MAX_STATE_BYTES));
    }
    const result = validateSharedState(JSON.parse(json));
    return result.ok ? result.value : null;
  } catch {
    return null;
  }
}
