import type { LineIndex } from './lineIndex.ts';
import { PositionMap, type RecordPositions } from './positions.ts';

/** Marks "no key" in the key chains. */
export const NO_KEY = -1;
function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/**
 * Where the mappings and sequences of one source were parsed, and where each mapping's keys
 * are written, filled by the YAML listener as nodes close. Columns of typed arrays, indexed by
 * node number: recording a node costs a slot in one array and three integer writes, with no
 * object per node and no hashing of the parsed object, which is what made positions cost as
 * much as parsing itself. Node offsets are kept raw (where js-yaml stood when the node opened);
 * blanks and comments before a node are skipped only when its position is asked for.
 *
 * A key is kept as the span of its spelling (`name` or `"name"`), read back from the text on
 * lookup: holding on to a string per key kept hundreds of thousands of strings alive that the
 * garbage collector then copied. Only a key whose spelling differs from its value (escapes,
 * numbers, an anchor or a tag in front, blanks before its colon) keeps its value.
 */
export class PositionRecorder {
  private readonly nodes: object[] = [];
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  /** Each mapping's last key, the head of a chain through {@link keyPrevious}. */
  private lastKeys = new Int32Array(1024);
  private keyCount = 0;
  private keyStarts = new Int32Array(1024);
  private keyEnds = new Int32Array(1024);
  private keyPrevious = new Int32Array(1024);
  /** Values of the keys whose spelling is not their value, by key number. */
  private readonly keyValues = new Map<number, string | number>();
  private readonly text: string;

  constructor(readonly lines: LineIndex) {
    this.text = lines.text;
  }

  /** Nodes recorded so far: a document's nodes are those recorded between two counts. */
  get count(): number {
    return this.nodes.length;
  }

  /** Records that `node` spans raw offsets `start` to `end`, with `lastKey` from {@link recordKey}. */
  recordNode(node: object, start: number, end: number, lastKey: number): void {
    const i = this.nodes.length;
    // js-yaml closes a document's root twice (the collection, then the node around it): the
    // first, which holds the keys, is the one to keep.
    if (i > 0 && this.nodes[i - 1] === node) return;
    if (i === this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
      this.lastKeys = grown(this.lastKeys);
    }
    this.nodes.push(node);
    this.starts[i] = start;
    this.ends[i] = end;
    this.lastKeys[i] = lastKey;
  }

  /**
   * Records mapping key `value`, whose node opened at raw offset `start` and ends at `end`,
   * after the mapping's key `previous`; returns its number.
   */
  recordKey(value: string | number, start: number, end: number, previous: number): number {
    const i = this.keyCount++;
    if (i === this.keyStarts.length) {
      this.keyStarts = grown(this.keyStarts);
      this.keyEnds = grown(this.keyEnds);
      this.keyPrevious = grown(this.keyPrevious);
    }
    this.keyPrevious[i] = previous;
    this.keyEnds[i] = end;
    const at = this.lines.skipBlank(start);
    this.keyStarts[i] = at;
    if (typeof value !== 'string' || !isSpelledAt(this.text, value, at, end)) this.keyValues.set(i, value);
    return i;
  }

  /**
   * Positions of the nodes recorded from count `from` to count `to` (one document's); with
   * `recordLater`, the document was parsed with its root alone recorded, and the rest is recorded
   * on the first question about anything else.
   */
  view(from = 0, to = this.count, recordLater?: RecordPositions): PositionMap {
    return new PositionMap(this, from, to, recordLater);
  }

  /**
   * Hands the nodes recorded from `from` to `to` for `parsedAgain` (a second parse of the same
   * text) over to the matching objects of `original`, walking both trees side by side, so that
   * lookups by the objects callers hold find them.
   */
  adopt(from: number, to: number, original: unknown, parsedAgain: unknown): void {
    const numbers = this.indexNodes(from, to);
    const walk = (mine: unknown, theirs: unknown): void => {
      if (typeof mine !== 'object' || mine === null || typeof theirs !== 'object' || theirs === null) return;
      const i = numbers.get(theirs);
      if (i !== undefined) {
        // Already handed over: an alias met again (or a cycle through one).
        if (this.nodes[i] === mine) return;
        this.nodes[i] = mine;
      }
      if (Array.isArray(mine) && Array.isArray(theirs)) {
        const length = Math.min(mine.length, theirs.length);
        for (let k = 0; k < length; k++) walk(mine[k], theirs[k]);
      } else if (!Array.isArray(mine) && !Array.isArray(theirs)) {
        const a = mine as Record<string, unknown>;
        const b = theirs as Record<string, unknown>;
        for (const key of Object.keys(b)) if (Object.hasOwn(a, key)) walk(a[key], b[key]);
      }
    };
    walk(original, parsedAgain);
  }

  nodeAt(i: number): object | undefined {
    return this.nodes[i];
  }

  /** Number of the first node in `[from, to)` that is `node`, or -1. */
  find(node: object, from: number, to: number): number {
    const nodes = this.nodes;
    for (let i = from; i < to; i++) if (nodes[i] === node) return i;
    return -1;
  }

  /** Index of the nodes in `[from, to)`, the first recording of a node winning. */
  indexNodes(from: number, to: number): Map<object, number> {
    const index = new Map<object, number>();
    for (let i = to - 1; i >= from; i--) index.set(this.nodes[i] as object, i);
    return index;
  }

  start(i: number): number {
    return this.lines.skipBlank(this.starts[i] as number);
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  /** Offset of `key` in mapping node `i`, scanning its key chain; `undefined` when absent. */
  keyOffset(i: number, key: string): number | undefined {
    let found: number | undefined;
    for (let k = this.lastKeys[i] as number; k !== NO_KEY; k = this.keyPrevious[k] as number) {
      // The chain runs from the last key back: keep going so the first written key wins.
      if (this.keyIs(k, key)) found = this.keyStarts[k];
    }
    return found;
  }

  /** Keys of mapping node `i` and their offsets, or `undefined` when it has at most `limit` keys. */
  indexKeys(i: number, limit: number): Map<string, number> | undefined {
    let count = 0;
    for (let k = this.lastKeys[i] as number; k !== NO_KEY; k = this.keyPrevious[k] as number) count++;
    if (count <= limit) return undefined;
    const index = new Map<string, number>();
    for (let k = this.lastKeys[i] as number; k !== NO_KEY; k = this.keyPrevious[k] as number) {
      index.set(this.keyName(k), this.keyStarts[k] as number);
    }
    return index;
  }

  private keyIs(k: number, key: string): boolean {
    const value = this.keyValues.get(k);
    if (value !== undefined) return String(value) === key;
    const start = this.keyStarts[k] as number;
    const end = this.keyEnds[k] as number;
    return isQuote(this.text.charCodeAt(start))
      ? end - start === key.length + 2 && this.text.startsWith(key, start + 1)
      : end - start === key.length && this.text.startsWith(key, start);
  }

  private keyName(k: number): string {
    const value = this.keyValues.get(k);
    if (value !== undefined) return String(value);
    const start = this.keyStarts[k] as number;
    const end = this.keyEnds[k] as number;
    return isQuote(this.text.charCodeAt(start))
      ? this.text.slice(start + 1, end - 1)
      : this.text.slice(start, end);
  }
}

function isQuote(c: number): boolean {
  return c === DOUBLE_QUOTE || c === SINGLE_QUOTE;
}

/** Whether the text from `start` to `end` is `value` itself (a plain key) or `value` in quotes with nothing escaped. */
function isSpelledAt(text: string, value: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (isQuote(first)) {
    return (
      end - start === value.length + 2 &&
      text.charCodeAt(end - 1) === first &&
      text.startsWith(value, start + 1)
    );
  }
  return end - start === value.length && text.startsWith(value, start);
}
