import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../engine/index.ts';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { FindingsList } from './FindingsList.tsx';

const EMPTY: never[] = [];
const selectDiagnostics = (s: ReachlabState) => s.snapshot?.diagnostics ?? EMPTY;
const selectFindingCount = (s: ReachlabState) => (s.snapshot ? s.findings.length : 0);
const selectIgnored = (s: ReachlabState) => s.snapshot?.ignored;
/** The engine's stable problem code, once diagnostics carry one (e.g. `unknown-field`). */
const codeOf = (d: Diagnostic) => (d as Diagnostic & { code?: string }).code;

/** Parse and model problems, and design findings, each a link to its line. */
export function DiagnosticsPanel() {
  const { t } = useTranslation();
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
    <section className="diagnostics" aria-label={t('problems.label')} data-testid="diagnostics">
      <div className="panel-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'problems'}
          onClick={() => setTab('problems')}
        >
          {t('problems.problems')} <span className="count">{diagnostics.length}</span>
        </button>
        <button
          type="button"
          role="tab"
          data-testid="findings-tab"
          aria-selected={tab === 'findings'}
          onClick={() => setTab('findings')}
        >
          {t('problems.findings')} <span className="count">{findingCount}</span>
        </button>
      </div>
      {tab === 'findings' ? (
        <FindingsList />
      ) : diagnostics.length === 0 ? (
        <p className="muted">{t('problems.none')}</p>
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
                  {t(
                    `problems.${d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info'}`,
                  )}
                </span>{' '}
                {d.source}:{d.line}
                {d.path
                  ? ` (${t('problems.documentPath', { doc: d.doc, path: d.path })})`
                  : ` (${t('problems.document', { doc: d.doc })})`}
              </button>
              {codeOf(d) && (
                <code className="diagnostic-code" data-testid="diagnostic-code">
                  {codeOf(d)}
                </code>
              )}
              <span className="message">{d.message}</span>
            </li>
          ))}
        </ul>
      )}
      {tab === 'problems' && ignoredText && <p className="muted">{ignoredText}</p>}
    </section>
  );
}
