import { useTranslation } from 'react-i18next';
import { useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';
import { SourceLink } from './inspector/SourceLink.tsx';

const EMPTY: never[] = [];
const selectUnsupported = (s: ReachlabState) => s.snapshot?.unsupported ?? EMPTY;

/**
 * Policies of kinds the engine does not evaluate (Linkerd, Kuma, ...): a warning above the canvas,
 * because every verdict drawn below it may be wrong where they apply.
 */
export function UnsupportedBanner() {
  const { t } = useTranslation();
  const unsupported = useStore(selectUnsupported);
  if (unsupported.length === 0) return null;
  return (
    <div className="unsupported-warning" data-testid="unsupported-warning" role="alert">
      <span aria-hidden="true">⚠ </span>
      {t('unsupported.warning', { count: unsupported.length })} (
      {unsupported.map((u, i) => (
        <span key={`${u.kind} ${u.id}`}>
          {i > 0 && ', '}
          <SourceLink at={u.ref} testId="unsupported-link">
            {u.kind} {u.apiVersion} {u.id}
          </SourceLink>
        </span>
      ))}
      ): {t(unsupported.length === 1 ? 'unsupported.ignoredOne' : 'unsupported.ignored')}
    </div>
  );
}
