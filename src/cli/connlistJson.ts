import {
  type Analysis,
  type ConnectionSet,
  toContractAllowed,
  toContractConditions,
  toContractOther,
  visitConnections,
} from '../engine/index.ts';
import { ByteWriter } from './byteWriter.ts';
import type { Output } from './output.ts';
import { Pieces } from './pieces.ts';

/** A conformance JSON entry's fields after `from` and `to`. */
function contractFields(set: ConnectionSet): Record<string, unknown> {
  const fields: Record<string, unknown> = { allowed: toContractAllowed(set) };
  const other = toContractOther(set);
  if (other) fields.otherProtocols = other;
  // Ports allowed only for some requests (L7 rules, external authorizers), and for which.
  const conditions = toContractConditions(set);
  if (conditions.length > 0) fields.conditional = conditions;
  return fields;
}

/** `"allowed":…}`: an entry's JSON after its `"to"` value and comma. */
const restOf = (set: ConnectionSet) => JSON.stringify(contractFields(set)).slice(1);

/** Destination-and-set pieces kept at most; past it, a rare pair is written in three copies. */
const MAX_PIECES = 200_000;

/**
 * `connlist --json`: the conformance contract, one entry per line, streamed. There are millions
 * of pairs but few workloads and sets: each workload's `,\n{"from":…,"to":` and each
 * `"…",<fields of a set>` for a destination are encoded once, and a pair is two byte copies into
 * the writer's chunk.
 *
 * @returns how many entries were written
 */
export function writeConnlistJson({ model, reach }: Analysis, out: Output): number {
  const writer = new ByteWriter(out);
  const pieces = new Pieces();
  const names = model.workloads.map((w) => JSON.stringify(w.id));
  const fromPieces = names.map((name) => pieces.encode(`,\n{"from":${name},"to":`));
  const restPieces: Uint8Array[] = [];
  const restOfId = (id: number) => {
    let rest = restPieces[id];
    if (rest === undefined) {
      rest = pieces.encode(restOf(reach.table.get(id)));
      restPieces[id] = rest;
    }
    return rest;
  };
  // A destination mostly gets the same set as from the source before (95% in generated
  // clusters): its last piece is at hand, the others in a map by set and destination.
  const lastId = new Int32Array(names.length).fill(-1);
  const lastPiece: Uint8Array[] = names.map(() => new Uint8Array(0));
  const toPieces = new Map<number, Uint8Array>();
  let count = 0;
  writer.text('{"connections": [');
  visitConnections(model, reach, {
    pair: (a, b, id) => {
      const from = fromPieces[a] as Uint8Array;
      // The first entry has no comma before it.
      writer.bytes(count++ === 0 ? from.subarray(1) : from);
      if (lastId[b] === id) {
        writer.bytes(lastPiece[b] as Uint8Array);
        return;
      }
      const key = id * names.length + b;
      let piece = toPieces.get(key);
      if (piece === undefined) {
        if (toPieces.size >= MAX_PIECES) {
          writer.text(`${names[b]},`);
          writer.bytes(restOfId(id));
          return;
        }
        piece = pieces.join(pieces.encode(`${names[b]},`), restOfId(id));
        toPieces.set(key, piece);
      }
      lastId[b] = id;
      lastPiece[b] = piece;
      writer.bytes(piece);
    },
    external: (e) => {
      const to = JSON.stringify(e.to);
      writer.text(`${count++ === 0 ? '\n' : ',\n'}{"from":${JSON.stringify(e.from)},"to":${to},`);
      writer.bytes(e.id === undefined ? pieces.encode(restOf(e.set)) : restOfId(e.id));
    },
  });
  writer.text('\n]}\n');
  writer.flush();
  return count;
}
