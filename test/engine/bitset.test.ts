import { describe, expect, it } from 'vitest';
import { Bitset } from '../../src/engine/reach/bitset.ts';

/** Members of a set, in order. */
function members(set: Bitset): number[] {
  const out: number[] = [];
  set.forEach((m) => {
    out.push(m);
  });
  return out;
}

/** Deterministic pseudo-random ids (xorshift32), so failures reproduce. */
function ids(seed: number, count: number, below: number): number[] {
  let state = seed || 1;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out.push((state >>> 0) % below);
  }
  return out;
}

// Capacity 4096: a list holds up to 64 members, so 10 members stay sparse and 1,000 go dense.
const CAPACITY = 4096;
const FORMS = [
  { name: 'sparse', count: 10 },
  { name: 'dense', count: 1000 },
];

describe('Bitset: the same answers in the sparse and the dense form', () => {
  for (const left of FORMS)
    for (const right of FORMS) {
      const a = ids(left.count, left.count, CAPACITY);
      // Half of b's members are a's: every operation has a non-trivial answer.
      const b = [...ids(right.count + 7, right.count, CAPACITY), ...a.slice(0, a.length / 2)];
      const expected = {
        and: [...new Set(a)].filter((m) => b.includes(m)).sort((x, y) => x - y),
        or: [...new Set([...a, ...b])].sort((x, y) => x - y),
        andNot: [...new Set(a)].filter((m) => !b.includes(m)).sort((x, y) => x - y),
      };
      for (const op of ['and', 'or', 'andNot'] as const)
        it(`${left.name} ${op} ${right.name}: the ${op} of the member lists`, () => {
          const set = Bitset.of(CAPACITY, a);
          const other = Bitset.of(CAPACITY, b);
          set[op](other);
          expect(members(set)).toEqual(expected[op]);
          expect(set.isEmpty()).toBe(expected[op].length === 0);
          for (const m of ids(3, 200, CAPACITY)) expect(set.has(m)).toBe(expected[op].includes(m));
          // The operand is left as it was.
          expect(members(other)).toEqual([...new Set(b)].sort((x, y) => x - y));
        });
    }

  it('a set goes dense once its list outgrows the words, and keeps every member', () => {
    const set = new Bitset(CAPACITY);
    const added = ids(5, 300, CAPACITY);
    for (const m of added) set.add(m);
    expect(set.isSparse).toBe(false);
    expect(members(set)).toEqual([...new Set(added)].sort((x, y) => x - y));
  });

  it('ids added out of order stay sorted and unique; delete removes one id', () => {
    const set = Bitset.of(CAPACITY, [9, 3, 7, 3, 1]);
    expect(set.isSparse).toBe(true);
    expect(members(set)).toEqual([1, 3, 7, 9]);
    set.delete(7);
    expect(members(set)).toEqual([1, 3, 9]);
  });

  it('a clone is independent of its original (sparse and dense)', () => {
    for (const count of [5, 500]) {
      const set = Bitset.of(CAPACITY, ids(11, count, CAPACITY));
      const copy = set.clone();
      copy.add(CAPACITY + 5);
      expect(set.has(CAPACITY + 5)).toBe(false);
      expect(copy.has(CAPACITY + 5)).toBe(true);
    }
  });

  it('a set combined with itself: AND and OR keep it, AND NOT empties it (both forms)', () => {
    for (const count of [5, 500]) {
      const expected = [...new Set(ids(17, count, CAPACITY))].sort((x, y) => x - y);
      const set = Bitset.of(CAPACITY, expected);
      expect(members(set.and(set))).toEqual(expected);
      expect(members(set.or(set))).toEqual(expected);
      expect(set.andNot(set).isEmpty()).toBe(true);
    }
  });

  it('an id beyond the capacity grows the set (a class added by a what-if edit)', () => {
    const dense = Bitset.of(64, ids(13, 60, 64));
    dense.add(1000);
    expect(dense.has(1000)).toBe(true);
    expect(Bitset.of(64, []).isEmpty()).toBe(true);
  });
});
