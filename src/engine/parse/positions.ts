import type { LineIndex } from './lineIndex.ts';

/** Line range of a parsed node in its source. */
export interface LineRange {
  line: number;
  endLine: number;
}

interface NodePosition {
  start: number;
  end: number;
  /** A mapping's keys and their offsets, flat: `[key, offset, key, offset, ...]`. */
  keys?: (string | number)[];
  /** Built on the first lookup in a large mapping, so that lookups stay O(1). */
  index?: Map<string, number>;
}

/** Mappings with more keys than this get a hash index on their first key lookup. */
const LINEAR_SEARCH_KEYS = 16;

function keyOffset(position: NodePosition, key: string): number | undefined {
  const keys = position.keys ?? [];
  if (keys.length <= 2 * LINEAR_SEARCH_KEYS) {
    for (let i = 0; i < keys.length; i += 2) if (String(keys[i]) === key) return keys[i + 1] as number;
    return undefined;
  }
  if (!position.index) {
    position.index = new Map();
    for (let i = keys.length - 2; i >= 0; i -= 2) position.index.set(String(keys[i]), keys[i + 1] as number);
  }
  return position.index.get(key);
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
  // A Map, not a WeakMap: positions live exactly as long as the parsed objects, and Map is cheaper.
  private readonly ranges = new Map<object, NodePosition>();

  constructor(private readonly lines: LineIndex) {}

  /**
   * Records that `node` spans source offsets `start` to `end` (end exclusive); for a mapping,
   * `keys` lists each key and its offset, as `[key, offset, key, offset, ...]`.
   */
  record(node: object, start: number, end: number, keys?: (string | number)[]): void {
    if (!this.ranges.has(node)) this.ranges.set(node, keys ? { start, end, keys } : { start, end });
  }

  /** Lines that `node` spans, if it was parsed from YAML or JSON text. */
  rangeOf(node: unknown): LineRange | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const range = this.ranges.get(node);
    if (!range) return undefined;
    const line = this.lines.lineOf(range.start);
    const endLine = Math.max(line, this.lines.lineOf(this.lines.skipBlankBack(range.end)));
    return { line, endLine };
  }

  /** Where `node` starts, if it was parsed from text. */
  locationOf(node: unknown): Location | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const range = this.ranges.get(node);
    return range ? this.at(range.start) : undefined;
  }

  /** Where `key` of mapping `node` is written; falls back to where the node starts. */
  locationOfKey(node: unknown, key: string): Location | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const range = this.ranges.get(node);
    if (!range) return undefined;
    const offset = range.keys ? keyOffset(range, key) : undefined;
    return this.at(offset ?? range.start);
  }

  /** Line of `key` inside mapping `node`; falls back to the node's first line. */
  lineOfKey(node: unknown, key: string): number | undefined {
    return this.locationOfKey(node, key)?.line;
  }

  /** The source text of one line (for checks that need the literal spelling, such as quoting). */
  lineText(line: number): string {
    return this.lines.lineText(line);
  }

  private at(offset: number): Location {
    return { line: this.lines.lineOf(offset), column: this.lines.columnOf(offset) };
  }
}
