import type { LabelSelector, Labels } from '../model/types.ts';
import { Bitset } from './bitset.ts';

/**
 * Inverted index from labels to members (pod classes or namespaces), so that a selector becomes a
 * few bitset operations instead of a scan over every member.
 */
export class SelectorIndex {
  private readonly byPair = new Map<string, Bitset>();
  private readonly byKey = new Map<string, Bitset>();
  private readonly everyone: Bitset;

  constructor(
    private readonly capacity: number,
    members: readonly Labels[],
  ) {
    this.everyone = new Bitset(capacity);
    for (const [id, labels] of members.entries()) {
      this.everyone.add(id);
      for (const [key, value] of Object.entries(labels)) {
        this.bucket(this.byKey, key).add(id);
        this.bucket(this.byPair, `${key}\u0000${value}`).add(id);
      }
    }
  }

  /** Every member. */
  all(): Bitset {
    return this.everyone.clone();
  }

  /** Members the selector selects (matchLabels AND matchExpressions). */
  select(selector: LabelSelector): Bitset {
    const result = this.everyone.clone();
    for (const [key, value] of Object.entries(selector.matchLabels)) result.and(this.pair(key, value));
    for (const requirement of selector.matchExpressions) {
      const { key, operator, values } = requirement;
      if (operator === 'Exists') result.and(this.key(key));
      else if (operator === 'DoesNotExist') result.andNot(this.key(key));
      else {
        const anyValue = new Bitset(this.capacity);
        for (const value of values) anyValue.or(this.pair(key, value));
        if (operator === 'In') result.and(anyValue);
        else result.andNot(anyValue);
      }
    }
    return result;
  }

  private pair(key: string, value: string): Bitset {
    return this.byPair.get(`${key}\u0000${value}`) ?? new Bitset(this.capacity);
  }

  private key(key: string): Bitset {
    return this.byKey.get(key) ?? new Bitset(this.capacity);
  }

  private bucket(map: Map<string, Bitset>, key: string): Bitset {
    let set = map.get(key);
    if (!set) {
      set = new Bitset(this.capacity);
      map.set(key, set);
    }
    return set;
  }
}
