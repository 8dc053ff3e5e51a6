import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';

const EMPTY: never[] = [];
const selectDiagnostics = (s: ReachlabState) => s.snapshot?.diagnostics ?? EMPTY;
const selectIgnored = (s: ReachlabState) => s.snapshot?.ignored;

/** Every parse and model problem, each a link to its line. */
export function DiagnosticsPanel() {
  const diagnostics = useStore(selectDiagnostics);
  const ignored = useStore(selectIgnored);
  const ignoredText =
    ignored && Object.keys(ignored).length
      ? `Not modelled: ${Object.entries(ignored)
          .map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`)
          .join(', ')}`
      : '';
  return (
    <section className="diagnostics" aria-label="Problems" data-testid="diagnostics">
      <h2>
        Problems <span className="count">{diagnostics.length}</span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="muted">No problems found.</p>
      ) : (
        <ul>
          {diagnostics.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: diagnostics have no identity beyond their order.
            <li key={i} className={`diagnostic diagnostic-${d.severity}`}>
              <button
                type="button"
                className="link"
                onClick={() => useStore.getState().revealLines(d.source, d.line, d.line)}
              >
                <span className="severity">
                  {d.severity === 'error' ? '✕ error' : d.severity === 'warning' ? '⚠ warning' : 'ℹ info'}
                </span>{' '}
                {d.source}:{d.line}
                {d.path ? ` (document ${d.doc}, ${d.path})` : ` (document ${d.doc})`}
              </button>
              <span className="message">{d.message}</span>
            </li>
          ))}
        </ul>
      )}
      {ignoredText && <p className="muted">{ignoredText}</p>}
    </section>
  );
}
