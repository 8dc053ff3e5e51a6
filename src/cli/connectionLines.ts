import {
  type Analysis,
  type ConnectionEntry,
  type ConnectionSkips,
  visitConnections,
} from '../engine/index.ts';
import { ByteWriter } from './byteWriter.ts';
import type { Output } from './output.ts';
import { Pieces } from './pieces.ts';

/**
 * How a connlist format writes a pair: the text for its source, then the text for its
 * destination with the set (ids are the evaluation's: equal ids, equal sets). The two make one
 * entry, and each is made once per workload or per destination and set.
 */
export interface PairFormat {
  from(name: string): string;
  to(name: string, id: number): string;
  /** An external entry's whole text; `first` when nothing was written before it. */
  external(entry: ConnectionEntry, first: boolean): string;
  /** Leading bytes the very first entry leaves out of its source's text (a separator). */
  firstSkips?: number;
}

/** Destination-and-set pieces kept at most; past it, a rare pair is written in three copies. */
const MAX_PIECES = 200_000;

/**
 * Streams every allowed connection in connlist order through a format. There are millions of
 * pairs but few workloads and sets: the pieces are encoded once each, and a pair is two byte
 * copies into the writer's chunk (no string, object or buffer made per pair).
 *
 * @param skipsFor what to leave out, given a `write` for summary lines placed in order
 * @returns how many entries were written
 */
export function writeConnectionLines(
  { model, reach }: Analysis,
  out: Output,
  format: PairFormat,
  skipsFor: (write: (text: string) => void) => ConnectionSkips = () => ({}),
): number {
  const writer = new ByteWriter(out);
  const pieces = new Pieces();
  const names = model.workloads.map((w) => w.id);
  const fromPieces = names.map((name) => pieces.encode(format.from(name)));
  // A destination mostly gets the same set as from the source before (95% in generated
  // clusters): its last piece is at hand, the others in a map by set and destination.
  const lastId = new Int32Array(names.length).fill(-1);
  const lastPiece: Uint8Array[] = names.map(() => new Uint8Array(0));
  const toPieces = new Map<number, Uint8Array>();
  let count = 0;
  visitConnections(
    model,
    reach,
    {
      pair: (a, b, id) => {
        const from = fromPieces[a] as Uint8Array;
        writer.bytes(count++ === 0 && format.firstSkips ? from.subarray(format.firstSkips) : from);
        if (lastId[b] === id) {
          writer.bytes(lastPiece[b] as Uint8Array);
          return;
        }
        const key = id * names.length + b;
        let piece = toPieces.get(key);
        if (piece === undefined) {
          const text = format.to(names[b] as string, id);
          if (toPieces.size >= MAX_PIECES) {
            writer.text(text);
            return;
          }
          piece = pieces.encode(text);
          toPieces.set(key, piece);
        }
        lastId[b] = id;
        lastPiece[b] = piece;
        writer.bytes(piece);
      },
      external: (entry) => writer.text(format.external(entry, count++ === 0)),
    },
    skipsFor((text) => writer.text(text)),
  );
  writer.flush();
  return count;
}
