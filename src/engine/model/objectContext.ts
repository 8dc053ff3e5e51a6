import type { Diagnostic, Severity, SourceRef } from '../diagnostics.ts';
import type { ParsedObject } from '../parse/parseSources.ts';

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
    const line = key === undefined ? undefined : this.object.positions.lineOfKey(parent, key);
    return line ?? this.object.positions.rangeOf(parent)?.line ?? this.object.ref.line;
  }

  lineText(line: number): string {
    return this.object.positions.lineText(line);
  }

  /** Reports a problem at `path` (relative to the object), located at `key` inside `parent`. */
  report(
    severity: Severity,
    parent: unknown,
    key: string | undefined,
    path: string,
    message: string,
    dropsObject = false,
  ): void {
    const line = this.lineOf(parent, key);
    const column = Math.max(1, this.lineText(line).search(/\S/) + 1);
    this.diagnostics.push({
      severity,
      source: this.source,
      doc: this.object.ref.doc,
      line,
      column,
      path: `${this.object.pathPrefix}${path}`,
      message,
      dropsObject,
    });
  }

  /** `kind namespace/name` for messages. */
  describe(): string {
    const meta = asRecord(field(this.object.value, 'metadata'));
    const name = asString(field(meta, 'name')) ?? '(unnamed)';
    return `${String(field(this.object.value, 'kind'))} ${name}`;
  }
}
