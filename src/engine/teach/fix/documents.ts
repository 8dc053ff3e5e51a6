import yaml from 'js-yaml';
import { type ParsedObject, parseSources, type Source } from '../../parse/parseSources.ts';
import { splitDocuments } from '../../parse/splitDocuments.ts';

/** A manifest object a fix can change in place: a whole document of one source. */
export interface EditableObject {
  source: string;
  doc: number;
  value: Record<string, unknown>;
}

/** A change to the manifests: replace a document with new YAML, or add one. */
export type DocumentEdit =
  | { kind: 'replace'; source: string; doc: number; value: Record<string, unknown> }
  | { kind: 'add'; source: string; value: Record<string, unknown> };

/** Objects of the manifests that fill a whole document (List items cannot be rewritten alone). */
export function editableObjects(sources: readonly Source[]): EditableObject[] {
  return parseSources(sources)
    .objects.filter((o: ParsedObject) => o.pathPrefix === '')
    .map((o) => ({ source: o.ref.source, doc: o.ref.doc, value: o.value }));
}

/** Finds an object by kind, namespace and name (no namespace means `default`). */
export function findObject(
  objects: readonly EditableObject[],
  kinds: readonly string[],
  namespace: string | undefined,
  name: string,
): EditableObject | undefined {
  return objects.find((o) => {
    const metadata = (o.value.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    const ns = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
    return (
      kinds.includes(String(o.value.kind)) &&
      metadata.name === name &&
      (namespace === undefined || ns === namespace)
    );
  });
}

/** The YAML a fix shows and writes for one object. */
export function toYaml(value: unknown): string {
  return yaml.dump(value, { lineWidth: -1, noRefs: true, sortKeys: false });
}

/**
 * Applies document edits to sources: replaced documents are rewritten in place (the `---` line
 * and the other documents keep their text and comments), added ones are appended to their source.
 */
export function applyEdits(sources: readonly Source[], edits: readonly DocumentEdit[]): Source[] {
  const names = new Set(sources.map((s) => s.name));
  const created = [
    ...new Set(edits.filter((e) => e.kind === 'add' && !names.has(e.source)).map((e) => e.source)),
  ];
  const all = [...sources, ...created.map((name) => ({ name, text: '' }))];
  return all.map((source) => {
    const mine = edits.filter((e) => e.source === source.name);
    if (mine.length === 0) return source;
    let text = source.text;
    const replacements = mine.filter((e) => e.kind === 'replace');
    const pieces = splitDocuments(text).filter((p) => replacements.some((r) => r.doc === p.number));
    for (const piece of [...pieces].sort((a, b) => b.offset - a.offset)) {
      const edit = replacements.find((r) => r.doc === piece.number);
      if (!edit) continue;
      const original = text.slice(piece.offset, piece.offset + piece.text.length);
      const marker = /^---[^\n]*\n/.exec(original)?.[0] ?? '';
      text = `${text.slice(0, piece.offset)}${marker}${toYaml(edit.value)}${text.slice(piece.offset + piece.text.length)}`;
    }
    for (const edit of mine) {
      if (edit.kind !== 'add') continue;
      const separator = text === '' ? '' : `${text.endsWith('\n') ? '' : '\n'}---\n`;
      text = `${text}${separator}${toYaml(edit.value)}`;
    }
    return { ...source, text };
  });
}

/** Names of sources written as JSON (a new document cannot be appended to them as YAML). */
export function jsonSourceNames(sources: readonly Source[]): Set<string> {
  return new Set(sources.filter((s) => /^\s*[[{]/.test(s.text)).map((s) => s.name));
}

/** All sources as one multi-document YAML text (what `fix --output` writes). */
export function joinSources(sources: readonly Source[]): string {
  return sources
    .map((s) => `# source: ${s.name}\n${s.text.replace(/^---\s*\n/, '')}`)
    .map((t) => (t.endsWith('\n') ? t : `${t}\n`))
    .join('---\n');
}
