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

interface Frame {
  start: number;
  /** Expanded size of the children closed so far. */
  size: number;
  /** The mapping keys seen among the children, with their offsets: `[key, offset, ...]`. */
  keys: (string | number)[] | undefined;
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
  const frames: Frame[] = [];
  // Only anchored nodes can come back through an alias, so only they are remembered.
  const anchoredSizes = new Map<unknown, number>();
  let expanded = 0;
  return (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      frames.push({ start: lines.skipBlank(offset + state.position), size: 0, keys: undefined });
      return;
    }
    const frame = frames.pop();
    if (!frame) return;
    const result = state.result;
    let size = 1 + frame.size;
    const isObject = typeof result === 'object' && result !== null;
    const known = isObject && anchoredSizes.size > 0 ? anchoredSizes.get(result) : undefined;
    if (known !== undefined) {
      // Seen before: this node is an alias, and it brings its whole expansion again.
      size = known;
      expanded += known;
      if (expanded > budget) throw new AliasBudgetExceeded(frame.start, budget);
    } else if (isObject) {
      if (typeof state.anchor === 'string') anchoredSizes.set(result, size);
      positions.record(result, frame.start, offset + state.position, frame.keys);
    }
    const parent = frames[frames.length - 1];
    if (!parent) return;
    parent.size += size;
    if ((typeof result === 'string' || typeof result === 'number') && isKeyEnd(text, state.position)) {
      parent.keys ??= [];
      parent.keys.push(result, frame.start);
    }
  };
}

/** True when the scalar that ends at `position` is followed by `:` (so it is a mapping key). */
function isKeyEnd(text: string, position: number): boolean {
  let i = position;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.charCodeAt(i) === 58;
}
