import type { LineIndex } from './lineIndex.ts';
import type { PositionMap } from './positions.ts';

/**
 * Most nodes one document may expand to through aliases. js-yaml shares aliased nodes instead of
 * copying them, so parsing itself stays cheap, but every reader that walks or prints the value
 * pays for the full expansion: nine nested aliases in 500 bytes expand to 10^9 nodes.
 */
export const ALIAS_NODE_BUDGET = 100_000;

/** Thrown from the listener to stop js-yaml as soon as a document's aliases go over budget. */
export class AliasBudgetExceeded extends Error {
  constructor(
    /** Offset of the alias that went over, in the whole source. */
    readonly offset: number,
    readonly budget: number,
  ) {
    super(`aliases expand to more than ${budget} nodes`);
  }
}

type ListenerState = { position: number; result: unknown; anchor?: string | null };

/**
 * A js-yaml listener for one document that (1) records the source range of every mapping and
 * sequence and the offset of every mapping key, so diagnostics are located by lookup instead of
 * by scanning text, and (2) counts the expanded size of the document as aliases resolve, throwing
 * {@link AliasBudgetExceeded} past `budget` nodes.
 */
export function documentListener(
  text: string,
  offset: number,
  lines: LineIndex,
  positions: PositionMap,
  budget = ALIAS_NODE_BUDGET,
) {
  // Stacks as parallel arrays (no object per node): js-yaml calls this for every scalar too.
  let starts = new Float64Array(64);
  let sizes = new Float64Array(64);
  const keys: ((string | number)[] | undefined)[] = [];
  let depth = 0;
  // Only anchored nodes can come back through an alias, so only they are remembered.
  const anchoredSizes = new Map<unknown, number>();
  let expanded = 0;
  return (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      if (depth === starts.length) {
        const grownStarts = new Float64Array(depth * 2);
        grownStarts.set(starts);
        starts = grownStarts;
        const grownSizes = new Float64Array(depth * 2);
        grownSizes.set(sizes);
        sizes = grownSizes;
      }
      starts[depth] = lines.skipBlank(offset + state.position);
      sizes[depth] = 0;
      keys[depth] = undefined;
      depth++;
      return;
    }
    if (depth === 0) return;
    depth--;
    const start = starts[depth] as number;
    const result = state.result;
    let size = 1 + (sizes[depth] as number);
    const isObject = typeof result === 'object' && result !== null;
    const known = isObject && anchoredSizes.size > 0 ? anchoredSizes.get(result) : undefined;
    if (known !== undefined) {
      // Seen before: this node is an alias, and it brings its whole expansion again.
      size = known;
      expanded += known;
      if (expanded > budget) throw new AliasBudgetExceeded(start, budget);
    } else if (isObject) {
      if (typeof state.anchor === 'string') anchoredSizes.set(result, size);
      positions.record(result, start, offset + state.position, keys[depth]);
    }
    if (depth === 0) return;
    const parent = depth - 1;
    sizes[parent] = (sizes[parent] as number) + size;
    if ((typeof result === 'string' || typeof result === 'number') && isKeyEnd(text, state.position)) {
      let list = keys[parent];
      if (!list) {
        list = [];
        keys[parent] = list;
      }
      list.push(result, start);
    }
  };
}

/** True when the scalar that ends at `position` is followed by `:` (so it is a mapping key). */
function isKeyEnd(text: string, position: number): boolean {
  let i = position;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.charCodeAt(i) === 58;
}
