import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  foldGutter,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { type Extension, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** YAML colours from CSS variables, so both themes keep 4.5:1 contrast (base.css). */
const themedHighlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName), tags.keyword], color: 'var(--syntax-key)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--syntax-atom)' },
  { tag: [tags.comment, tags.meta], color: 'var(--syntax-comment)', fontStyle: 'italic' },
]);

/** Marks a line range (a policy or rule the user clicked) until the next request. */
export const highlightLines = StateEffect.define<{ from: number; to: number } | null>();

const highlightedLine = Decoration.line({ class: 'cm-reachlab-highlight' });

const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(highlightLines)) continue;
      if (!effect.value) {
        next = Decoration.none;
        continue;
      }
      const ranges = [];
      const doc = transaction.state.doc;
      const first = doc.lineAt(effect.value.from).number;
      const last = doc.lineAt(effect.value.to).number;
      for (let n = first; n <= last; n++) ranges.push(highlightedLine.range(doc.line(n).from));
      next = Decoration.set(ranges);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Everything one source editor needs: YAML, line numbers, folding, history, lint gutter, search. */
export function editorExtensions(onChange: () => void): Extension[] {
  return [
    lineNumbers(),
    foldGutter(),
    lintGutter(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    indentOnInput(),
    bracketMatching(),
    highlightSelectionMatches(),
    syntaxHighlighting(themedHighlight),
    yaml(),
    highlightField,
    keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap, ...searchKeymap]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange();
    }),
    // Tab indents; Escape then Tab moves focus on (CodeMirror's tab-focus convention, said in the hint).
    EditorView.contentAttributes.of({ 'aria-label': 'Manifest source', 'aria-describedby': 'editor-keys' }),
  ];
}
