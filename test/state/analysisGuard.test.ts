import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  budgetFor,
  fingerprintOf,
  holdIfUnfinished,
  markClosing,
  markFinished,
  markStarted,
  markStopped,
  useAnalysisGuard,
} from '../../src/state/analysisGuard.ts';

/** The part of localStorage the guard uses, kept in a Map: one "browser" per test. */
function installStorage(): Map<string, string> {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  });
  return items;
}

const WORK = fingerprintOf(['mine.yaml', 'kind: Pod\nmetadata: {name: mine}\n']);
const OTHER = fingerprintOf(['theirs.yaml', 'kind: Pod\nmetadata: {name: theirs}\n']);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-02T00:00:00Z'));
  installStorage();
  useAnalysisGuard.setState({ runningSince: null, stopped: null });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** What happened in the last page's life, then a reload with `reloaded` as the work. */
type Story = (advance: (ms: number) => void) => void;

const STORIES: [rule: string, story: Story, reloaded: string, held: boolean, reason?: string][] = [
  ['a finished analysis: the reload analyzes as usual', () => markFinished(), WORK, false],
  [
    'the page closed 1 s into an analysis (an ordinary reload): it runs again',
    (advance) => {
      advance(1_000);
      markClosing();
    },
    WORK,
    false,
  ],
  [
    'the page closed 5 s into an analysis: held, because it never finished',
    (advance) => {
      advance(5_000);
      markClosing();
    },
    WORK,
    true,
    'unfinished',
  ],
  [
    'the page crashed during an analysis (no pagehide): held',
    (advance) => advance(300),
    WORK,
    true,
    'unfinished',
  ],
  [
    'the user cancelled it, then reloaded: held, and says it was cancelled',
    (advance) => {
      advance(3_000);
      markStopped('cancelled');
      markClosing();
    },
    WORK,
    true,
    'cancelled',
  ],
  [
    'it went over its budget: held, and says so',
    (advance) => {
      advance(20_000);
      markStopped('budget');
    },
    WORK,
    true,
    'budget',
  ],
  [
    'the unfinished analysis was of other work (another tab, a link): this work runs',
    (advance) => {
      advance(5_000);
      markClosing();
    },
    OTHER,
    false,
  ],
];

describe('a reload after an analysis that never finished', () => {
  it.each(STORIES)('%s', (_rule, story, reloaded, held, reason) => {
    markStarted(WORK);
    story((ms) => vi.advanceTimersByTime(ms));
    useAnalysisGuard.setState({ runningSince: null, stopped: null }); // the reload: a new page
    expect(holdIfUnfinished(reloaded)).toBe(held);
    expect(useAnalysisGuard.getState().stopped?.reason).toBe(reason);
    if (held) expect(useAnalysisGuard.getState().stopped?.held).toBe(true);
  });

  it('asks once: after the user chooses and the analysis finishes, the next reload runs it', () => {
    markStarted(WORK);
    expect(holdIfUnfinished(WORK)).toBe(true);
    markStarted(WORK);
    markFinished();
    expect(holdIfUnfinished(WORK)).toBe(false);
  });
});

describe('budgets and fingerprints', () => {
  it.each([
    [0, 20_000],
    [1_000_000, 20_000],
    [10_000_000, 40_000],
  ])('%i characters get %i ms', (length, budget) => {
    expect(budgetFor(length)).toBe(budget);
  });

  it('tells different work apart, and the same work alike', () => {
    expect(fingerprintOf(['a', 'b'])).toBe(fingerprintOf(['a', 'b']));
    expect(fingerprintOf(['a', 'b'])).not.toBe(fingerprintOf(['a', 'c']));
    expect(fingerprintOf(['ab', ''])).not.toBe(fingerprintOf(['a', 'b']));
  });
});
