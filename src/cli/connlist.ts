import {
  type Analysis,
  formatConnectionSet,
  listConnections,
  toContractAllowed,
  toContractConditions,
  toContractOther,
} from '../engine/index.ts';
import type { CommandResult } from './main.ts';

/** `connlist`: every allowed connection, as text lines or as the conformance JSON contract. */
export function runConnlist(analysis: Analysis, json: boolean): CommandResult {
  const entries = listConnections(analysis.model, analysis.reach);
  if (json) {
    const connections = entries.map((e) => {
      const entry: Record<string, unknown> = { from: e.from, to: e.to, allowed: toContractAllowed(e.set) };
      const other = toContractOther(e.set);
      if (other) entry.otherProtocols = other;
      // Ports allowed only for some requests (L7 rules, external authorizers), and for which.
      const conditions = toContractConditions(e.set);
      if (conditions.length > 0) entry.conditional = conditions;
      return entry;
    });
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
