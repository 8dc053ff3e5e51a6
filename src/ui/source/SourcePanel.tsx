import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { DiagnosticsPanel } from './DiagnosticsPanel.tsx';
import { SourceTabs } from './SourceTabs.tsx';
import { useCodeMirror } from './useCodeMirror.ts';

const EMPTY: never[] = [];
const selectEditor = (s: ReachlabState) => ({
  source: s.sources.find((f) => f.id === s.activeSourceId),
  diagnostics: s.snapshot?.diagnostics ?? EMPTY,
  highlight: s.highlight,
});

const onChange = (id: string, text: string) => useStore.getState().updateSource(id, text);

/** Manifests in: tabs of sources, a YAML editor with the engine's diagnostics, the problem list. */
export function SourcePanel() {
  const { t } = useTranslation();
  const { source, diagnostics, highlight } = useStore(useShallow(selectEditor));
  const editor = useCodeMirror(source, diagnostics, highlight, onChange);
  return (
    <section className="source-panel" aria-label={t('source.label')}>
      <SourceTabs />
      <div className="editor" data-testid="source-editor" ref={editor} aria-describedby="editor-keys" />
      <p className="editor-hint" id="editor-keys" data-testid="editor-hint">
        {t('source.keyboardHint')}
      </p>
      {!source && <p className="empty-hint">{t('source.empty')}</p>}
      <DiagnosticsPanel />
    </section>
  );
}
