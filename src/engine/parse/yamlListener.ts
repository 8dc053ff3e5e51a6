import type { LineIndex } from './lineIndex.ts';
import { NO_KEY, type PositionRecorder } from './positionRecorder.ts';

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
 * The stacks a listener works in, kept from one document to the next: allocating typed arrays
 * for each of thousands of small documents cost more than filling them.
 */
export class ListenerStacks {
  starts = new Int32Array(64);
  sizes = new Float64Array(64);
  lastKeys = new Int32Array(64);

  grow(): void {
    this.starts = grownInts(this.starts);
    this.lastKeys = grownInts(this.lastKeys);
    const sizes = new Float64Array(this.sizes.length * 2);
    sizes.set(this.sizes);
    this.sizes = sizes;
  }
}

/**
 * A js-yaml listener for one document that (1) records the source range of every mapping and
 * sequence and the offset of every mapping key, so diagnostics are located by lookup instead of
 * by scanning text, and (2) counts the expanded size of the document as aliases resolve, throwing
 * {@link AliasBudgetExceeded} past `budget` nodes. js-yaml calls it twice for every node, scalars
 * included, so it allocates nothing per node: stacks are parallel typed arrays and positions go
 * into the recorder's columns. Pass the same `stacks` to the listeners of a source's documents.
 */
export function documentListener(
  text: string,
  offset: number,
  lines: LineIndex,
  positions: PositionRecorder,
  budget = ALIAS_NODE_BUDGET,
  stacks = new ListenerStacks(),
) {
  let { starts, sizes, lastKeys } = stacks;
  let depth = 0;
  // Only anchored nodes can come back through an alias, so only they are remembered.
  let anchoredSizes: Map<unknown, number> | undefined;
  let expanded = 0;
  return (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      if (depth === starts.length) {
        stacks.grow();
        ({ starts, sizes, lastKeys } = stacks);
      }
      // Raw: the recorder skips the blanks before the node when a position is asked for.
      starts[depth] = offset + state.position;
      sizes[depth] = 0;
      lastKeys[depth] = NO_KEY;
      depth++;
      return;
    }
    if (depth === 0) return;
    depth--;
    const start = starts[depth] as number;
    const result = state.result;
    let size = 1 + (sizes[depth] as number);
    if (typeof result === 'object' && result !== null) {
      const known = anchoredSizes?.get(result);
      if (known !== undefined) {
        // Seen before: this node is an alias, and it brings its whole expansion again.
        size = known;
        expanded += known;
        if (expanded > budget) throw new AliasBudgetExceeded(lines.skipBlank(start), budget);
      } else {
        if (typeof state.anchor === 'string') {
          anchoredSizes ??= new Map();
          anchoredSizes.set(result, size);
        }
        positions.recordNode(result, start, offset + state.position, lastKeys[depth] as number);
      }
    }
    if (depth === 0) return;
    const parent = depth - 1;
    sizes[parent] = (sizes[parent] as number) + size;
    if ((typeof result === 'string' || typeof result === 'number') && isKeyEnd(text, state.position)) {
      lastKeys[parent] = positions.recordKey(
        result,
        start,
        offset + state.position,
        lastKeys[parent] as number,
      );
    }
  };
}

/**
 * A js-yaml listener that records a document's root alone (where {@link documentListener} would
 * record it), for a document parsed now and asked about later, if ever. Only for documents
 * without anchors: with no anchor there is no alias, so no alias budget to keep.
 */
export function rootListener(offset: number, positions: PositionRecorder) {
  let depth = 0;
  let rootStart = 0;
  let childStart = 0;
  // The last object closed just under the root: the root itself when js-yaml wraps it in a node
  // of its own (a flow collection does), in which case the inner node is the one recorded.
  let child: unknown;
  let childFrom = 0;
  let childTo = 0;
  return (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      if (depth === 0) rootStart = offset + state.position;
      else if (depth === 1) childStart = offset + state.position;
      depth++;
      return;
    }
    depth--;
    if (depth > 1) return;
    const result = state.result;
    if (typeof result !== 'object' || result === null) return;
    if (depth === 1) {
      child = result;
      childFrom = childStart;
      childTo = offset + state.position;
    } else if (result === child) positions.recordNode(result, childFrom, childTo, NO_KEY);
    else positions.recordNode(result, rootStart, offset + state.position, NO_KEY);
  };
}

function grownInts(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

/** True when the scalar that ends at `position` is followed by `:` (so it is a mapping key). */
function isKeyEnd(text: string, position: number): boolean {
  let i = position;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.charCodeAt(i) === 58;
}
