import { canonicalJson, DEFAULT_SETTINGS } from '../engine/index.ts';
import { decodeFragment, isStateFragment } from '../share/linkCodec.ts';
import type { SharedState } from '../share/sharedState.ts';
import { fingerprintOf, holdIfUnfinished, markClosing, releaseHold } from './analysisGuard.ts';
import {
  ANALYZED_KEY,
  PREVIOUS_KEY,
  readLocal,
  removeLocal,
  WORK_KEY,
  writeLocal,
  writeLocalNow,
} from './localState.ts';
import { useStore } from './store.ts';
import type { ReachlabState } from './types.ts';
import { sharedStateOf } from './workspaceSlice.ts';

/** Work worth protecting: the user's own sources or edits, not an untouched sample. */
function isUserWork(state: SharedState | null): state is SharedState {
  return (
    !!state &&
    (state.sampleId === null || state.edits.length > 0 || (state.identityEdits?.length ?? 0) > 0) &&
    state.sources.some((s) => s.text.trim() !== '')
  );
}

const SAVE_DELAY_MS = 400;

let saveTimer: ReturnType<typeof setTimeout> | undefined;
let savePending = false;
/** Fingerprint of the work last kept under ANALYZED_KEY. */
let lastAnalyzed: string | undefined;
let warnedQuota = false;

/** The work comes first: when the quota is short, the copy for "without the last change" goes. */
function dropAnalyzedCopy(): boolean {
  if (localStorage.getItem(ANALYZED_KEY) === null) return false;
  removeLocal(ANALYZED_KEY);
  lastAnalyzed = undefined;
  return true;
}

function saveNow(): void {
  savePending = false;
  const state = sharedStateOf(useStore.getState());
  writeLocal(WORK_KEY, state).catch(async () => {
    if (
      dropAnalyzedCopy() &&
      (await writeLocal(WORK_KEY, state).then(
        () => true,
        () => false,
      ))
    )
      return;
    if (warnedQuota) return;
    warnedQuota = true;
    useStore
      .getState()
      .notify(
        'Your work is too large to keep in this browser between visits; save a state file to keep it.',
        'error',
      );
  });
}

/**
 * Writes a pending autosave at once, synchronously: the page may be closing (pagehide,
 * visibilitychange) or a link is about to replace the workspace. Without it, closing the tab
 * within the autosave delay would lose the last change (or a just-restored previous work).
 */
export function flushAutosave(): void {
  flushRemembered();
  if (!savePending) return;
  clearTimeout(saveTimer);
  savePending = false;
  const state = sharedStateOf(useStore.getState());
  try {
    writeLocalNow(WORK_KEY, state);
  } catch {
    try {
      if (!dropAnalyzedCopy()) throw new Error('quota');
      writeLocalNow(WORK_KEY, state);
    } catch {
      // Over the quota uncompressed: the compressed write may still fit if the page stays.
      saveNow();
    }
  }
}

/** Saves the working state locally as it changes, so a reload or a crash restores it. */
function startAutosave(): () => void {
  return useStore.subscribe((state, previous) => {
    const relevant =
      state.sources !== previous.sources ||
      state.edits !== previous.edits ||
      state.identityEdits !== previous.identityEdits ||
      state.selection !== previous.selection ||
      state.view !== previous.view ||
      state.verdictFilter !== previous.verdictFilter ||
      state.hiddenNamespaces !== previous.hiddenNamespaces ||
      state.search !== previous.search ||
      state.showRoutes !== previous.showRoutes ||
      state.settings !== previous.settings ||
      state.lesson !== previous.lesson ||
      state.hintsShown !== previous.hintsShown ||
      state.ghosts !== previous.ghosts;
    if (!relevant) return;
    clearTimeout(saveTimer);
    savePending = true;
    saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
  });
}

const sourcesFingerprints = new WeakMap<ReachlabState['sources'], string>();

/** The sources' part of a fingerprint, once per sources list (an edit keeps the list; 3 MB cost 30 ms). */
function sourcesFingerprint(sources: ReachlabState['sources']): string {
  let fingerprint = sourcesFingerprints.get(sources);
  if (fingerprint === undefined) {
    fingerprint = fingerprintOf(sources.flatMap((s) => [s.name, s.text]));
    sourcesFingerprints.set(sources, fingerprint);
  }
  return fingerprint;
}

/** What an analysis depends on, fingerprinted to recognise the same input after a reload. */
export function analysisFingerprint(state: ReachlabState): string {
  return fingerprintOf([
    sourcesFingerprint(state.sources),
    JSON.stringify(state.edits),
    JSON.stringify(state.identityEdits),
    // Keys sorted, so equal settings read back from storage hash alike.
    canonicalJson(state.settings),
  ]);
}

/** How long after a result arrives its work is written as "the last analysis that finished". */
const REMEMBER_DELAY_MS = 300;
let rememberTimer: ReturnType<typeof setTimeout> | undefined;
let rememberPending: SharedState | undefined;

/**
 * Keeps the work of the last finished analysis, for "Open without the last change". Compressing
 * megabytes of manifests takes tens of milliseconds, so it is written once the new verdicts are on
 * screen (and at once if the page goes away first, see flushAutosave).
 */
export function rememberAnalyzed(state: SharedState, fingerprint: string): void {
  if (fingerprint === lastAnalyzed) return;
  lastAnalyzed = fingerprint;
  rememberPending = state;
  clearTimeout(rememberTimer);
  rememberTimer = setTimeout(() => {
    const pending = rememberPending;
    rememberPending = undefined;
    if (pending) writeLocal(ANALYZED_KEY, pending).catch(() => undefined);
  }, REMEMBER_DELAY_MS);
}

/** Writes a pending "last analysis that finished" synchronously (the page is going away). */
function flushRemembered(): void {
  const pending = rememberPending;
  if (!pending) return;
  clearTimeout(rememberTimer);
  rememberPending = undefined;
  try {
    writeLocalNow(ANALYZED_KEY, pending);
  } catch {
    // Over the quota: the work itself (written next) matters more than this copy.
  }
}

/**
 * Replaces the workspace with the work as it was at the last analysis that finished; the current
 * work (with the change that did not finish) is kept as the previous work, one click away.
 */
export async function openWithoutLastChange(): Promise<void> {
  flushRemembered();
  const analyzed = await readLocal(ANALYZED_KEY);
  const current = sharedStateOf(useStore.getState());
  const kept = await writeLocal(PREVIOUS_KEY, current).then(
    () => true,
    () => false,
  );
  releaseHold();
  useStore.getState().loadWorkspace(analyzed ?? { ...EMPTY });
  const { notify } = useStore.getState();
  const what = analyzed
    ? 'Opened your work as it was at the last analysis that finished.'
    : 'No analysis had finished before, so Reachlab opened an empty workspace.';
  if (kept)
    notify(`${what} The version with the last change is kept.`, 'info', {
      label: 'Switch back',
      run: () => void restorePreviousWork(),
    });
  else
    notify(`${what} The version with the last change could not be kept; save a state file first.`, 'error');
}

let pageListeners = false;

/** Flushes the autosave whenever the page may go away, and tells the analysis guard it closed. */
function watchPageLifecycle(): void {
  if (pageListeners) return;
  pageListeners = true;
  window.addEventListener('pagehide', () => {
    flushAutosave();
    markClosing();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAutosave();
  });
}

/** Puts the previous local work back (after a link replaced it). */
export async function restorePreviousWork(): Promise<void> {
  const previous = await readLocal(PREVIOUS_KEY);
  if (!previous) {
    useStore.getState().notify('There is no previous work to restore.', 'error');
    return;
  }
  const current = sharedStateOf(useStore.getState());
  useStore.getState().loadWorkspace(previous);
  await writeLocal(PREVIOUS_KEY, current).catch(() => undefined);
  useStore
    .getState()
    .notify('Your previous work is back. The shared state is kept as the previous work.', 'info', {
      label: 'Switch back',
      run: () => void restorePreviousWork(),
    });
}

/** Opens a shared state, keeping the user's unsaved work as "previous work" when there is some. */
export async function openSharedState(shared: SharedState, origin: string): Promise<void> {
  flushAutosave();
  const current = sharedStateOf(useStore.getState());
  const stored = isUserWork(current) ? current : await readLocal(WORK_KEY);
  let kept = false;
  if (isUserWork(stored)) {
    kept = await writeLocal(PREVIOUS_KEY, stored).then(
      () => true,
      () => false,
    );
  }
  useStore.getState().loadWorkspace(shared);
  useStore.temporal.getState().clear();
  const { notify } = useStore.getState();
  if (kept)
    notify(`Opened ${origin}. Your previous work is kept.`, 'info', {
      label: 'Restore my previous work',
      run: () => void restorePreviousWork(),
    });
  else notify(`Opened ${origin}.`);
}

/**
 * Start-up: a state in the link wins (the user's own work is kept aside), then the work saved
 * in this browser, then the default sample (`loadDefault`). A broken link says what is wrong
 * and leaves the user's own work, or an empty workspace.
 */
export async function restoreOnStart(loadDefault: () => void): Promise<void> {
  const fragment = window.location.hash;
  const saved = await readLocal(WORK_KEY);
  if (isStateFragment(fragment)) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    const result = await decodeFragment(fragment);
    if (result.ok) {
      if (saved) useStore.getState().loadWorkspace(saved);
      await openSharedState(result.value, 'the shared link');
    } else {
      if (saved) useStore.getState().loadWorkspace(saved);
      else useStore.getState().loadWorkspace({ ...EMPTY });
      useStore
        .getState()
        .notify(`${result.message} ${saved ? 'Your own work is shown instead.' : ''}`.trim(), 'error');
    }
  } else if (saved) {
    useStore.getState().loadWorkspace(saved);
  } else {
    loadDefault();
  }
  useStore.temporal.getState().clear();
  // A reload after an analysis that never finished on this same work does not start it again.
  holdIfUnfinished(analysisFingerprint(useStore.getState()));
  startAutosave();
  watchPageLifecycle();
  // A link pasted into the address bar of an open Reachlab changes only the fragment: no reload.
  window.addEventListener('hashchange', () => void openLinkInPlace());
}

async function openLinkInPlace(): Promise<void> {
  const fragment = window.location.hash;
  if (!isStateFragment(fragment)) return;
  flushAutosave();
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const result = await decodeFragment(fragment);
  if (result.ok) await openSharedState(result.value, 'the shared link');
  else useStore.getState().notify(`${result.message} Your work is unchanged.`, 'error');
}

const EMPTY: SharedState = {
  version: 1,
  sources: [],
  edits: [],
  selection: null,
  view: 'graph',
  verdictFilter: { allowed: true, partial: true, denied: false, unrestricted: false },
  hiddenNamespaces: [],
  search: '',
  showRoutes: null,
  sampleId: null,
  settings: structuredClone(DEFAULT_SETTINGS),
};
