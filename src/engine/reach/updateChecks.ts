import type { CompiledPolicy } from '../kinds/types.ts';

/** What `Reachability.update` checks to know what an edit lets it keep. */

/** Distinct class ids among the workloads' (typed marks: a Set of 5,000 per edit cost more). */
export function countLive(classOf: ReadonlyMap<string, number>, classes: number): number {
  const seen = new Uint8Array(classes);
  let live = 0;
  for (const c of classOf.values()) {
    if (seen[c]) continue;
    seen[c] = 1;
    live++;
  }
  return live;
}

/** Same policies, by identity: the what-if layer keeps policy objects when only labels change. */
export function samePolicies(a: readonly CompiledPolicy[], b: readonly CompiledPolicy[]): boolean {
  return a.length === b.length && a.every((policy, i) => policy === b[i]);
}
