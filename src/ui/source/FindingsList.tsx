import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';

const EMPTY: never[] = [];
const selectFindings = (s: ReachlabState) => s.snapshot?.findings ?? EMPTY;

/** Design findings, each with its location and a one-line fix. */
export function FindingsList() {
  const findings = useStore(selectFindings);
  if (findings.length === 0)
    return (
      <p className="muted">
        No findings: no dangling Services, forgotten DNS or selectors that match nothing.
      </p>
    );
  return (
    <ul data-testid="findings">
      {findings.map((f) => (
        <li
          key={`${f.kind}:${f.message}`}
          className={`diagnostic diagnostic-${f.severity === 'info' ? 'info' : f.severity}`}
          data-kind={f.kind}
        >
          {f.ref.source === '(assumed)' ? (
            <span className="severity">{f.severity}</span>
          ) : (
            <button
              type="button"
              className="link"
              onClick={() => useStore.getState().revealLines(f.ref.source, f.ref.line, f.ref.endLine)}
            >
              <span className="severity">
                {f.severity === 'error' ? '✕ error' : f.severity === 'warning' ? '⚠ warning' : 'ℹ info'}
              </span>{' '}
              {f.ref.source}:{f.ref.line}
            </button>
          )}
          <span className="message">{f.message}</span>
          <span className="fix">Fix: {f.fix}</span>
        </li>
      ))}
    </ul>
  );
}
