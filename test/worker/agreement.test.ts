import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import {
  type ConnectionSet,
  DEFAULT_SETTINGS,
  formatConnectionSet,
  icmpOf,
  NO_CONNECTIONS,
  portsOf,
  protocolNumberOf,
  subtract,
  union,
} from '../../src/engine/index.ts';
import { connectionBetween } from '../../src/views/connections.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';
import { corpusCases, hasCorpus } from '../corpus.ts';

type Entry = {
  from: string;
  to: string;
  allowed: 'all' | { protocol: 'TCP' | 'UDP' | 'SCTP'; port?: number | string }[];
  otherProtocols?: 'all' | { allExcept: string[] } | { protocol: string; type?: number; code?: number }[];
};

/** Rebuilds a connection set from connlist's JSON, to compare with what the worker shows. */
function fromContract(entry: Entry): ConnectionSet {
  let set = NO_CONNECTIONS;
  const ports =
    entry.allowed === 'all'
      ? (['TCP', 'UDP', 'SCTP'] as const).map((protocol) => ({ protocol, port: undefined }))
      : entry.allowed;
  for (const { protocol, port } of ports) {
    const [lo, hi] = typeof port === 'string' ? port.split('-').map(Number) : [port, port];
    set = union(set, lo === undefined ? portsOf(protocol) : portsOf(protocol, lo, hi));
  }
  const everyOther = union(union(icmpOf('ICMP'), icmpOf('ICMPv6')), portsOf('IP'));
  const other = entry.otherProtocols;
  if (other === 'all') set = union(set, everyOther);
  else if (other && 'allExcept' in other) {
    let rest = everyOther;
    for (const name of other.allExcept)
      rest = subtract(rest, name === 'UDPLite' ? protocolNumberOf(136) : icmpOf('ICMP'));
    set = union(set, rest);
  } else
    for (const item of other ?? []) {
      if (item.protocol === 'ICMP' || item.protocol === 'ICMPv6')
        set = union(set, icmpOf(item.protocol, item.type, item.code));
      else set = union(set, protocolNumberOf(item.protocol === 'VRRP' ? 112 : Number(item.protocol)));
    }
  return set;
}

/** The conformance cases with a full matrix (the probe-only ones say nothing about most pairs). */
const cases = corpusCases(['cases', 'cluster-tiers']).filter(({ text }) => text.length < 400_000);

describe.skipIf(!hasCorpus)('the CLI and the web worker run one pipeline: same pair verdicts', () => {
  for (const { name, file } of cases) {
    it(name, () => {
      const cli = JSON.parse(runCli(['connlist', '--json', file]).stdout) as { connections: Entry[] };
      const session = new AnalysisSession();
      const snapshot = session.analyze(
        [{ name: file, text: readFileSync(file, 'utf8') }],
        [],
        DEFAULT_SETTINGS,
      );
      const fromCli = new Map(
        cli.connections.map((e) => [`${e.from} ${e.to}`, formatConnectionSet(fromContract(e))]),
      );
      for (const a of snapshot.workloads) {
        if (a.assumed) continue;
        for (const b of snapshot.workloads) {
          if (a === b || b.assumed) continue;
          const shown = connectionBetween(snapshot, a.id, b.id)?.ports ?? 'none';
          expect(shown, `${a.id} -> ${b.id}`).toBe(fromCli.get(`${a.id} ${b.id}`) ?? 'none');
        }
      }
    });
  }
});
