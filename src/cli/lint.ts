import { type Analysis, type ClusterSettings, findProblems } from '../engine/index.ts';
import type { CommandResult } from './main.ts';

/** `lint`: design findings with their location and a one-line fix. Exit 1 when any is an error. */
export function runLint(analysis: Analysis, settings: ClusterSettings, json: boolean): CommandResult {
  const findings = findProblems(analysis.edited, settings, analysis.enforced ? analysis.reach : undefined);
  if (json)
    return {
      stdout: `${JSON.stringify({ findings })}\n`,
      stderr: '',
      status: findings.some((f) => f.severity === 'error') ? 1 : 0,
    };
  const lines = findings.map(
    (f) => `${f.ref.source}:${f.ref.line}: ${f.severity}: ${f.kind}: ${f.message}\n  fix: ${f.fix}`,
  );
  const summary =
    findings.length === 0 ? 'no findings' : `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  return {
    stdout: `${[...lines, summary].join('\n')}\n`,
    stderr: '',
    status: findings.some((f) => f.severity === 'error') ? 1 : 0,
  };
}
