import { type Remote, releaseProxy, wrap } from 'comlink';
import type { IpRange } from '../engine/index.ts';
import { parseCidr } from '../engine/index.ts';
import { COLLAPSE_ABOVE_WORKLOADS } from '../views/collapseNamespaces.ts';
import { describeDiff } from '../views/diff.ts';
import type { Snapshot } from '../views/snapshot.ts';
import type { AnalysisApi } from '../worker/analysis.worker.ts';
// Inlined (a blob URL) so the single-file build works opened from disk, with no worker file to fetch.
import AnalysisWorker from '../worker/analysis.worker.ts?worker&inline';
import { type Delivered, receiveDelivery, type SnapshotDelivery } from '../worker/delivery.ts';
import {
  budgetFor,
  markFinished,
  markStarted,
  markStopped,
  releaseHold,
  type StopReason,
  useAnalysisGuard,
} from './analysisGuard.ts';
import { toOverrides } from './overridesSlice.ts';
import { analysisFingerprint, rememberAnalyzed } from './persistence.ts';
import { useStore } from './store.ts';
import type { ReachlabState } from './types.ts';
import { sharedStateOf } from './workspaceSlice.ts';

const TYPING_DEBOUNCE_MS = 250;
/** A newer run restarts the worker rather than queue behind one that has run this long. */
const SUPERSEDE_AFTER_MS = 1_000;

let api: Remote<AnalysisApi> | null = null;
let thread: Worker | null = null;
let runId = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
/** The run in the worker now, with the way to stop it. */
let current: { id: number; startedAt: number; stop: (reason: StopReason) => void } | null = null;
/** Set by "Analyze again without a time limit", for the next run only. */
let unlimitedOnce = false;

class AnalysisStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`analysis ${reason}`);
  }
}

function worker(): Remote<AnalysisApi> {
  if (!api) {
    thread = new AnalysisWorker();
    api = wrap<AnalysisApi>(thread);
  }
  return api;
}

/** The sources list the worker last received (it keeps them; an edit sends none). */
let sentSources: ReachlabState['sources'] | undefined;

function sourcesToSend(sources: ReachlabState['sources']): { name: string; text: string }[] | null {
  if (sources === sentSources) return null;
  sentSources = sources;
  return sources.map((s) => ({ name: s.name, text: s.text }));
}

/** The last snapshot received from the worker: the base its next delivery builds on. */
let delivered: Delivered | undefined;

/** The snapshot a delivery stands for (the whole one is fetched when the base is not held here). */
async function received(delivery: SnapshotDelivery): Promise<Snapshot> {
  let snapshot = receiveDelivery(delivery, delivered);
  let serial = delivery.serial;
  if (!snapshot) {
    const whole = await worker().lastWhole();
    if (!whole || !('snapshot' in whole)) throw new Error('the analysis worker lost its last result');
    snapshot = whole.snapshot;
    serial = whole.serial;
  }
  delivered = { serial, snapshot };
  return snapshot;
}

/**
 * The design findings of the snapshot just shown, asked for after it is on screen (they take
 * tens of milliseconds more at thousands of workloads). A newer snapshot asks for its own.
 */
async function refreshFindings(serial: number): Promise<void> {
  try {
    const findings = await worker().findings(serial);
    if (findings !== null && delivered?.serial === serial) useStore.getState().setFindings(findings);
  } catch {
    if (delivered?.serial === serial) useStore.getState().setFindings(null);
  }
}

/** The only way to stop a synchronous engine call: end its worker. The next call starts a new one. */
function restartWorker(): void {
  delivered = undefined;
  sentSources = undefined;
  // Findings asked of the old worker never come: the ones on screen stay, no longer awaited.
  if (useStore.getState().findingsPending) useStore.getState().setFindings(null);
  api?.[releaseProxy]();
  thread?.terminate();
  api = null;
  thread = null;
}

/** Stops the running analysis (the "Cancel analysis" button). The sources stay as they are. */
export function cancelAnalysis(): void {
  current?.stop('cancelled');
}

/** Runs the analysis the user asked for after a stop or a held start, optionally with no budget. */
export function analyzeAgain(options: { unlimited?: boolean } = {}): void {
  releaseHold();
  unlimitedOnce = options.unlimited === true;
  void analyzeNow('load');
}

/** Runs the engine in the worker for the current sources and edits; the newest run wins. */
async function analyzeNow(reason: 'sources' | 'edits' | 'load'): Promise<void> {
  const state = useStore.getState();
  const { sources, edits, snapshot: before, setAnalyzing, setSnapshot, setAnalysisError } = state;
  // After a reload that found an unfinished analysis, nothing runs until the user chooses.
  if (useAnalysisGuard.getState().stopped?.held) {
    setAnalyzing(false);
    return;
  }
  const id = ++runId;
  if (current && Date.now() - current.startedAt > SUPERSEDE_AFTER_MS) {
    current.stop('cancelled');
    restartWorker();
  }
  const fingerprint = analysisFingerprint(state);
  const analysed = sharedStateOf(state);
  const totalLength = sources.reduce((n, s) => n + s.text.length, 0);
  const budget = unlimitedOnce ? null : budgetFor(totalLength);
  unlimitedOnce = false;
  let stop: (reason: StopReason) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = (why) => reject(new AnalysisStopped(why));
  });
  current = { id, startedAt: Date.now(), stop };
  const budgetTimer = budget === null ? undefined : setTimeout(() => stop('budget'), budget);
  markStarted(fingerprint);
  setAnalyzing(true);
  try {
    const snapshot = await Promise.race([
      worker()
        .analyze(
          sourcesToSend(sources),
          toOverrides(edits, state.identityEdits),
          state.settings,
          state.ghosts,
          reason !== 'load',
        )
        .then(received),
      stopped,
    ]);
    if (id !== runId) return;
    markFinished();
    rememberAnalyzed(analysed, fingerprint);
    const diff = before && reason !== 'load' ? snapshot.change : null;
    const change = diff ? { ...diff, at: Date.now(), text: describeDiff(diff) } : null;
    setSnapshot(snapshot, change);
    if (delivered) void refreshFindings(delivered.serial);
    void refreshExplanation();
    void refreshDeniedBy();
    // A probe on screen follows every change, like the graph does.
    const lastProbe = useStore.getState().probe;
    if (lastProbe) void runProbe(lastProbe.from, lastProbe.target);
  } catch (error) {
    if (error instanceof AnalysisStopped) {
      if (current?.id === id) restartWorker();
      if (id === runId) markStopped(error.reason);
    } else {
      // The worker may not hold these sources: the next call sends them again.
      sentSources = undefined;
      if (id === runId) {
        markFinished();
        setAnalysisError(
          `The analysis failed: ${String(error)}. Your sources are kept; edit them or reload the page.`,
        );
      }
    }
  } finally {
    clearTimeout(budgetTimer);
    if (current?.id === id) current = null;
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

/** Asks the worker which tier denied the selected workload's denied pairs (or clears it). */
export async function refreshDeniedBy(): Promise<void> {
  const { selection, snapshot, setDeniedBy } = useStore.getState();
  if (selection?.kind !== 'workload' || !snapshot) {
    setDeniedBy(null);
    return;
  }
  // Large clusters draw most namespaces collapsed: only pairs with expanded ones can be drawn.
  const { expandedNamespaces } = useStore.getState();
  const among =
    snapshot.workloads.length > COLLAPSE_ABOVE_WORKLOADS
      ? snapshot.workloads.filter((w) => expandedNamespaces.includes(w.namespace)).map((w) => w.id)
      : undefined;
  const markers = await worker().deniedBy(selection.id, among);
  const now = useStore.getState();
  if (now.selection?.kind !== 'workload' || now.selection.id !== selection.id || now.snapshot !== snapshot)
    return;
  // The same markers again (most edits): no new object, so the graph is not rebuilt for nothing.
  const before = now.deniedBy;
  if (before?.focus === selection.id && sameMarkers(before.markers, markers)) return;
  setDeniedBy({ focus: selection.id, markers });
}

function sameMarkers(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))
  );
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
    if (state.selection !== previous.selection || state.expandedNamespaces !== previous.expandedNamespaces)
      void refreshDeniedBy();
    const sourcesChanged = state.sources !== previous.sources;
    // A settings change (network plugin, controller) re-evaluates like a label edit.
    const editsChanged =
      state.edits !== previous.edits ||
      state.identityEdits !== previous.identityEdits ||
      state.settings !== previous.settings ||
      state.ghosts !== previous.ghosts;
    if (!sourcesChanged && !editsChanged) return;
    clearTimeout(timer);
    // Any change is the user's answer to a held or stopped analysis: analyse what they have now.
    if (useAnalysisGuard.getState().stopped) releaseHold();
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
