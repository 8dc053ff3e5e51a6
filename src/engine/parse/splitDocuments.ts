/** One YAML document cut out of a source, with where it starts. */
export interface DocumentText {
  /** 1-based number of the document within its source. */
  number: number;
  /** The document's text; separator lines are blanked so that columns and lines stay true. */
  text: string;
  /** Offset of `text` within the source. */
  offset: number;
}

const separator = /^---(?=\s|$)/;
const endMarker = /^\.\.\.\s*$/;

/**
 * Splits a multi-document YAML source at `---` and `...` lines, so that each document can be
 * parsed (and fail) on its own. JSON needs no special case: no line of JSON text can start with
 * `---` or `...` (strings never span lines), so a JSON file is one document and JSON objects
 * separated by `---` lines are one document each. Documents that hold nothing but blank lines
 * and comments are dropped; numbering counts only the remaining ones.
 */
export function splitDocuments(source: string): DocumentText[] {
  const pieces: { text: string; offset: number }[] = [];
  let start = 0;
  let offset = 0;
  let current = '';
  const lines = source.split('\n');
  for (const [i, line] of lines.entries()) {
    const withNewline = i < lines.length - 1 ? `${line}\n` : line;
    if (separator.test(line)) {
      pieces.push({ text: current, offset: start });
      start = offset;
      // `--- value` puts content on the marker line: keep it, blank only the marker.
      current = `   ${withNewline.slice(3)}`;
    } else if (endMarker.test(line)) {
      pieces.push({ text: current, offset: start });
      start = offset + withNewline.length;
      current = '';
    } else {
      current += withNewline;
    }
    offset += withNewline.length;
  }
  pieces.push({ text: current, offset: start });

  const documents: DocumentText[] = [];
  for (const piece of pieces) {
    if (isBlankDocument(piece.text)) continue;
    documents.push({ number: documents.length + 1, text: piece.text, offset: piece.offset });
  }
  return documents;
}

function isBlankDocument(text: string): boolean {
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#') && !t.startsWith('%')) return false;
  }
  return true;
}
