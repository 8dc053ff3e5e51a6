import { type Diagnostic as EditorDiagnostic, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../engine/index.ts';
import type { EditorHighlight, SourceFile } from '../../state/types.ts';
import { editorExtensions, highlightLines } from './editorExtensions.ts';

const EDIT_BATCH_MS = 120;

/**
 * Owns one CodeMirror view. Each source keeps its own EditorState (so undo history survives tab
 * switches); edits flow to `onChange`; engine diagnostics show as underlines and gutter markers.
 */
export function useCodeMirror(
  source: SourceFile | undefined,
  diagnostics: readonly Diagnostic[],
  highlight: EditorHighlight | null,
  onChange: (id: string, text: string) => void,
) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const states = useRef(new Map<string, EditorState>());
  const activeId = useRef<string | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // Reading a large document on every keystroke is costly: edits reach the store in batches.
  const pending = useRef<{ id: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  const lastEmitted = useRef<string | null>(null);
  const flush = () => {
    const editor = view.current;
    const job = pending.current;
    if (!job || !editor) return;
    clearTimeout(job.timer);
    pending.current = null;
    const text = editor.state.doc.toString();
    lastEmitted.current = text;
    onChangeRef.current(job.id, text);
  };

  const stateFor = (file: SourceFile): EditorState => {
    const existing = states.current.get(file.id);
    if (existing && existing.doc.length === file.text.length && existing.doc.toString() === file.text)
      return existing;
    const created = EditorState.create({
      doc: file.text,
      extensions: editorExtensions(() => {
        if (pending.current) clearTimeout(pending.current.timer);
        pending.current = { id: file.id, timer: setTimeout(flush, EDIT_BATCH_MS) };
      }),
    });
    states.current.set(file.id, created);
    return created;
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is created once; flush reads refs only.
  useEffect(() => {
    if (!parent.current) return;
    view.current = new EditorView({ parent: parent.current });
    // Keyboard users can scroll a long source without entering it (axe: scrollable-region-focusable).
    view.current.scrollDOM.tabIndex = 0;
    view.current.scrollDOM.setAttribute('aria-label', 'Manifest source, scroll area');
    return () => {
      flush();
      view.current?.destroy();
      view.current = null;
    };
  }, []);

  // Switch documents when the active source (or its text, from outside the editor) changes.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (!source) {
      activeId.current = null;
      editor.setState(EditorState.create({ doc: '' }));
      return;
    }
    if (activeId.current !== null && activeId.current !== source.id)
      states.current.set(activeId.current, editor.state);
    if (activeId.current === source.id && editor.state.doc.toString() === source.text) return;
    activeId.current = source.id;
    editor.setState(stateFor(source));
  });

  useEffect(() => {
    const editor = view.current;
    if (!editor || !source) return;
    const doc = editor.state.doc;
    const own = diagnostics.filter((d) => d.source === source.name && d.line <= doc.lines);
    const marks: EditorDiagnostic[] = own.map((d) => {
      const line = doc.line(Math.max(1, d.line));
      const from = Math.min(line.to, line.from + Math.max(0, d.column - 1));
      return {
        from,
        to: Math.max(line.to, from),
        severity: d.severity === 'info' ? 'info' : d.severity,
        message: `${(d as Diagnostic & { code?: string }).code ? `[${(d as Diagnostic & { code?: string }).code}] ` : ''}${d.path ? `${d.path}: ` : ''}${d.message}`,
      };
    });
    editor.dispatch(setDiagnostics(editor.state, marks));
  }, [diagnostics, source]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || !highlight || !source || highlight.sourceId !== source.id) return;
    const doc = editor.state.doc;
    const from = doc.line(Math.min(Math.max(1, highlight.line), doc.lines)).from;
    const to = doc.line(Math.min(Math.max(1, highlight.endLine), doc.lines)).to;
    editor.dispatch({
      effects: [
        highlightLines.of({ from, to }),
        EditorView.scrollIntoView(from, { y: 'start', yMargin: 40 }),
      ],
      selection: { anchor: from },
    });
  }, [highlight, source]);

  return parent;
}
