/** Offsets of line starts in a text, for turning character offsets into 1-based line numbers. */
export class LineIndex {
  /** Offsets where lines start, in a typed array (a 100,000-line source is 400 KB, not 100,000 boxed numbers). */
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    let starts = new Int32Array(Math.max(16, (text.length >> 5) + 1));
    let count = 1;
    // indexOf scans for the newline natively, far faster than a charCodeAt loop over every character.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (count === starts.length) {
        const grown = new Int32Array(count * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = i + 1;
    }
    this.starts = starts.subarray(0, count);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of a character offset. */
  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column of a character offset. */
  columnOf(offset: number): number {
    return offset - (this.starts[this.lineOf(offset) - 1] ?? 0) + 1;
  }

  /** Text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }

  /** Offset of the first non-blank character at or after `offset` (skips spaces, newlines and comments). */
  skipBlank(offset: number): number {
    const text = this.text;
    let i = offset;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      // space, tab, newline, carriage return; '#' starts a comment to the end of the line
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 35) {
        while (i < text.length && text.charCodeAt(i) !== 10) i++;
      } else break;
    }
    return i;
  }

  /** Offset of the last non-blank character before `offset`. */
  skipBlankBack(offset: number): number {
    let i = Math.min(offset, this.text.length) - 1;
    while (i > 0) {
      const c = this.text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i--;
      else break;
    }
    return Math.max(i, 0);
  }
}
