import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { changeLabel, compareResultOf, explainChange } from './compareResult.ts';

const selectCompare = (s: ReachlabState) => ({
  compare: s.compare,
  sources: s.sources,
  edits: s.edits,
  ghosts: s.ghosts,
});

/** Before / after: which pairs and ports opened or closed, and why each changed. */
export function ComparePanel() {
  const inputs = useStore(useShallow(selectCompare));
  const result = useMemo(() => compareResultOf(inputs), [inputs]);
  if (!result) return null;
  const close = () => useStore.getState().setCompare(null);
  if ('error' in result)
    return (
      <section className="compare-panel" data-testid="compare-panel">
        <p role="alert">{result.error}</p>
        <button type="button" className="link" onClick={close}>
          Close
        </button>
      </section>
    );
  const count = (kind: string) => result.changes.filter((c) => c.kind === kind).length;
  return (
    <section className="compare-panel" data-testid="compare-panel" aria-label="Before and after">
      <header className="lesson-head">
        <h2>
          Before / after: <span className="muted">{result.beforeName}</span> → {result.afterName}
        </h2>
        <button type="button" className="link" onClick={close}>
          Close
        </button>
      </header>
      <p data-testid="compare-summary">
        {result.changes.length === 0
          ? 'No connection changed.'
          : `${count('opened')} opened, ${count('closed')} closed, ${count('changed')} changed ports. In the graph: + opened edges are thick and solid, − closed ones dashed with a bar.`}
      </p>
      <ul className="compare-list">
        {result.changes.slice(0, 200).map((change) => (
          <li key={`${change.from}->${change.to}`} data-testid="compare-change" data-kind={change.kind}>
            <button
              type="button"
              className="link"
              onClick={() => useStore.getState().select({ kind: 'pair', from: change.from, to: change.to })}
            >
              {change.from} → {change.to}
            </button>
            <span className={`change-kind change-${change.kind}`}>{changeLabel(change)}</span>
            <details>
              <summary>Why</summary>
              <ul className="muted">
                {explainChange(result.before, result.after, change)
                  .slice(0, 8)
                  .map((line) => (
                    <li key={line}>{line}</li>
                  ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
      {result.changes.length > 200 && <p className="muted">…and {result.changes.length - 200} more.</p>}
    </section>
  );
}
