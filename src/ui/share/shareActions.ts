import { encodeState, LINK_MAX_CHARS, LINK_WARN_CHARS } from '../../share/linkCodec.ts';
import { readStateFile, STATE_FILE_SUFFIX, stateFileText } from '../../share/stateFile.ts';
import { describeStrip, stripSecrets } from '../../share/stripSecrets.ts';
import { openSharedState } from '../../state/persistence.ts';
import { useStore } from '../../state/store.ts';
import { sharedStateOf } from '../../state/workspaceSlice.ts';

export interface ShareResult {
  url: string | null;
  length: number;
  level: 'ok' | 'long' | 'too-long';
  stripped: string | null;
}

/** The state as it may leave the machine: Secrets and ConfigMap data removed. */
function shareableState() {
  const full = sharedStateOf(useStore.getState());
  const { sources, report } = stripSecrets(full.sources);
  return { state: { ...full, sources }, stripped: describeStrip(report) };
}

/** Builds the link for the current state; the URL's fragment is never sent to any server. */
export async function createShareLink(): Promise<ShareResult> {
  const { state, stripped } = shareableState();
  const fragment = await encodeState(state);
  const url = `${window.location.origin}${window.location.pathname}${window.location.search}#${fragment}`;
  const level = url.length > LINK_MAX_CHARS ? 'too-long' : url.length > LINK_WARN_CHARS ? 'long' : 'ok';
  return { url: level === 'too-long' ? null : url, length: url.length, level, stripped };
}

/** Downloads the state as a `.reachlab.json` file. */
export function downloadStateFile(): void {
  const { state, stripped } = shareableState();
  const blob = new Blob([stateFileText(state)], { type: 'application/json' });
  const link = document.createElement('a');
  const first = state.sources[0]?.name.replace(/\.(ya?ml|json)$/i, '') ?? 'workspace';
  link.href = URL.createObjectURL(blob);
  link.download = `${first}${STATE_FILE_SUFFIX}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  if (stripped) useStore.getState().notify(stripped);
}

/** Opens a state file's text (from the file picker or a drop). */
export async function openStateFileText(name: string, text: string): Promise<void> {
  const result = readStateFile(text);
  if (!result.ok) {
    useStore.getState().notify(`${name}: ${result.message}`, 'error');
    return;
  }
  await openSharedState(result.value, name);
}
