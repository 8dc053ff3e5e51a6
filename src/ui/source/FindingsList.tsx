import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';

const EMPTY: never[] = [];
const PAGE = 100;
const selectFindings = (s: ReachlabState) => (s.snapshot ? s.findings : EMPTY);

/** Design findings, each with its location and a one-line fix. */
export function FindingsList() {
  const { t } = useTranslation();
  const findings = useStore(selectFindings);
  // Thousands of findings in a big cluster: a page of them, more on request (each edit re-renders).
  const [limit, setLimit] = useState(PAGE);
  const enforced = useStore((s) => s.snapshot?.enforced ?? true);
  if (findings.length === 0) return <p className="muted">{t('problems.noFindings')}</p>;
  return (
    <>
      {!enforced && (
        <p className="notice-strong" data-testid="findings-not-enforced">
          <span className="tag">{t('verdict.notEnforced')}</span> {t('problems.notEnforced')}
        </p>
      )}
      <ul data-testid="findings">
        {findings.slice(0, limit).map((f) => (
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
            <span className="fix">{t('problems.fix', { fix: f.fix })}</span>
          </li>
        ))}
      </ul>
      {findings.length > limit && (
        <button type="button" className="link" onClick={() => setLimit(limit + PAGE)}>
          {t('inspector.showMore', {
            n: Math.min(PAGE, findings.length - limit),
            rest: findings.length - limit,
          })}
        </button>
      )}
    </>
  );
}
