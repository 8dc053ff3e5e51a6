/** Offsets of line starts in a text, for turning character offsets into 1-based line numbers. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of a character offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
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
      const c = this.text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i--;
      else break;
    }
    return Math.max(i, 0);
  }
}
