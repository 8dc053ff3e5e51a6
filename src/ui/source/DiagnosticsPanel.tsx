import { useState } from 'react';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { FindingsList } from './FindingsList.tsx';

const EMPTY: never[] = [];
const selectDiagnostics = (s: ReachlabState) => s.snapshot?.diagnostics ?? EMPTY;
const selectFindingCount = (s: ReachlabState) => s.snapshot?.findings.length ?? 0;
const selectIgnored = (s: ReachlabState) => s.snapshot?.ignored;

/** Parse and model problems, and design findings, each a link to its line. */
export function DiagnosticsPanel() {
  const diagnostics = useStore(selectDiagnostics);
  const findingCount = useStore(selectFindingCount);
  const ignored = useStore(selectIgnored);
  const [tab, setTab] = useState<'problems' | 'findings'>('problems');
  const ignoredText =
    ignored && Object.keys(ignored).length
      ? `Not modelled: ${Object.entries(ignored)
          .map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`)
          .join(', ')}`
      : '';
  return (
    <section className="diagnostics" aria-label="Problems and findings" data-testid="diagnostics">
      <div className="panel-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'problems'}
          onClick={() => setTab('problems')}
        >
          Problems <span className="count">{diagnostics.length}</span>
        </button>
        <button
          type="button"
          role="tab"
          data-testid="findings-tab"
          aria-selected={tab === 'findings'}
          onClick={() => setTab('findings')}
        >
          Findings <span className="count">{findingCount}</span>
        </button>
      </div>
      {tab === 'findings' ? (
        <FindingsList />
      ) : diagnostics.length === 0 ? (
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
      {tab === 'problems' && ignoredText && <p className="muted">{ignoredText}</p>}
    </section>
  );
}
