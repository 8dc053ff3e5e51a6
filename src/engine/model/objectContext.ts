import { clip, type Diagnostic, type Severity, type SourceRef } from '../diagnostics.ts';
import type { ParsedObject } from '../parse/parseSources.ts';
import type { Location } from '../parse/positions.ts';

/** Problems of one code listed per document; the rest are counted, so a bad file stays readable. */
export const DIAGNOSTICS_PER_KIND = 100;

interface KindCount {
  reported: number;
  elided: number;
  /** The one diagnostic that stands for the elided ones, once there are any. */
  summary?: Diagnostic;
}

/** Per diagnostics list (one per analysis): how many of each document's codes were reported. */
const countsByList = new WeakMap<Diagnostic[], Map<string, KindCount>>();

function elisionCounts(diagnostics: Diagnostic[]): Map<string, KindCount> {
  let counts = countsByList.get(diagnostics);
  if (!counts) {
    counts = new Map();
    countsByList.set(diagnostics, counts);
  }
  return counts;
}

/** Narrows to a plain mapping (not null, not an array). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function asArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Own property of a mapping (never an inherited one such as `constructor`). */
export function field(record: Record<string, unknown> | undefined, key: string): unknown {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Reading one parsed object: knows its source, and turns problems into diagnostics that name
 * the document, the field path and the field's line.
 */
export class ObjectContext {
  constructor(
    readonly object: ParsedObject,
    private readonly diagnostics: Diagnostic[],
  ) {}

  get source(): string {
    return this.object.ref.source;
  }

  /** Source range of a node of this object; the object's own range when unknown. */
  refOf(node: unknown): SourceRef {
    const range = this.object.positions.rangeOf(node);
    return range ? { ...this.object.ref, ...range } : this.object.ref;
  }

  /** Line of `key` in mapping `parent`, or of the parent itself. */
  lineOf(parent: unknown, key?: string): number {
    return this.locate(parent, key).line;
  }

  /** Line and column of `key` in mapping `parent`, or of the parent, or of the object. */
  locate(parent: unknown, key?: string): Location {
    const positions = this.object.positions;
    const location = key === undefined ? positions.locationOf(parent) : positions.locationOfKey(parent, key);
    return location ?? { line: this.object.ref.line, column: 1 };
  }

  lineText(line: number): string {
    return this.object.positions.lineText(line);
  }

  /**
   * Reports a problem at `path` (relative to the object), located at `key` inside `parent`.
   * `code` names the kind of problem; without one it is `invalid-field` (or `dropped-object` when
   * the problem drops the object). Past {@link DIAGNOSTICS_PER_KIND} problems of one code in one
   * document, the rest are counted in a single "elided" diagnostic.
   */
  report(
    severity: Severity,
    parent: unknown,
    key: string | undefined,
    path: string,
    message: string,
    dropsObject = false,
    code: string = dropsObject ? 'dropped-object' : 'invalid-field',
  ): void {
    const { source, doc } = this.object.ref;
    const counts = elisionCounts(this.diagnostics);
    const countKey = `${doc}\u0000${code}\u0000${source}`;
    let count = counts.get(countKey);
    if (!count) {
      count = { reported: 0, elided: 0 };
      counts.set(countKey, count);
    }
    if (count.reported >= DIAGNOSTICS_PER_KIND) {
      count.elided += 1;
      if (!count.summary) {
        const { line, column } = this.locate(parent, key);
        count.summary = { severity, source, doc, line, column, message: '', code: 'elided', dropsObject };
        this.diagnostics.push(count.summary);
      }
      if (severity === 'error') count.summary.severity = 'error';
      count.summary.dropsObject ||= dropsObject;
      count.summary.message = `${withThousands(count.elided)} more \`${code}\` problems in this document are not listed (only the first ${DIAGNOSTICS_PER_KIND} are); fix those and read the file again`;
      return;
    }
    count.reported += 1;
    const { line, column } = this.locate(parent, key);
    this.diagnostics.push({
      severity,
      source,
      doc,
      line,
      column,
      path: `${this.object.pathPrefix}${path}`,
      message,
      code,
      dropsObject,
    });
  }

  /** `kind namespace/name` for messages. */
  describe(): string {
    const meta = asRecord(field(this.object.value, 'metadata'));
    const name = asString(field(meta, 'name')) ?? '(unnamed)';
    return `${clip(String(field(this.object.value, 'kind')))} ${clip(name)}`;
  }
}

/** 19900 -> "19,900", without the cost of toLocaleString on every elided problem. */
function withThousands(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}
