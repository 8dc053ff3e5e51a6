import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  connectionKey,
  intersect,
  NO_CONNECTIONS,
  union,
} from '../policy/connectionSet.ts';

export const NONE_ID = 0;
export const ALL_ID = 1;

/**
 * Interns connection sets as small integers so that a reachability matrix is a Uint32Array and
 * union/intersection are memoized lookups: real clusters use only a handful of distinct sets.
 */
export class ConnectionTable {
  private readonly sets: ConnectionSet[] = [NO_CONNECTIONS, ALL_CONNECTIONS];
  private readonly ids = new Map<string, number>([
    [connectionKey(NO_CONNECTIONS), NONE_ID],
    [connectionKey(ALL_CONNECTIONS), ALL_ID],
  ]);
  private readonly unions = new Map<number, number>();
  private readonly intersections = new Map<number, number>();

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
    const key = a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
    let id = this.unions.get(key);
    if (id === undefined) {
      id = this.id(union(this.get(a), this.get(b)));
      this.unions.set(key, id);
    }
    return id;
  }

  intersect(a: number, b: number): number {
    if (a === b || b === ALL_ID) return a;
    if (a === ALL_ID) return b;
    if (a === NONE_ID || b === NONE_ID) return NONE_ID;
    const key = a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
    let id = this.intersections.get(key);
    if (id === undefined) {
      id = this.id(intersect(this.get(a), this.get(b)));
      this.intersections.set(key, id);
    }
    return id;
  }
}
