import type { PositionRecorder } from './positionRecorder.ts';

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

/** Views over more nodes than this get a hash index on their first lookup; smaller ones are scanned. */
const LINEAR_SEARCH_NODES = 16;
/** Mappings with more keys than this get a hash index on their first key lookup. */
const LINEAR_SEARCH_KEYS = 16;

/** Records the positions of a document parsed without them; returns the node range they now take. */
export type RecordPositions = () => readonly [from: number, to: number];

/**
 * Remembers where every mapping and sequence of a parsed document sits in its source, and where
 * each mapping's keys start, keyed by the parsed object itself, so that model code can ask "which
 * line is this rule on?" without threading positions through every type. A lookup finds the node
 * (a short scan, or a hash index built on the first lookup in a large document) and then does a
 * binary search over line starts.
 *
 * A document that nobody is expected to ask about (a workload, say) is parsed with only its root
 * recorded, and `recordLater` records the rest on the first question about anything else: most
 * documents of a large cluster are never asked about, and recording every node of every
 * document cost a third of the parse.
 */
export class PositionMap {
  private index?: Map<object, number>;
  /** Key indexes of large mappings (undefined for small ones), by node number, built on their first key lookup. */
  private keyIndexes?: Map<number, Map<string, number> | undefined>;

  constructor(
    private readonly recorder: PositionRecorder,
    private from: number,
    private to: number,
    private recordLater?: RecordPositions,
  ) {}

  /** Lines that `node` spans, if it was parsed from YAML or JSON text. */
  rangeOf(node: unknown): LineRange | undefined {
    const i = this.numberOf(node);
    if (i < 0) return undefined;
    const lines = this.recorder.lines;
    const line = lines.lineOf(this.recorder.start(i));
    const endLine = Math.max(line, lines.lineOf(lines.skipBlankBack(this.recorder.end(i))));
    return { line, endLine };
  }

  /** Where `node` starts, if it was parsed from text. */
  locationOf(node: unknown): Location | undefined {
    const i = this.numberOf(node);
    return i < 0 ? undefined : this.at(this.recorder.start(i));
  }

  /** Where `key` of mapping `node` is written; falls back to where the node starts. */
  locationOfKey(node: unknown, key: string): Location | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    // Keys are never recorded with the root alone.
    this.complete();
    const i = this.numberOf(node);
    if (i < 0) return undefined;
    const offset = this.keyOffset(i, key);
    return this.at(offset ?? this.recorder.start(i));
  }

  /** Line of `key` inside mapping `node`; falls back to the node's first line. */
  lineOfKey(node: unknown, key: string): number | undefined {
    return this.locationOfKey(node, key)?.line;
  }

  /** The source text of one line (for checks that need the literal spelling, such as quoting). */
  lineText(line: number): string {
    return this.recorder.lines.lineText(line);
  }

  private numberOf(node: unknown): number {
    if (typeof node !== 'object' || node === null) return -1;
    // A document's root closes last: parsing asks for it once per object, and should not index.
    if (this.to > this.from && this.recorder.nodeAt(this.to - 1) === node) return this.to - 1;
    this.complete();
    if (this.to - this.from <= LINEAR_SEARCH_NODES) return this.recorder.find(node, this.from, this.to);
    this.index ??= this.recorder.indexNodes(this.from, this.to);
    return this.index.get(node) ?? -1;
  }

  private complete(): void {
    if (!this.recordLater) return;
    const [from, to] = this.recordLater();
    this.recordLater = undefined;
    this.from = from;
    this.to = to;
  }

  private keyOffset(i: number, key: string): number | undefined {
    this.keyIndexes ??= new Map();
    let index = this.keyIndexes.get(i);
    if (index === undefined && !this.keyIndexes.has(i)) {
      index = this.recorder.indexKeys(i, LINEAR_SEARCH_KEYS);
      this.keyIndexes.set(i, index);
    }
    return index ? index.get(key) : this.recorder.keyOffset(i, key);
  }

  private at(offset: number): Location {
    const lines = this.recorder.lines;
    return { line: lines.lineOf(offset), column: lines.columnOf(offset) };
  }
}
