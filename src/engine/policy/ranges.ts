/** An inclusive integer range. */
type Range = readonly [number, number];

/** Sorts and merges overlapping or adjacent ranges. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  if (ranges.length <= 1) return ranges.slice();
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Intersection of two sorted disjoint range lists. */
export function intersectRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Range;
    const y = b[j] as Range;
    const lo = Math.max(x[0], y[0]);
    const hi = Math.min(x[1], y[1]);
    if (lo <= hi) out.push([lo, hi]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

/** `a` minus `b`, both sorted and disjoint. */
export function subtractSortedRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  if (b.length === 0) return a.slice();
  const out: Range[] = [];
  let j = 0;
  for (const [lo0, hi] of a) {
    let lo = lo0;
    while (j < b.length && (b[j] as Range)[1] < lo) j++;
    let k = j;
    while (k < b.length && (b[k] as Range)[0] <= hi) {
      const [blo, bhi] = b[k] as Range;
      if (blo > lo) out.push([lo, blo - 1]);
      lo = Math.max(lo, bhi + 1);
      k++;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

/** Whether two sorted disjoint range lists are equal. */
export function sameRanges(a: readonly Range[], b: readonly Range[]): boolean {
  return a.length === b.length && a.every((r, i) => r[0] === b[i]?.[0] && r[1] === b[i]?.[1]);
}
