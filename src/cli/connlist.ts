import { type Analysis, type ConnectionSet, formatConnectionSet } from '../engine/index.ts';
import { writeConnectionLines } from './connectionLines.ts';
import { writeConnlistJson } from './connlistJson.ts';
import type { CommandResult } from './main.ts';
import type { Output } from './output.ts';

/**
 * `connlist`: every allowed connection, as text lines or as the conformance JSON contract,
 * written as it is found (memory stays bounded however many pairs there are). In text, a pair of
 * namespaces where no policy applies to either side is one summary line unless `allPairs`.
 */
export function runConnlist(analysis: Analysis, json: boolean, out: Output, allPairs = false): CommandResult {
  if (json) {
    writeConnlistJson(analysis, out);
    return { stdout: '', stderr: '', status: 0 };
  }
  const summary = allPairs ? undefined : openSummary(analysis);
  let summaries = 0;
  const ports = portsText(analysis);
  const count = writeConnectionLines(
    analysis,
    out,
    {
      from: (name) => `${name} => `,
      to: (name, id) => `${name} : ${ports(id)}\n`,
      external: (e) => `${e.from} => ${e.to} : ${e.id === undefined ? setText(e.set) : ports(e.id)}\n`,
    },
    (write) => summary?.skips(write, () => summaries++) ?? {},
  );
  return {
    stdout: '',
    stderr: count + summaries ? '' : 'reachlab: no connection is allowed\n',
    status: 0,
  };
}

/** A set's text in connlist's lines: `All Connections` or `TCP 80,443; UDP 53`. */
export function setText(set: ConnectionSet): string {
  const words = formatConnectionSet(set);
  return words === 'all' ? 'All Connections' : words;
}

/** setText by connection id, made once per id. */
export function portsText({ reach }: Analysis): (id: number) => string {
  const texts: string[] = [];
  return (id) => {
    let text = texts[id];
    if (text === undefined) {
      text = setText(reach.table.get(id));
      texts[id] = text;
    }
    return text;
  };
}

/** Open workload pairs above which connlist's text summarises them per pair of namespaces. */
const SUMMARY_THRESHOLD = 200;

/**
 * Where no policy applies to a source's egress nor to a destination's ingress, every connection
 * between them is allowed: such pairs are one line per pair of namespaces, and such workloads'
 * external entries one line per namespace, when there are more than SUMMARY_THRESHOLD of them.
 * Pairs with a side some policy decides are still listed one by one.
 */
function openSummary({ model, reach }: Analysis) {
  const openOut = model.workloads.map((w) => reach.side(w.id, 'egress').mode === 'open');
  const openIn = model.workloads.map(
    (w) => reach.side(w.id, 'ingress').mode === 'open' && reach.meshSide(w.id).mode === 'open',
  );
  const namespaces = model.workloads.map((w) => w.namespace);
  const outCount = new Map<string, number>();
  const inCount = new Map<string, number>();
  for (const [i, ns] of namespaces.entries()) {
    if (openOut[i]) outCount.set(ns, (outCount.get(ns) ?? 0) + 1);
    if (openIn[i]) inCount.set(ns, (inCount.get(ns) ?? 0) + 1);
  }
  let openPairs = 0;
  for (const a of outCount.values()) for (const b of inCount.values()) openPairs += a * b;
  if (openPairs <= SUMMARY_THRESHOLD) return undefined;
  const bothOpen = (ns: string) =>
    model.workloads.filter((w, i) => w.namespace === ns && openOut[i] && openIn[i]).length;
  return {
    skips(write: (text: string) => void, counted: () => void) {
      const said = new Set<string>();
      const once = (key: string, line: () => string) => {
        if (said.has(key)) return;
        said.add(key);
        counted();
        write(line());
      };
      // Open sources visit only the destinations some policy decides; the open ones are summarised.
      const restricted = Int32Array.from(openIn.flatMap((open, i) => (open ? [] : [i])));
      const destinationNamespaces = [...inCount.keys()].sort();
      const summarisedFrom = new Set<string>();
      return {
        destinations: (a: number) => {
          if (!openOut[a]) return undefined;
          const from = namespaces[a] as string;
          // Workloads come sorted by namespace: the summaries are due once, at its first source.
          if (summarisedFrom.has(from)) return restricted;
          summarisedFrom.add(from);
          for (const to of destinationNamespaces)
            once(`${from}\u0000${to}`, () => {
              const pairs =
                (outCount.get(from) ?? 0) * (inCount.get(to) ?? 0) - (from === to ? bothOpen(from) : 0);
              return `${from}/* => ${to}/* : All Connections for the ${pairs} workload pairs no policy applies to (--all-pairs lists them)\n`;
            });
          return restricted;
        },
        external: (w: number, direction: 'in' | 'out') => {
          if (direction === 'out' ? !openOut[w] : !openIn[w]) return false;
          const ns = namespaces[w] as string;
          const count = (direction === 'out' ? outCount : inCount).get(ns) ?? 0;
          once(`${direction}\u0000${ns}`, () =>
            direction === 'out'
              ? `${ns}/* => 0.0.0.0-255.255.255.255 : All Connections for the ${count} workloads no egress policy applies to\n`
              : `0.0.0.0-255.255.255.255 => ${ns}/* : All Connections for the ${count} workloads no ingress policy applies to\n`,
          );
          return true;
        },
      };
    },
  };
}
