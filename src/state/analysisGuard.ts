import { create } from 'zustand';

/**
 * Keeps one hostile input from taking the app hostage: every analysis has a time budget and can
 * be cancelled, and a mark in local storage says an analysis is running, so that a reload after
 * one that never finished does not start it again without asking.
 */

/** Every analysis gets at least this long, and longer for big inputs (see `budgetFor`). */
const MIN_BUDGET_MS = 20_000;
const BUDGET_MS_PER_MB = 4_000;
/** A reload this soon after an analysis started is an ordinary reload, not a stuck analysis. */
const ORDINARY_RELOAD_MS = 2_000;
const MARK_KEY = 'reachlab:analysis-in-flight:v1';

export type StopReason = 'cancelled' | 'budget';

export interface GuardState {
  /** Date.now() when the running analysis started; null while idle. */
  runningSince: number | null;
  /**
   * Why the last analysis of the current sources did not finish. With `held`, no analysis runs
   * until the user chooses (after a reload); without, the next edit runs one as usual.
   */
  stopped: { reason: StopReason | 'unfinished'; ranMs: number | null; held: boolean } | null;
}

export const useAnalysisGuard = create<GuardState>(() => ({ runningSince: null, stopped: null }));

/** The budget for sources of this total length (characters). */
export function budgetFor(totalLength: number): number {
  return Math.max(MIN_BUDGET_MS, Math.round((totalLength / 1_000_000) * BUDGET_MS_PER_MB));
}

/**
 * A cheap fingerprint of what is analysed. Long texts are sampled: a collision only means one
 * reload analyses again instead of asking first.
 */
export function fingerprintOf(parts: readonly string[]): string {
  let hash = 0x811c9dc5;
  let length = 0;
  for (const part of parts) {
    length += part.length;
    const step = part.length > 1_000_000 ? Math.ceil(part.length / 1_000_000) : 1;
    for (let i = 0; i < part.length; i += step) {
      hash ^= part.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hash = Math.imul(hash ^ 0xff, 0x01000193) >>> 0;
  }
  return `${length.toString(36)}.${hash.toString(36)}`;
}

interface Mark {
  fingerprint: string;
  startedAt: number;
  stopped?: StopReason;
  closedAt?: number;
}

function readMark(): Mark | null {
  try {
    const raw = localStorage.getItem(MARK_KEY);
    const mark = raw ? (JSON.parse(raw) as Mark) : null;
    return mark && typeof mark.fingerprint === 'string' && typeof mark.startedAt === 'number' ? mark : null;
  } catch {
    return null;
  }
}

function writeMark(mark: Mark | null): void {
  try {
    if (mark) localStorage.setItem(MARK_KEY, JSON.stringify(mark));
    else localStorage.removeItem(MARK_KEY);
  } catch {
    // Storage full or blocked: the guard then only protects this page, not the next reload.
  }
}

export function markStarted(fingerprint: string): void {
  writeMark({ fingerprint, startedAt: Date.now() });
  useAnalysisGuard.setState({ runningSince: Date.now(), stopped: null });
}

export function markFinished(): void {
  writeMark(null);
  useAnalysisGuard.setState({ runningSince: null });
}

export function markStopped(reason: StopReason): void {
  const mark = readMark();
  const ranMs = mark ? Date.now() - mark.startedAt : null;
  if (mark) writeMark({ ...mark, stopped: reason });
  useAnalysisGuard.setState({ runningSince: null, stopped: { reason, ranMs, held: false } });
}

/** The page is going away: remember when, so the next start can tell a reload from a hang. */
export function markClosing(): void {
  const mark = readMark();
  if (mark && !mark.stopped && mark.closedAt === undefined) writeMark({ ...mark, closedAt: Date.now() });
}

/**
 * At start-up, with the sources about to be analysed: holds the analysis back when the last one
 * on these same sources was stopped, or was still running when the page went away (or crashed).
 */
export function holdIfUnfinished(fingerprint: string): boolean {
  const mark = readMark();
  if (!mark || mark.fingerprint !== fingerprint) {
    writeMark(null);
    return false;
  }
  const ranMs = mark.closedAt === undefined ? null : mark.closedAt - mark.startedAt;
  if (!mark.stopped && ranMs !== null && ranMs < ORDINARY_RELOAD_MS) {
    writeMark(null);
    return false;
  }
  useAnalysisGuard.setState({ stopped: { reason: mark.stopped ?? 'unfinished', ranMs, held: true } });
  return true;
}

/** The user chose: analyse these sources (again), or they changed them. */
export function releaseHold(): void {
  useAnalysisGuard.setState({ stopped: null });
}
