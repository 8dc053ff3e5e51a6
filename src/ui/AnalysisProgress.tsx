import { useEffect, useState } from 'react';
import { useAnalysisGuard } from '../state/analysisGuard.ts';
import { analyzeAgain, cancelAnalysis } from '../state/analysisRunner.ts';
import { openWithoutLastChange } from '../state/persistence.ts';
import { useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';
import './styles/analysis.css';

/** A running analysis shows its progress and a cancel button once it takes this long. */
const SHOW_AFTER_MS = 2_000;

const selectError = (s: ReachlabState) => s.analysisError;

function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

function stoppedText(reason: 'cancelled' | 'budget' | 'unfinished', ranMs: number | null): string {
  if (reason === 'unfinished')
    return ranMs === null
      ? 'The last analysis of this work did not finish (the page closed or crashed during it), so Reachlab did not start it again.'
      : `The last analysis of this work was still running after ${seconds(ranMs)} when the page closed, so Reachlab did not start it again.`;
  const after = ranMs === null ? '' : ` after ${seconds(ranMs)}`;
  if (reason === 'budget')
    return `The analysis was stopped${after}: it went over its time limit. The input may be too large, or built never to finish (for example YAML aliases that expand without end). The graph still shows the last analysis that finished.`;
  return `The analysis was cancelled${after}. The graph still shows the last analysis that finished.`;
}

/**
 * The analysis when it is not quick: a long run with "Cancel analysis", a stopped run (cancelled
 * or over its time budget), and after a reload, an analysis that never finished on these
 * sources, held back until the user chooses. The sources are never changed here.
 */
export function AnalysisProgress() {
  const runningSince = useAnalysisGuard((s) => s.runningSince);
  const stopped = useAnalysisGuard((s) => s.stopped);
  const error = useStore(selectError);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (runningSince === null) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(tick);
  }, [runningSince]);

  const withoutLastChange = (
    <button type="button" onClick={() => void openWithoutLastChange()}>
      Open without the last change
    </button>
  );

  if (stopped) {
    return (
      <div className="analysis-progress analysis-stopped" role="alert" data-testid="analysis-stopped">
        <p>
          ⚠ {stoppedText(stopped.reason, stopped.ranMs)} Your sources are unchanged: edit them, open the work
          as it was at the last finished analysis, or analyze again.
        </p>
        <div className="analysis-actions">
          {withoutLastChange}
          <button type="button" onClick={() => analyzeAgain({ unlimited: stopped.reason === 'budget' })}>
            {stopped.reason === 'budget' ? 'Analyze again without a time limit' : 'Analyze anyway'}
          </button>
        </div>
      </div>
    );
  }

  if (runningSince !== null && now - runningSince >= SHOW_AFTER_MS) {
    return (
      <div className="analysis-progress" role="status" data-testid="analysis-progress">
        <p>
          <span className="analysis-spinner" aria-hidden="true" /> Analyzing your sources…{' '}
          {Math.round((now - runningSince) / 1000)} s
        </p>
        <div className="analysis-actions">
          <button type="button" onClick={cancelAnalysis}>
            Cancel analysis
          </button>
        </div>
      </div>
    );
  }

  if (error) {
    return (
      <div className="analysis-progress analysis-stopped" role="alert" data-testid="analysis-error">
        <p>⚠ {error}</p>
      </div>
    );
  }
  return null;
}
