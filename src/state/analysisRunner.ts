import { type Remote, wrap } from 'comlink';
import type { IpRange } from '../engine/index.ts';
import { parseCidr } from '../engine/index.ts';
import { describeDiff } from '../views/diff.ts';
import type { AnalysisApi } from '../worker/analysis.worker.ts';
// Inlined (a blob URL) so the single-file build works opened from disk, with no worker file to fetch.
import AnalysisWorker from '../worker/analysis.worker.ts?worker&inline';
import { toOverrides } from './overridesSlice.ts';
import { useStore } from './store.ts';
import type { ReachlabState } from './types.ts';

const TYPING_DEBOUNCE_MS = 250;

let api: Remote<AnalysisApi> | null = null;
let runId = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function worker(): Remote<AnalysisApi> {
  api ??= wrap<AnalysisApi>(new AnalysisWorker());
  return api;
}

/** Runs the engine in the worker for the current sources and edits; the newest run wins. */
async function analyzeNow(reason: 'sources' | 'edits' | 'load'): Promise<void> {
  const {
    sources,
    edits,
    snapshot: before,
    setAnalyzing,
    setSnapshot,
    setAnalysisError,
  } = useStore.getState();
  const id = ++runId;
  setAnalyzing(true);
  try {
    const snapshot = await worker().analyze(
      sources.map((s) => ({ name: s.name, text: s.text })),
      toOverrides(edits),
      useStore.getState().settings,
      useStore.getState().ghosts,
    );
    if (id !== runId) return;
    const diff = before && reason !== 'load' ? snapshot.change : null;
    const change = diff ? { ...diff, at: Date.now(), text: describeDiff(diff) } : null;
    setSnapshot(snapshot, change);
    void refreshExplanation();
    // A probe on screen follows every change, like the graph does.
    const lastProbe = useStore.getState().probe;
    if (lastProbe) void runProbe(lastProbe.from, lastProbe.target);
  } catch (error) {
    if (id === runId)
      setAnalysisError(
        `The analysis failed: ${String(error)}. Your sources are kept; edit them or reload the page.`,
      );
  } finally {
    if (id === runId) setAnalyzing(false);
  }
}

function endpoint(text: string): string | IpRange {
  const cidr = parseCidr(text.includes('/') ? text : `${text}/32`);
  return cidr?.family === 4 ? cidr.range : text;
}

/** Asks the worker to explain the selected pair (or clears the explanation). */
export async function refreshExplanation(): Promise<void> {
  const { selection, setExplanation } = useStore.getState();
  if (selection?.kind !== 'pair') {
    setExplanation(null);
    return;
  }
  const explanation = await worker().explain(endpoint(selection.from), endpoint(selection.to));
  const current = useStore.getState().selection;
  if (current?.kind === 'pair' && current.from === selection.from && current.to === selection.to)
    setExplanation(explanation ?? null);
}

/** Probes a request in the worker and keeps the outcome in the store. */
export async function runProbe(from: string, target: string): Promise<void> {
  const outcome = await worker().probe(from, target, useStore.getState().settings);
  useStore.getState().setProbe({ from, target, outcome });
}

/**
 * Keeps the analysis in step with the store: typing is debounced, label edits and loads run at
 * once. Returns the unsubscribe function.
 */
export function startAnalysisRunner(): () => void {
  const unsubscribe = useStore.subscribe((state: ReachlabState, previous: ReachlabState) => {
    if (state.selection !== previous.selection) void refreshExplanation();
    const sourcesChanged = state.sources !== previous.sources;
    // A settings change (network plugin, controller) re-evaluates like a label edit.
    const editsChanged =
      state.edits !== previous.edits ||
      state.settings !== previous.settings ||
      state.ghosts !== previous.ghosts;
    if (!sourcesChanged && !editsChanged) return;
    clearTimeout(timer);
    // A new workspace (sample, link, state file) has all-new source ids: no "what changed" line.
    const replaced =
      sourcesChanged && state.sources.every((s) => !previous.sources.some((p) => p.id === s.id));
    const added = sourcesChanged && state.sources.length !== previous.sources.length;
    if (replaced || state.sampleId !== previous.sampleId) void analyzeNow('load');
    else if (added) void analyzeNow('sources');
    else if (editsChanged && !sourcesChanged) void analyzeNow('edits');
    else {
      // Typing: wait for a pause, but already count as busy so nobody reads a stale result.
      state.setAnalyzing(true);
      timer = setTimeout(() => void analyzeNow('sources'), TYPING_DEBOUNCE_MS);
    }
  });
  void analyzeNow('load');
  return unsubscribe;
}
