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
  // `bodyStart` to `end` is the piece less its blanked marker, for the blank check: reading the
  // joined text would copy it.
  const pieces: { text: string; offset: number; bodyStart: number; end: number }[] = [];
  // The current document: `prefix` (the blanked marker) plus source[bodyStart, lineStart).
  let start = 0;
  let prefix = '';
  let bodyStart = 0;
  let lineStart = 0;
  while (lineStart <= source.length) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? source.length : newline;
    const next = newline < 0 ? source.length + 1 : newline + 1;
    const first = source.charCodeAt(lineStart);
    // Only lines starting with '-' or '.' can be markers: test the regex on those alone.
    if (first === 45 || first === 46) {
      const line = source.slice(lineStart, lineEnd);
      if (separator.test(line)) {
        pieces.push({
          text: prefix + source.slice(bodyStart, lineStart),
          offset: start,
          bodyStart,
          end: lineStart,
        });
        start = lineStart;
        // `--- value` puts content on the marker line: keep it, blank only the marker.
        prefix = '   ';
        bodyStart = lineStart + 3;
      } else if (endMarker.test(line)) {
        pieces.push({
          text: prefix + source.slice(bodyStart, lineStart),
          offset: start,
          bodyStart,
          end: lineStart,
        });
        start = Math.min(next, source.length);
        prefix = '';
        bodyStart = start;
      }
    }
    lineStart = next;
  }
  pieces.push({ text: prefix + source.slice(bodyStart), offset: start, bodyStart, end: source.length });

  const documents: DocumentText[] = [];
  for (const piece of pieces) {
    if (isBlankDocument(source, piece.bodyStart, piece.end)) continue;
    documents.push({ number: documents.length + 1, text: piece.text, offset: piece.offset });
  }
  return documents;
}

/** Whether `text` from `start` to `end` holds only blank lines, comments and directives (stops at the first content). */
function isBlankDocument(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    // '#' comment or '%' directive: skip to the end of the line.
    if (c === 35 || c === 37) {
      const newline = text.indexOf('\n', i);
      if (newline < 0 || newline >= end) return true;
      i = newline + 1;
      continue;
    }
    return false;
  }
  return true;
}
