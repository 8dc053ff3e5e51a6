import { type Analysis, type ClusterSettings, probe } from '../engine/index.ts';
import type { CommandResult } from './main.ts';

/** `probe FROM TARGET`: each hop of a request with its verdict and reason. */
export function runProbe(
  analysis: Analysis,
  settings: ClusterSettings,
  from: string,
  target: string,
  json: boolean,
): CommandResult {
  const outcome = probe(analysis.edited, settings, from, target);
  if (!outcome.ok) {
    return json
      ? {
          stdout: `${JSON.stringify({ verdict: 'denied', error: outcome.error, hops: [] })}\n`,
          stderr: `reachlab: ${outcome.error}\n`,
          status: 1,
        }
      : { stdout: '', stderr: `reachlab: ${outcome.error}\n`, status: 1 };
  }
  const { result } = outcome;
  if (json) {
    const hops = result.hops.map(({ from: hopFrom, to, protocol, port, verdict, reason }) => ({
      from: hopFrom,
      to,
      protocol,
      port,
      verdict,
      reason,
    }));
    return {
      stdout: `${JSON.stringify({ verdict: result.verdict, resolved: result.resolved, hops, notes: result.notes })}\n`,
      stderr: '',
      status: 0,
    };
  }
  const lines = [
    `${from} -> ${target}: ${result.verdict.toUpperCase()}`,
    `  resolves to ${result.resolved}`,
    ...result.hops.map(
      (h) =>
        `  ${h.verdict === 'allowed' ? 'allowed' : 'DENIED '} ${h.from} -> ${h.to} ${h.protocol} ${h.port}: ${h.reason}`,
    ),
    ...result.notes.map((n) => `  note: ${n}`),
  ];
  return { stdout: `${lines.join('\n')}\n`, stderr: '', status: 0 };
}
