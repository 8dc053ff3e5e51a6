import type { LineIndex } from './lineIndex.ts';

/** Line range of a parsed node in its source. */
export interface LineRange {
  line: number;
  endLine: number;
}

/** A 1-based line and column. */
export interface Location {
  line: number;
  column: number;
}

/**
 * Remembers where every mapping and sequence of a parsed document sits in its source, and where
 * each mapping's keys start, keyed by the parsed object itself, so that model code can ask "which
 * line is this rule on?" without threading positions through every type. Every lookup is a map
 * access plus a binary search over line starts: no text is scanned.
 */
export class PositionMap {
  private readonly ranges = new WeakMap<object, [number, number]>();
  private readonly keyOffsets = new WeakMap<object, ReadonlyMap<string, number>>();

  constructor(private readonly lines: LineIndex) {}

  /** Records that `node` spans source offsets `start` to `end` (end exclusive). */
  record(node: object, start: number, end: number): void {
    if (!this.ranges.has(node)) this.ranges.set(node, [start, end]);
  }

  /** Records the source offset of each key of mapping `node`. */
  recordKeys(node: object, keys: ReadonlyMap<string, number>): void {
    if (!this.keyOffsets.has(node)) this.keyOffsets.set(node, keys);
  }

  /** Lines that `node` spans, if it was parsed from YAML or JSON text. */
  rangeOf(node: unknown): LineRange | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const range = this.ranges.get(node);
    if (!range) return undefined;
    const line = this.lines.lineOf(range[0]);
    const endLine = Math.max(line, this.lines.lineOf(this.lines.skipBlankBack(range[1])));
    return { line, endLine };
  }

  /** Where `node` starts, if it was parsed from text. */
  locationOf(node: unknown): Location | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const range = this.ranges.get(node);
    return range ? this.at(range[0]) : undefined;
  }

  /** Where `key` of mapping `node` is written; falls back to where the node starts. */
  locationOfKey(node: unknown, key: string): Location | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const offset = this.keyOffsets.get(node)?.get(key);
    return offset === undefined ? this.locationOf(node) : this.at(offset);
  }

  /** Line of `key` inside mapping `node`; falls back to the node's first line. */
  lineOfKey(node: unknown, key: string): number | undefined {
    return this.locationOfKey(node, key)?.line;
  }

  /** The source text of one line (for checks that need the literal spelling, such as quoting). */
  lineText(line: number): string {
    return this.lines.lineText(line);
  }

  /** The source character at `location`, or '' outside the text. */
  charAt(location: Location): string {
    return this.lines.lineText(location.line).charAt(location.column - 1);
  }

  private at(offset: number): Location {
    return { line: this.lines.lineOf(offset), column: this.lines.columnOf(offset) };
  }
}
