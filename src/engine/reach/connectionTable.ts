import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  connectionKey,
  DIMENSION_EXTENT,
  type Dimension,
  intersect,
  NO_CONNECTIONS,
  restrictTo,
  subtract,
  union,
} from '../policy/connectionSet.ts';

export const NONE_ID = 0;
export const ALL_ID = 1;

/** Ids below this get a dense memo table (DENSE_LIMIT² entries); real clusters stay far below. */
const DENSE_LIMIT = 512;

/**
 * Interns connection sets as small integers so that a reachability matrix is a Uint32Array and
 * union/intersection are memoized lookups: real clusters use only a handful of distinct sets.
 * The memo is a dense table indexed by both ids (no hashing in the evaluation's inner loop).
 */
export class ConnectionTable {
  private readonly sets: ConnectionSet[] = [NO_CONNECTIONS, ALL_CONNECTIONS];
  private readonly ids = new Map<string, number>([
    [connectionKey(NO_CONNECTIONS), NONE_ID],
    [connectionKey(ALL_CONNECTIONS), ALL_ID],
  ]);
  /** -1 = not computed yet. */
  private readonly denseUnion = new Int32Array(DENSE_LIMIT * DENSE_LIMIT).fill(-1);
  private readonly denseIntersect = new Int32Array(DENSE_LIMIT * DENSE_LIMIT).fill(-1);
  private readonly sparseUnion = new Map<number, number>();
  private readonly sparseIntersect = new Map<number, number>();
  private readonly subtractMemo = new Map<number, number>();
  private readonly restrictMemo = new Map<string, number>();
  private readonly meshMemo = new Map<number, number>();

  /** Number of distinct sets interned so far. */
  get size(): number {
    return this.sets.length;
  }

  id(set: ConnectionSet): number {
    const key = connectionKey(set);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.ids.set(key, id);
    }
    return id;
  }

  get(id: number): ConnectionSet {
    return this.sets[id] ?? NO_CONNECTIONS;
  }

  union(a: number, b: number): number {
    if (a === b || b === NONE_ID || a === ALL_ID) return a;
    if (a === NONE_ID || b === ALL_ID) return b;
    return this.memoized(this.denseUnion, this.sparseUnion, a, b, union);
  }

  intersect(a: number, b: number): number {
    if (a === b || b === ALL_ID) return a;
    if (a === ALL_ID) return b;
    if (a === NONE_ID || b === NONE_ID) return NONE_ID;
    return this.memoized(this.denseIntersect, this.sparseIntersect, a, b, intersect);
  }

  /** What `a` allows that `b` does not allow unconditionally. */
  subtract(a: number, b: number): number {
    if (b === NONE_ID || a === NONE_ID) return a;
    if (a === b || b === ALL_ID) return NONE_ID;
    const key = a * 0x4000000 + b;
    let id = this.subtractMemo.get(key);
    if (id === undefined) {
      id = this.id(subtract(this.get(a), this.get(b)));
      this.subtractMemo.set(key, id);
    }
    return id;
  }

  /** The same connections, allowed only when `when` holds (see restrictTo). */
  restrict(a: number, when: string): number {
    if (a === NONE_ID) return a;
    const key = `${a}\u0000${when}`;
    let id = this.restrictMemo.get(key);
    if (id === undefined) {
      id = this.id(restrictTo(this.get(a), when));
      this.restrictMemo.set(key, id);
    }
    return id;
  }

  /**
   * A mesh-layer verdict as a filter on the network verdict: the mesh decides TCP only, so every
   * other axis is let through whole.
   */
  meshFilter(a: number): number {
    let id = this.meshMemo.get(a);
    if (id === undefined) {
      const set = this.get(a);
      const filter: Record<Dimension, ConnectionSet[Dimension]> = { ...DIMENSION_EXTENT, TCP: set.TCP };
      const conditional = (set.conditional ?? []).filter((c) => c.dimension === 'TCP');
      id = this.id(conditional.length ? { ...filter, conditional } : filter);
      this.meshMemo.set(a, id);
    }
    return id;
  }

  /** Looks a symmetric operation up in its memo (dense for small ids), computing it once. */
  private memoized(
    dense: Int32Array,
    sparse: Map<number, number>,
    a: number,
    b: number,
    operation: (x: ConnectionSet, y: ConnectionSet) => ConnectionSet,
  ): number {
    if (a < DENSE_LIMIT && b < DENSE_LIMIT) {
      const slot = a * DENSE_LIMIT + b;
      let id = dense[slot] as number;
      if (id < 0) {
        id = this.id(operation(this.get(a), this.get(b)));
        dense[slot] = id;
      }
      return id;
    }
    const key = a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
    let id = sparse.get(key);
    if (id === undefined) {
      id = this.id(operation(this.get(a), this.get(b)));
      sparse.set(key, id);
    }
    return id;
  }
}
