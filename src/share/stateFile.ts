import { MAX_STATE_BYTES } from './linkCodec.ts';
import { type SharedState, type Validation, validateSharedState } from './sharedState.ts';

export const STATE_FILE_SUFFIX = '.reachlab.json';

/** A state file: plain JSON with a marker, readable and diffable. */
export function stateFileText(state: SharedState): string {
  return `${JSON.stringify({ reachlab: 'state', ...state }, null, 2)}\n`;
}

/** Whether a file's text looks like a Reachlab state file (so uploads can tell it from manifests). */
export function looksLikeStateFile(name: string, text: string): boolean {
  return name.endsWith(STATE_FILE_SUFFIX) || /^\s*\{\s*"reachlab"\s*:\s*"state"/.test(text.slice(0, 200));
}

export function readStateFile(text: string): Validation<SharedState> {
  if (text.length > MAX_STATE_BYTES)
    return { ok: false, message: 'This state file is larger than 32 MB; it was not opened.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `This state file is not valid JSON (${(error as Error).message}).` };
  }
  const result = validateSharedState(parsed);
  return result.ok ? result : { ok: false, message: `This state file cannot be opened: ${result.message}.` };
}
