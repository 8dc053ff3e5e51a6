/** A growable set of small non-negative integers (class ids), 32 per word. */
export class Bitset {
  words: Uint32Array;

  constructor(capacity = 64) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(capacity / 32)));
  }

  static of(capacity: number, members: Iterable<number>): Bitset {
    const set = new Bitset(capacity);
    for (const m of members) set.add(m);
    return set;
  }

  add(i: number): void {
    const w = i >>> 5;
    if (w >= this.words.length) this.grow(w + 1);
    this.words[w] = (this.words[w] ?? 0) | (1 << (i & 31));
  }

  delete(i: number): void {
    const w = i >>> 5;
    if (w < this.words.length) this.words[w] = (this.words[w] ?? 0) & ~(1 << (i & 31));
  }

  has(i: number): boolean {
    const w = i >>> 5;
    return w < this.words.length && ((this.words[w] ?? 0) & (1 << (i & 31))) !== 0;
  }

  /** In place: this = this AND other. */
  and(other: Bitset): this {
    for (let w = 0; w < this.words.length; w++) this.words[w] = (this.words[w] ?? 0) & (other.words[w] ?? 0);
    return this;
  }

  /** In place: this = this OR other. */
  or(other: Bitset): this {
    if (other.words.length > this.words.length) this.grow(other.words.length);
    for (let w = 0; w < other.words.length; w++) this.words[w] = (this.words[w] ?? 0) | (other.words[w] ?? 0);
    return this;
  }

  /** In place: this = this AND NOT other. */
  andNot(other: Bitset): this {
    const n = Math.min(this.words.length, other.words.length);
    for (let w = 0; w < n; w++) this.words[w] = (this.words[w] ?? 0) & ~(other.words[w] ?? 0);
    return this;
  }

  clone(): Bitset {
    const copy = new Bitset(0);
    copy.words = this.words.slice();
    return copy;
  }

  isEmpty(): boolean {
    return this.words.every((w) => w === 0);
  }

  /** Calls `fn` for each member in increasing order. */
  forEach(fn: (i: number) => void): void {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w] ?? 0;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        fn(w * 32 + bit);
        word &= word - 1;
      }
    }
  }

  private grow(words: number): void {
    const next = new Uint32Array(Math.max(words, this.words.length * 2));
    next.set(this.words);
    this.words = next;
  }
}
