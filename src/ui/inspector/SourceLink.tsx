import type { ReactNode } from 'react';
import type { SourceRef } from '../../engine/index.ts';
import { useStore } from '../../state/store.ts';
import { t } from '../i18n/index.ts';

/** A link that opens a source at a line range and highlights it in the editor. */
export function SourceLink({
  at,
  children,
  testId,
}: {
  at: SourceRef;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className="link source-link"
      data-testid={testId}
      data-source={at.source}
      data-line={at.line}
      title={t('inspector.linesTitle', { source: at.source, line: at.line, end: at.endLine })}
      onClick={() => useStore.getState().revealLines(at.source, at.line, at.endLine)}
    >
      {children}
    </button>
  );
}
