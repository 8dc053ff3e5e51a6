import type { Snapshot } from './snapshot.ts';

export interface ConnectionDiff {
  opened: string[];
  closed: string[];
  changed: string[];
}

/** `from->to` key of a connection, the same in the graph, the matrix and diffs. */
export const edgeKey = (from: string, to: string): string => `${from}->${to}`;

/**
 * What changed between two snapshots: pairs that became reachable, pairs that no longer are, and
 * pairs whose allowed ports changed. Self pairs count too: a workload's replicas talk to each other.
 */
export function diffConnections(before: Snapshot, after: Snapshot): ConnectionDiff {
  const index = (s: Snapshot) =>
    new Map([...s.connections, ...s.externalConnections].map((c) => [edgeKey(c.from, c.to), c.ports]));
  const a = index(before);
  const b = index(after);
  const diff: ConnectionDiff = { opened: [], closed: [], changed: [] };
  for (const [key, ports] of b) {
    const old = a.get(key);
    if (old === undefined) diff.opened.push(key);
    else if (old !== ports) diff.changed.push(key);
  }
  for (const key of a.keys()) if (!b.has(key)) diff.closed.push(key);
  return diff;
}

/** "2 connections opened, 1 closed" (parts with zero left out). */
export function describeDiff(diff: ConnectionDiff): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (diff.opened.length) parts.push(`${plural(diff.opened.length, 'connection')} opened`);
  if (diff.closed.length) {
    // "2 connections opened, 1 closed" reads better than repeating the noun.
    parts.push(
      diff.opened.length
        ? `${diff.closed.length} closed`
        : `${plural(diff.closed.length, 'connection')} closed`,
    );
  }
  if (diff.changed.length) parts.push(`${plural(diff.changed.length, 'connection')} changed ports`);
  return parts.length ? parts.join(', ') : 'no connection changed';
}
