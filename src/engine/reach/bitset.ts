/**
 * A set of small non-negative integers (class ids) in one of two forms, chosen by size:
 *
 * - **sparse**: a sorted list of members. With distinct labels most selectors pick a handful of
 *   classes out of tens of thousands; a list costs a few bytes per member where words cost
 *   classes / 8 bytes per set, and building one word array per expression node made evaluation
 *   grow with classes × policies (mostly in the garbage collector).
 * - **dense**: 32 members per word, once the list would take more memory than the words
 *   (more than capacity / 64 members). Word-wise AND / OR stay fast for large sets.
 *
 * Operations between the two forms keep the result sparse where they can (AND with a sparse set
 * is at most that set), so a chain of selector operations allocates in proportion to the members.
 */
export class Bitset {
  /** Sorted members while sparse; null once dense. */
  private list: number[] | null = [];
  /** Member bits once dense; null while sparse. */
  private words: Uint32Array | null = null;
  /** The size of the id space the set lives in (grows with `add`): where sparse stops paying. */
  private capacity: number;

  constructor(capacity = 64) {
    this.capacity = Math.max(1, capacity);
  }

  static of(capacity: number, members: Iterable<number>): Bitset {
    const set = new Bitset(capacity);
    for (const m of members) set.add(m);
    return set;
  }

  /** Whether the set keeps a member list (cheap to copy and to intersect with). */
  get isSparse(): boolean {
    return this.list !== null;
  }

  add(i: number): void {
    if (i >= this.capacity) this.capacity = i + 1;
    const list = this.list;
    if (list) {
      const last = list.length - 1;
      // Ids mostly arrive in increasing order (indexes are built class by class).
      if (last < 0 || (list[last] as number) < i) list.push(i);
      else {
        const at = lowerBound(list, i);
        if (list[at] === i) return;
        list.splice(at, 0, i);
      }
      if (list.length > sparseLimit(this.capacity)) this.densify();
      return;
    }
    const words = this.ensureWords(i >>> 5);
    words[i >>> 5] = (words[i >>> 5] as number) | (1 << (i & 31));
  }

  delete(i: number): void {
    const list = this.list;
    if (list) {
      const at = lowerBound(list, i);
      if (list[at] === i) list.splice(at, 1);
      return;
    }
    const words = this.words as Uint32Array;
    const w = i >>> 5;
    if (w < words.length) words[w] = (words[w] as number) & ~(1 << (i & 31));
  }

  has(i: number): boolean {
    const list = this.list;
    if (list) {
      const at = lowerBound(list, i);
      return list[at] === i;
    }
    const words = this.words as Uint32Array;
    const w = i >>> 5;
    return w < words.length && ((words[w] as number) & (1 << (i & 31))) !== 0;
  }

  /** In place: this = this AND other. */
  and(other: Bitset): this {
    if (other === this) return this;
    if (this.list) {
      this.keepWhere((m) => other.has(m));
      return this;
    }
    if (other.list) {
      this.list = other.list.filter((m) => this.has(m));
      this.words = null;
      return this;
    }
    const words = this.words as Uint32Array;
    const theirs = other.words as Uint32Array;
    for (let w = 0; w < words.length; w++) words[w] = (words[w] as number) & (theirs[w] ?? 0);
    return this;
  }

  /** In place: this = this OR other. */
  or(other: Bitset): this {
    if (other === this) return this;
    if (other.capacity > this.capacity) this.capacity = other.capacity;
    if (other.list) {
      if (this.list) {
        this.list = mergeSorted(this.list, other.list);
        if (this.list.length > sparseLimit(this.capacity)) this.densify();
      } else for (const m of other.list) this.add(m);
      return this;
    }
    const theirs = other.words as Uint32Array;
    if (this.list) {
      const mine = this.list;
      this.list = null;
      this.words = theirs.slice();
      for (const m of mine) this.add(m);
      return this;
    }
    const words = this.ensureWords(theirs.length - 1);
    for (let w = 0; w < theirs.length; w++) words[w] = (words[w] as number) | (theirs[w] as number);
    return this;
  }

  /** In place: this = this AND NOT other. */
  andNot(other: Bitset): this {
    if (other === this) {
      this.list = [];
      this.words = null;
      return this;
    }
    if (this.list) {
      this.keepWhere((m) => !other.has(m));
      return this;
    }
    if (other.list) {
      for (const m of other.list) this.delete(m);
      return this;
    }
    const words = this.words as Uint32Array;
    const theirs = other.words as Uint32Array;
    const n = Math.min(words.length, theirs.length);
    for (let w = 0; w < n; w++) words[w] = (words[w] as number) & ~(theirs[w] as number);
    return this;
  }

  clone(): Bitset {
    const copy = new Bitset(this.capacity);
    copy.list = this.list ? this.list.slice() : null;
    copy.words = this.words ? this.words.slice() : null;
    return copy;
  }

  isEmpty(): boolean {
    return this.list ? this.list.length === 0 : (this.words as Uint32Array).every((w) => w === 0);
  }

  /** Calls `fn` for each member in increasing order. */
  forEach(fn: (i: number) => void): void {
    if (this.list) {
      for (const m of this.list) fn(m);
      return;
    }
    const words = this.words as Uint32Array;
    for (let w = 0; w < words.length; w++) {
      let word = words[w] as number;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        fn(w * 32 + bit);
        word &= word - 1;
      }
    }
  }

  /** Switches to words (the list has outgrown them). */
  private densify(): void {
    const list = this.list as number[];
    const words = new Uint32Array(Math.ceil(this.capacity / 32));
    for (const m of list) words[m >>> 5] = (words[m >>> 5] as number) | (1 << (m & 31));
    this.words = words;
    this.list = null;
  }

  /** Dense form's words, grown to hold word index `last`. */
  private ensureWords(last: number): Uint32Array {
    let words = this.words as Uint32Array;
    if (last >= words.length) {
      const next = new Uint32Array(Math.max(last + 1, words.length * 2));
      next.set(words);
      words = next;
      this.words = next;
    }
    return words;
  }

  /** Sparse form: drops the members `keep` rejects, in place. */
  private keepWhere(keep: (m: number) => boolean): void {
    const list = this.list as number[];
    let kept = 0;
    for (const m of list) if (keep(m)) list[kept++] = m;
    list.length = kept;
  }
}

/** Members past which a sorted list (about 8 bytes each) costs more than words (capacity / 8 bytes). */
function sparseLimit(capacity: number): number {
  return Math.max(32, capacity >>> 6);
}

/** First index in a sorted list whose value is not below `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The union of two sorted lists, sorted (`a` itself when `b` is empty). */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return a as number[];
  if (a.length === 0) return b.slice();
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x < y) {
      out.push(x);
      i++;
    } else if (y < x) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
      j++;
    }
  }
  while (i < a.length) out.push(a[i++] as number);
  while (j < b.length) out.push(b[j++] as number);
  return out;
}
