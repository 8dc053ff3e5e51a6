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
  const { source, diagnostics, highlight } = useStore(useShallow(selectEditor));
  const editor = useCodeMirror(source, diagnostics, highlight, onChange);
  return (
    <section className="source-panel" aria-label="Manifests">
      <SourceTabs />
      <div className="editor" data-testid="source-editor" ref={editor} />
      {!source && (
        <p className="empty-hint">
          Paste manifests into a new tab, upload files, or drop a folder here. <code>helm template</code> and{' '}
          <code>kustomize build</code> output work too.
        </p>
      )}
      <DiagnosticsPanel />
    </section>
  );
}
