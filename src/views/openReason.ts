import type { Snapshot } from './snapshot.ts';

/**
 * Why every connection is open, when that is so: the network plugin ignores policies, or no
 * policy selects any workload. Null when at least one workload is isolated or selected (a Calico
 * tier or an AdminNetworkPolicy that denies and passes the rest selects without isolating), or
 * there is nothing to connect.
 */
export function openReason(snapshot: Snapshot | null): 'not-enforced' | 'no-policy' | null {
  if (!snapshot || snapshot.workloads.length < 2) return null;
  if (!snapshot.enforced) return 'not-enforced';
  const selected = (w: Snapshot['workloads'][number]) =>
    w.isolated.ingress || w.isolated.egress || w.policies.ingress.length > 0 || w.policies.egress.length > 0;
  return snapshot.workloads.some(selected) ? null : 'no-policy';
}

/**
 * Whether open connections (no policy on either side) are drawn: what the user chose, else
 * the filter, else yes when nothing is isolated, since such a graph would otherwise draw no
 * arrow at all.
 */
export function showsOpen(choice: boolean | null, filterOn: boolean, snapshot: Snapshot | null): boolean {
  return choice ?? (filterOn || openReason(snapshot) !== null);
}
