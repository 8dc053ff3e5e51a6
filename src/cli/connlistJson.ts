import {
  type Analysis,
  type ConnectionSet,
  toContractAllowed,
  toContractConditions,
  toContractOther,
} from '../engine/index.ts';
import { type PairFormat, writeConnectionLines } from './connectionLines.ts';
import type { Output } from './output.ts';

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

/**
 * `connlist --json`: the conformance contract, one entry per line, streamed: each entry is a
 * workload's `,\n{"from":…,"to":` and a destination's `"…",<fields of the set>`.
 *
 * @returns how many entries were written
 */
export function writeConnlistJson(analysis: Analysis, out: Output): number {
  const rests: string[] = [];
  const restOfId = (id: number) => {
    let rest = rests[id];
    if (rest === undefined) {
      rest = restOf(analysis.reach.table.get(id));
      rests[id] = rest;
    }
    return rest;
  };
  const format: PairFormat = {
    from: (name) => `,\n{"from":${JSON.stringify(name)},"to":`,
    to: (name, id) => `${JSON.stringify(name)},${restOfId(id)}`,
    external: (e, first) =>
      `${first ? '\n' : ',\n'}{"from":${JSON.stringify(e.from)},"to":${JSON.stringify(e.to)},${e.id === undefined ? restOf(e.set) : restOfId(e.id)}`,
    // The first entry has no comma before it.
    firstSkips: 1,
  };
  out.write('{"connections": [');
  const count = writeConnectionLines(analysis, out, format);
  out.write('\n]}\n');
  return count;
}
