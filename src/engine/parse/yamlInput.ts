import type { DocumentText } from './splitDocuments.ts';

/** The text js-yaml reads for one document, and its offset in the source. */
export interface YamlInput {
  text: string;
  offset: number;
}

/**
 * What to hand js-yaml for `document`: after its `---` marker when the rest of that line is
 * blank (a blank line either way, so the same YAML), otherwise the document's own text. The
 * document's text blanks the marker by joining three spaces to the rest, and that joined string
 * is copied whole the first time anything reads it: a slice of the source is not.
 */
export function yamlInput(source: string, document: DocumentText): YamlInput {
  const { offset, text } = document;
  const end = offset + text.length;
  if (!source.startsWith('---', offset)) return { text: source.slice(offset, end), offset };
  let i = offset + 3;
  while (source.charCodeAt(i) === 32 || source.charCodeAt(i) === 9 || source.charCodeAt(i) === 13) i++;
  if (i < end && source.charCodeAt(i) !== 10) return { text, offset };
  return { text: source.slice(offset + 3, end), offset: offset + 3 };
}
