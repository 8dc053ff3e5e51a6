import { deflate, fromBase64Url, inflate, TooLargeError, toBase64Url } from './compression.ts';
import { type SharedState, type Validation, validateSharedState } from './sharedState.ts';

/** Fragment prefix: format `rl`, version 1. The fragment never reaches a server. */
export const LINK_PREFIX = 'rl1.';
/** Links longer than this get a gentle warning: chat tools and QR codes cut them. */
export const LINK_WARN_CHARS = 8 * 1024;
/** Above this the app offers a state file instead of a link. */
export const LINK_MAX_CHARS = 64 * 1024;
/** Fragments longer than this are refused before decoding. */
const MAX_FRAGMENT_CHARS = 4 * 1024 * 1024;
/** Decompressed state is capped (decompression bombs). */
export const MAX_STATE_BYTES = 32 * 1024 * 1024;

/** The fragment (without `#`) that encodes a state: prefix, then base64url of deflate-raw JSON. */
export async function encodeState(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return LINK_PREFIX + toBase64Url(await deflate(json));
}

/** Whether a fragment is meant for Reachlab at all (anything else is ignored, not an error). */
export function isStateFragment(fragment: string): boolean {
  return /^rl\d+\./.test(fragment.replace(/^#/, ''));
}

/**
 * Decodes a fragment into a validated state, or says in plain words what is wrong with the link:
 * damaged, from another version, cut off, too large, or not a Reachlab state. Never throws.
 */
export async function decodeFragment(fragment: string): Promise<Validation<SharedState>> {
  const text = fragment.replace(/^#/, '');
  const version = /^rl(\d+)\./.exec(text)?.[1];
  if (version === undefined) return { ok: false, message: 'This link does not hold a Reachlab state.' };
  if (version !== '1')
    return {
      ok: false,
      message: `This link was made by another Reachlab version (format ${version}); this one reads format 1.`,
    };
  if (text.length > MAX_FRAGMENT_CHARS)
    return { ok: false, message: 'This link is too long to be a Reachlab link; it was not opened.' };
  const bytes = fromBase64Url(text.slice(LINK_PREFIX.length));
  if (!bytes || bytes.length === 0)
    return {
      ok: false,
      message:
        'This link is damaged (it has characters a Reachlab link never has). Ask for it to be copied again.',
    };
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await inflate(bytes, MAX_STATE_BYTES));
  } catch (error) {
    if (error instanceof TooLargeError)
      return { ok: false, message: `This link would unpack to ${error.message}; it was not opened.` };
    return {
      ok: false,
      message:
        'This link is cut off or damaged (its data does not unpack). Ask for it to be copied again, whole.',
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {
      ok: false,
      message: 'This link is damaged (its content is not readable). Ask for it to be copied again.',
    };
  }
  const result = validateSharedState(parsed);
  return result.ok ? result : { ok: false, message: `This link cannot be opened: ${result.message}.` };
}
