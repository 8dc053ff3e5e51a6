import { classPairSet } from './connections.ts';
import type { Snapshot } from './snapshot.ts';

export interface ConnectionDiff {
  opened: number;
  closed: number;
  changed: number;
  /** `from->to` keys of changed edges, at most `limit` of them. */
  edges: string[];
}

/** `from->to` key of a connection, the same in the graph, the matrix and diffs. */
export const edgeKey = (from: string, to: string): string => `${from}->${to}`;

/**
 * What changed between two snapshots: pairs that became reachable, pairs that no longer are, and
 * pairs whose allowed ports changed (self pairs count: a workload's replicas talk to each other).
 * Walks typed arrays, so it is cheap enough for the worker to run after every edit.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot, limit = 500): ConnectionDiff {
  const diff: ConnectionDiff = { opened: 0, closed: 0, changed: 0, edges: [] };
  const note = (key: string) => {
    if (diff.edges.length < limit) diff.edges.push(key);
  };
  const beforeIndex = new Map(before.workloads.map((w, i) => [w.id, i]));
  const map = after.workloads.map((w) => beforeIndex.get(w.id) ?? -1);
  // Set indexes differ between snapshots: translate "after" sets to "before" ones by their text.
  const beforeSets = new Map(before.pairs.sets.map((set, i) => [set.ports, i]));
  const translated = after.pairs.sets.map((set) => beforeSets.get(set.ports) ?? -1);
  const { classOf: afterClass } = after.pairs;
  const { classOf: beforeClass } = before.pairs;
  const compare = (a: number, b: number) => {
    const beforeA = map[a] as number;
    const beforeB = map[b] as number;
    const now = classPairSet(after.pairs, afterClass[a] as number, afterClass[b] as number);
    const then =
      beforeA < 0 || beforeB < 0
        ? 0
        : classPairSet(before.pairs, beforeClass[beforeA] as number, beforeClass[beforeB] as number);
    if (translated[now] === then) return;
    if (then === 0) diff.opened++;
    else if (now === 0) diff.closed++;
    else diff.changed++;
    note(edgeKey(after.workloads[a]?.id ?? '', after.workloads[b]?.id ?? ''));
  };
  const n = after.workloads.length;
  const moved = movedWorkloads(before, after, map);
  if (moved) {
    // An incremental re-evaluation keeps the verdicts of classes that existed: only pairs with a
    // workload that changed class can differ.
    const isMoved = new Uint8Array(n);
    for (const a of moved) isMoved[a] = 1;
    for (const a of moved) for (let b = 0; b < n; b++) compare(a, b);
    for (let a = 0; a < n; a++) if (!isMoved[a]) for (const b of moved) compare(a, b);
  } else for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) compare(a, b);
  const external = (s: Snapshot) =>
    new Map(s.externalConnections.map((c) => [edgeKey(c.from, c.to), c.ports]));
  const a = external(before);
  const b = external(after);
  for (const [key, ports] of b) {
    const old = a.get(key);
    if (old === undefined) diff.opened++;
    else if (old !== ports) diff.changed++;
    else continue;
    note(key);
  }
  for (const key of a.keys()) {
    if (b.has(key)) continue;
    diff.closed++;
    note(key);
  }
  return diff;
}

/**
 * After an incremental re-evaluation of the same workloads: the workloads whose engine class
 * changed (all others keep their verdicts). Undefined when everything must be compared.
 */
function movedWorkloads(before: Snapshot, after: Snapshot, map: readonly number[]): number[] | undefined {
  if (!after.stats.incremental || before.workloads.length !== after.workloads.length) return undefined;
  const moved: number[] = [];
  for (let a = 0; a < after.workloads.length; a++) {
    const b = map[a] as number;
    if (b < 0 || before.pairs.engineClassOf[b] !== after.pairs.engineClassOf[a]) moved.push(a);
  }
  return moved;
}

/** "2 connections opened, 1 closed" (parts with zero left out). */
export function describeDiff(diff: Pick<ConnectionDiff, 'opened' | 'closed' | 'changed'>): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (diff.opened) parts.push(`${plural(diff.opened, 'connection')} opened`);
  if (diff.closed) {
    // "2 connections opened, 1 closed" reads better than repeating the noun.
    parts.push(diff.opened ? `${diff.closed} closed` : `${plural(diff.closed, 'connection')} closed`);
  }
  if (diff.changed) parts.push(`${plural(diff.changed, 'connection')} changed ports`);
  return parts.length ? parts.join(', ') : 'no connection changed';
}
