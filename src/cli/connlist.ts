import { type Analysis, formatConnectionSet, listConnections, toContractAllowed } from '../engine/index.ts';
import type { CommandResult } from './main.ts';

/** `connlist`: every allowed connection, as text lines or as the conformance JSON contract. */
export function runConnlist(analysis: Analysis, json: boolean): CommandResult {
  const entries = listConnections(analysis.model, analysis.reach);
  if (json) {
    const connections = entries.map((e) => ({ from: e.from, to: e.to, allowed: toContractAllowed(e.set) }));
    return { stdout: `${JSON.stringify({ connections })}\n`, stderr: '', status: 0 };
  }
  const lines = entries.map(
    (e) =>
      `${e.from} => ${e.to} : ${formatConnectionSet(e.set) === 'all' ? 'All Connections' : formatConnectionSet(e.set)}`,
  );
  return {
    stdout: lines.length ? `${lines.join('\n')}\n` : '',
    stderr: lines.length ? '' : 'reachlab: no connection is allowed\n',
    status: 0,
  };
}
