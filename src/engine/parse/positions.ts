import type { LineIndex } from './lineIndex.ts';

/** Line range of a parsed node in its source. */
export interface LineRange {
  line: number;
  endLine: number;
}

/**
 * Remembers where every mapping and sequence of a parsed document sits in its source, keyed by
 * the parsed object itself, so that model code can ask "which line is this rule on?" without
 * threading positions through every type.
 */
export class PositionMap {
  private readonly ranges = new WeakMap<object, [number, number]>();

  constructor(private readonly lines: LineIndex) {}

  /** Records that `node` spans source offsets `start` to `end` (end exclusive). */
  record(node: object, start: number, end: number): void {
    if (!this.ranges.has(node)) this.ranges.set(node, [start, end]);
  }

  /** Lines that `node` spans, if it was parsed from YAML or JSON text. */
  rangeOf(node: unknown): LineRange | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const range = this.ranges.get(node);
    if (!range) return undefined;
    const line = this.lines.lineOf(this.lines.skipBlank(range[0]));
    const endLine = Math.max(line, this.lines.lineOf(this.lines.skipBlankBack(range[1])));
    return { line, endLine };
  }

  /**
   * Line of `key` inside mapping `node`: the first line in the node's range that starts that key.
   * Falls back to the node's first line.
   */
  lineOfKey(node: unknown, key: string): number | undefined {
    const range = this.rangeOf(node);
    if (!range) return undefined;
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`(^|[\\s{,-])["']?${escaped}["']?\\s*:`);
    for (let line = range.line; line <= range.endLine; line++) {
      if (pattern.test(this.lines.lineText(line))) return line;
    }
    return range.line;
  }

  /** The source text of one line (for checks that need the literal spelling, such as quoting). */
  lineText(line: number): string {
    return this.lines.lineText(line);
  }
}
