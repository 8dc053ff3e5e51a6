import { classPairSet, externalConnectionsOf } from './connections.ts';
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
  const moved = movedWorkloads(before, after, after.stats.incremental);
  if (moved) {
    // An incremental re-evaluation keeps the verdicts of classes that existed: only pairs with a
    // workload that changed class can differ.
    const isMoved = new Uint8Array(n);
    for (const a of moved) isMoved[a] = 1;
    for (const a of moved) for (let b = 0; b < n; b++) compare(a, b);
    for (let a = 0; a < n; a++) if (!isMoved[a]) for (const b of moved) compare(a, b);
  } else for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) compare(a, b);
  diffExternal(before, after, map, moved, (kind, key) => {
    diff[kind]++;
    note(key);
  });
  return diff;
}

/**
 * External connections that opened, closed or changed ports. With the same ranges, cells are
 * compared by position (only the moved workloads' after an incremental re-evaluation); otherwise
 * connections are matched by their ends.
 */
function diffExternal(
  before: Snapshot,
  after: Snapshot,
  map: readonly number[],
  moved: readonly number[] | undefined,
  count: (kind: 'opened' | 'closed' | 'changed', key: string) => void,
): void {
  const ranges = after.externalRanges;
  const sameRanges =
    ranges.length === before.externalRanges.length && ranges.every((r, i) => before.externalRanges[i] === r);
  if (!sameRanges) {
    const ports = (s: Snapshot) =>
      new Map(externalConnectionsOf(s).map((c) => [edgeKey(c.from, c.to), c.ports]));
    const a = ports(before);
    const b = ports(after);
    for (const [key, now] of b) {
      const then = a.get(key);
      if (then === undefined) count('opened', key);
      else if (then !== now) count('changed', key);
    }
    for (const key of a.keys()) if (!b.has(key)) count('closed', key);
    return;
  }
  const r = ranges.length;
  const compare = (w: number, cellsBefore: Uint16Array, cellsAfter: Uint16Array, inbound: boolean) => {
    const old = map[w] as number;
    for (let range = 0; range < r; range++) {
      const now = cellsAfter[w * r + range] as number;
      const then = old < 0 ? 0 : (cellsBefore[old * r + range] as number);
      if (now === 0 && then === 0) continue;
      const nowPorts = after.external.sets[now]?.ports;
      const thenPorts = before.external.sets[then]?.ports;
      if (now !== 0 && then !== 0 && nowPorts === thenPorts) continue;
      const id = after.workloads[w]?.id ?? '';
      const name = ranges[range] as string;
      count(
        then === 0 ? 'opened' : now === 0 ? 'closed' : 'changed',
        inbound ? edgeKey(name, id) : edgeKey(id, name),
      );
    }
  };
  const workloads = moved ?? after.workloads.map((_, w) => w);
  for (const w of workloads) {
    compare(w, before.external.inbound, after.external.inbound, true);
    compare(w, before.external.outbound, after.external.outbound, false);
  }
  if (moved) return;
  // Workloads that are gone: their external connections closed.
  const kept = new Set(map);
  for (const [old, w] of before.workloads.entries()) {
    if (kept.has(old)) continue;
    for (let range = 0; range < r; range++) {
      const name = ranges[range] as string;
      if (before.external.inbound[old * r + range]) count('closed', edgeKey(name, w.id));
      if (before.external.outbound[old * r + range]) count('closed', edgeKey(w.id, name));
    }
  }
}

/**
 * After an incremental re-evaluation of the same workloads (same ids, same order): the positions
 * of the workloads whose engine class changed; all others keep their verdicts. Undefined when
 * everything must be compared.
 */
export function movedWorkloads(
  before: Pick<Snapshot, 'workloads' | 'pairs'>,
  after: Pick<Snapshot, 'workloads' | 'pairs'>,
  incremental: boolean,
): number[] | undefined {
  if (!incremental || before.workloads.length !== after.workloads.length) return undefined;
  const moved: number[] = [];
  for (let a = 0; a < after.workloads.length; a++) {
    if (before.workloads[a]?.id !== after.workloads[a]?.id) return undefined;
    if (before.pairs.engineClassOf[a] !== after.pairs.engineClassOf[a]) moved.push(a);
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
