import {
  type Analysis,
  type ConnectionEntry,
  forEachConnection,
  formatConnectionSet,
  toContractAllowed,
  toContractConditions,
  toContractOther,
} from '../engine/index.ts';
import type { CommandResult } from './main.ts';
import type { Output } from './output.ts';

/** One entry of the conformance JSON contract. */
export function contractEntry(e: ConnectionEntry): Record<string, unknown> {
  const entry: Record<string, unknown> = { from: e.from, to: e.to, allowed: toContractAllowed(e.set) };
  const other = toContractOther(e.set);
  if (other) entry.otherProtocols = other;
  // Ports allowed only for some requests (L7 rules, external authorizers), and for which.
  const conditions = toContractConditions(e.set);
  if (conditions.length > 0) entry.conditional = conditions;
  return entry;
}

/**
 * `connlist`: every allowed connection, as text lines or as the conformance JSON contract,
 * written as it is found (memory stays bounded however many pairs there are). In text, a pair of
 * namespaces where no policy applies to either side is one summary line unless `allPairs`.
 */
export function runConnlist(analysis: Analysis, json: boolean, out: Output, allPairs = false): CommandResult {
  const { model, reach } = analysis;
  let count = 0;
  if (json) {
    // Few distinct sets and workloads: their JSON is made once each, entries are concatenations.
    const setJson = new Map<number, string>();
    const nameJson = new Map<string, string>();
    const quoted = (name: string) => {
      let text = nameJson.get(name);
      if (text === undefined) {
        text = JSON.stringify(name);
        nameJson.set(name, text);
      }
      return text;
    };
    out.write('{"connections": [');
    forEachConnection(model, reach, (e) => {
      let rest = e.id === undefined ? undefined : setJson.get(e.id);
      if (rest === undefined) {
        const { from: _from, to: _to, ...fields } = contractEntry(e);
        rest = JSON.stringify(fields).slice(1);
        if (e.id !== undefined) setJson.set(e.id, rest);
      }
      out.write(`${count++ === 0 ? '\n' : ',\n'}{"from":${quoted(e.from)},"to":${quoted(e.to)},${rest}`);
    });
    out.write('\n]}\n');
    return { stdout: '', stderr: '', status: 0 };
  }
  const open = openNamespacePairs(analysis);
  const summarised = new Set<string>();
  const skip = allPairs
    ? undefined
    : (from: string, to: string) => {
        const key = `${from}\u0000${to}`;
        const size = open.get(key);
        if (size === undefined) return false;
        if (!summarised.has(key)) {
          summarised.add(key);
          count++;
          out.write(
            `${from}/* => ${to}/* : All Connections (no policy applies to these ${size} workload pairs; --all-pairs lists them)\n`,
          );
        }
        return true;
      };
  forEachConnection(
    model,
    reach,
    (e) => {
      count++;
      const text = formatConnectionSet(e.set);
      out.write(`${e.from} => ${e.to} : ${text === 'all' ? 'All Connections' : text}\n`);
    },
    skip,
  );
  return { stdout: '', stderr: count ? '' : 'reachlab: no connection is allowed\n', status: 0 };
}

/** Workload pairs above which an open pair of namespaces is one summary line. */
const SUMMARY_THRESHOLD = 200;

/**
 * Pairs of namespaces (`from\0to` -> number of workload pairs) where no policy applies to any
 * source's egress or any destination's ingress: every pair between them is allowed whole.
 */
function openNamespacePairs({ model, reach }: Analysis): Map<string, number> {
  const members = new Map<string, { openOut: boolean; openIn: boolean; count: number }>();
  for (const w of model.workloads) {
    const entry = members.get(w.namespace) ?? { openOut: true, openIn: true, count: 0 };
    entry.count++;
    if (reach.side(w.id, 'egress').mode !== 'open') entry.openOut = false;
    if (reach.side(w.id, 'ingress').mode !== 'open' || reach.meshSide(w.id).mode !== 'open')
      entry.openIn = false;
    members.set(w.namespace, entry);
  }
  const pairs = new Map<string, number>();
  for (const [from, a] of members)
    for (const [to, b] of members) {
      if (!a.openOut || !b.openIn) continue;
      const size = from === to ? a.count * (a.count - 1) : a.count * b.count;
      // Small blocks read better pair by pair; summaries are for blocks no one would read.
      if (size > SUMMARY_THRESHOLD) pairs.set(`${from}\u0000${to}`, size);
    }
  return pairs;
}
