import type { Snapshot } from './snapshot.ts';

/**
 * Why every connection is open, when that is so: the network plugin ignores policies, or no
 * policy isolates any workload. Null when at least one workload is isolated (or there is
 * nothing to connect).
 */
export function openReason(snapshot: Snapshot | null): 'not-enforced' | 'no-policy' | null {
  if (!snapshot || snapshot.workloads.length < 2) return null;
  if (!snapshot.enforced) return 'not-enforced';
  return snapshot.workloads.some((w) => w.isolated.ingress || w.isolated.egress) ? null : 'no-policy';
}

/**
 * Whether open connections (no policy on either side) are drawn: what the user chose, else
 * the filter, else yes when nothing is isolated, since such a graph would otherwise draw no
 * arrow at all.
 */
export function showsOpen(choice: boolean | null, filterOn: boolean, snapshot: Snapshot | null): boolean {
  return choice ?? (filterOn || openReason(snapshot) !== null);
}
