/** Where something came from: a source (file name), a document in it, and a 1-based line range. */
export interface SourceRef {
  source: string;
  /** 1-based document number within the source. */
  doc: number;
  line: number;
  endLine: number;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem found in the input. `path` is the field path inside the document
 * (`spec.ingress[0].from[1]`) when the problem is about one field.
 */
export interface Diagnostic {
  severity: Severity;
  source: string;
  doc: number;
  line: number;
  column: number;
  path?: string;
  /** Plain-language message that says what is wrong and what to do. */
  message: string;
  /**
   * Stable identifier of the kind of problem (`yaml-syntax`, `invalid-label-key`, ...), for
   * filtering and tests; the message may be reworded, the code stays.
   */
  code: string;
  /** True when the problem made the engine drop an object (the CLI exits 1 for these). */
  dropsObject: boolean;
}

/** Formats a diagnostic as `file:line:col: severity: [document N, path:] message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path ? `document ${d.doc}, ${d.path}: ` : `document ${d.doc}: `;
  return `${d.source}:${d.line}:${d.column}: ${d.severity}: ${where}${d.message}`;
}

/** Longest piece of user text quoted in a message. */
const CLIP_LENGTH = 60;

/**
 * User text as it may appear in a message: cut to its first 60 characters, with its length, so
 * a 100 KB label key gives a one-line message.
 */
export function clip(text: string, max = CLIP_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
