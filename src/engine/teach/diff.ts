import type { IpRange } from '../model/types.ts';
import {
  type ConnectionSet,
  connectionKey,
  isEmpty,
  NO_CONNECTIONS,
  subtract,
} from '../policy/connectionSet.ts';
import { formatRange } from '../policy/ipv4.ts';
import { NONE_ID } from '../reach/connectionTable.ts';
import { explainPair } from '../reach/explain.ts';
import type { Evaluated } from './endpoints.ts';

/** How a pair changed between two versions. */
export type ChangeKind = 'opened' | 'closed' | 'changed';

/** One pair whose allowed connections differ between two versions. */
export interface ConnectionChange {
  /** `namespace/name`, or an external range `a.b.c.d-e.f.g.h` as connlist prints it. */
  from: string;
  to: string;
  before: ConnectionSet;
  after: ConnectionSet;
  /** opened: nothing before; closed: nothing after; changed: ports differ. */
  kind: ChangeKind;
  /** What the new version allows that the old did not, and the reverse. */
  gained: ConnectionSet;
  lost: ConnectionSet;
}

/**
 * Every pair whose verdict differs between two evaluations: workload pairs by id (a workload
 * present on one side only counts as reaching nothing on the other), then external ranges, cut at
 * the boundaries of both versions so that differently split address spaces still line up.
 * Sorted like connlist: workload pairs first, then by from and to.
 */
export function diffEvaluations(before: Evaluated, after: Evaluated): ConnectionChange[] {
  const changes: ConnectionChange[] = [];
  const ids = [
    ...new Set([...before.model.workloads.map((w) => w.id), ...after.model.workloads.map((w) => w.id)]),
  ];
  const a = new Side(before);
  const b = new Side(after);
  for (const from of ids)
    for (const to of ids) {
      if (from === to) continue;
      const x = a.pairId(from, to);
      const y = b.pairId(from, to);
      if (a.key(x) === b.key(y)) continue;
      changes.push(change(from, to, a.set(x), b.set(y)));
    }
  const external: ConnectionChange[] = [];
  const segments = refine(before.reach.addressRanges, after.reach.addressRanges);
  for (const id of ids) {
    for (const inbound of [true, false]) {
      const idsA = a.externalIds(id, inbound);
      const idsB = b.externalIds(id, inbound);
      let run: { range: IpRange; x: number; y: number } | undefined;
      const flush = () => {
        if (!run) return;
        if (a.key(run.x) !== b.key(run.y)) {
          const name = formatRange(run.range);
          const [from, to] = inbound ? [name, id] : [id, name];
          external.push(change(from, to, a.set(run.x), b.set(run.y)));
        }
        run = undefined;
      };
      for (const segment of segments) {
        const x = segment.before < 0 || !idsA ? NONE_ID : (idsA[segment.before] ?? NONE_ID);
        const y = segment.after < 0 || !idsB ? NONE_ID : (idsB[segment.after] ?? NONE_ID);
        if (run && run.x === x && run.y === y && run.range.end + 1 === segment.range.start)
          run.range = { start: run.range.start, end: segment.range.end };
        else {
          flush();
          run = { range: segment.range, x, y };
        }
      }
      flush();
    }
  }
  const byName = (x: ConnectionChange, y: ConnectionChange) =>
    x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : 0;
  return [...changes.sort(byName), ...external.sort(byName)];
}

/** One version's connection ids, with each id's set and comparable key computed once. */
class Side {
  private readonly keys = new Map<number, string>();
  private readonly present: Set<string>;
  constructor(private readonly evaluated: Evaluated) {
    this.present = new Set(evaluated.model.workloads.map((w) => w.id));
  }
  pairId(from: string, to: string): number {
    return this.present.has(from) && this.present.has(to)
      ? this.evaluated.reach.idBetween(from, to)
      : NONE_ID;
  }
  externalIds(id: string, inbound: boolean): Uint32Array | undefined {
    if (!this.present.has(id)) return undefined;
    return this.evaluated.reach.externalIds(id)?.[inbound ? 0 : 1];
  }
  set(id: number): ConnectionSet {
    return id === NONE_ID ? NO_CONNECTIONS : this.evaluated.reach.table.get(id);
  }
  key(id: number): string {
    let key = this.keys.get(id);
    if (key === undefined) {
      key = id === NONE_ID ? connectionKey(NO_CONNECTIONS) : connectionKey(this.set(id));
      this.keys.set(id, key);
    }
    return key;
  }
}

function change(from: string, to: string, before: ConnectionSet, after: ConnectionSet): ConnectionChange {
  const kind: ChangeKind = isEmpty(before) ? 'opened' : isEmpty(after) ? 'closed' : 'changed';
  return { from, to, before, after, kind, gained: subtract(after, before), lost: subtract(before, after) };
}

/** The common refinement of two partitions of the address space, with each piece's index in both. */
function refine(
  a: readonly IpRange[],
  b: readonly IpRange[],
): { range: IpRange; before: number; after: number }[] {
  const cuts = new Set<number>();
  for (const r of [...a, ...b]) {
    cuts.add(r.start);
    if (r.end < 0xffffffff) cuts.add(r.end + 1);
  }
  const starts = [...cuts].sort((x, y) => x - y);
  const out: { range: IpRange; before: number; after: number }[] = [];
  let i = 0;
  let j = 0;
  for (const [k, start] of starts.entries()) {
    const end = k + 1 < starts.length ? (starts[k + 1] as number) - 1 : 0xffffffff;
    while (i < a.length && (a[i] as IpRange).end < start) i++;
    while (j < b.length && (b[j] as IpRange).end < start) j++;
    const inA = i < a.length && (a[i] as IpRange).start <= start ? i : -1;
    const inB = j < b.length && (b[j] as IpRange).start <= start ? j : -1;
    out.push({ range: { start, end }, before: inA, after: inB });
  }
  return out;
}

/**
 * Why a pair changed, in plain words: the verdict before and after, with the engine's reasons on
 * each side (the rule that now allows it, or the isolation that now blocks it).
 */
export function explainChange(before: Evaluated, after: Evaluated, change: ConnectionChange): string[] {
  const endpoint = (name: string): string | IpRange => {
    const [lo, hi] = name.split('-');
    if (hi !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(lo ?? '')) {
      const parse = (t: string) => t.split('.').reduce((n, part) => n * 256 + Number(part), 0);
      return { start: parse(lo as string), end: parse(hi) };
    }
    return name;
  };
  const reasons = (side: Evaluated) =>
    explainPair(side, endpoint(change.from), endpoint(change.to))?.summary ?? [
      'one side does not exist in this version',
    ];
  return [...reasons(before).map((r) => `before: ${r}`), ...reasons(after).map((r) => `after: ${r}`)];
}
