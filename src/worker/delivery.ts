import type { Snapshot, WorkloadView } from '../views/snapshot.ts';

/**
 * A snapshot as it crosses from the worker to the page: whole, or, after an edit, as the previous
 * one (by serial) with the workload views that changed. At 5,000 workloads the views are most of
 * what a structured clone copies (about 70 of 100 ms), and one label toggle changes one of them.
 */
export type SnapshotDelivery =
  | { serial: number; snapshot: Snapshot }
  | {
      serial: number;
      /** The snapshot the page must hold for this delivery to apply. */
      baseSerial: number;
      /** The fields that changed; the others are the base's (`kept`). */
      rest: Partial<Omit<Snapshot, 'workloads'>>;
      kept: (keyof Snapshot)[];
      workloadCount: number;
      changed: [number, WorkloadView][];
    };

/** A snapshot the page holds, with the serial it was delivered as. */
export interface Delivered {
  serial: number;
  snapshot: Snapshot;
}

/**
 * What to send for `snapshot`, given what was sent before: only the changed views when the
 * workloads are the same ones in the same order and few changed, else everything.
 */
export function deliveryOf(
  snapshot: Snapshot,
  serial: number,
  previous: Delivered | undefined,
): SnapshotDelivery {
  const before = previous?.snapshot.workloads;
  const { workloads, ...rest } = snapshot;
  if (!previous || !before || before.length !== workloads.length) return { serial, snapshot };
  const changed: [number, WorkloadView][] = [];
  for (const [i, view] of workloads.entries()) {
    if (before[i] === view) continue;
    if (before[i]?.id !== view.id) return { serial, snapshot };
    changed.push([i, view]);
  }
  // Past a quarter of the views, sending them all is as cheap and simpler to apply.
  if (changed.length * 4 > workloads.length) return { serial, snapshot };
  // Fields the snapshot shares with the previous one (policies, routes, ... after a label edit).
  const kept: (keyof Snapshot)[] = [];
  const sent: Partial<Omit<Snapshot, 'workloads'>> = {};
  for (const key of Object.keys(rest) as (keyof typeof rest)[]) {
    if (rest[key] === previous.snapshot[key]) kept.push(key);
    else (sent as Record<string, unknown>)[key] = rest[key];
  }
  return { serial, baseSerial: previous.serial, rest: sent, kept, workloadCount: workloads.length, changed };
}

/**
 * The snapshot a delivery stands for, built on the one the page holds; undefined when the page
 * does not hold the delivery's base (the worker restarted, or a result was never shown): the page
 * then asks for the whole snapshot.
 */
export function receiveDelivery(
  delivery: SnapshotDelivery,
  held: Delivered | undefined,
): Snapshot | undefined {
  if ('snapshot' in delivery) return delivery.snapshot;
  if (!held || held.serial !== delivery.baseSerial) return undefined;
  const workloads = held.snapshot.workloads.slice();
  if (workloads.length !== delivery.workloadCount) return undefined;
  for (const [i, view] of delivery.changed) workloads[i] = view;
  const kept = Object.fromEntries(delivery.kept.map((key) => [key, held.snapshot[key]]));
  return { ...kept, ...delivery.rest, workloads } as Snapshot;
}
