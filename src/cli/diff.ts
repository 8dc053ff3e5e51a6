import { analyze, formatConnectionSet, formatDiagnostic, toContractAllowed } from '../engine/index.ts';
import { diffEvaluations, explainChange } from '../engine/teach/index.ts';
import { loadSources } from './loadSources.ts';
import type { CommandResult } from './main.ts';

/**
 * `diff OLD NEW [--json]`: which pairs and ports opened or closed between two manifest sets,
 * with why. Exit 0 whether or not something changed (2 when a side has no manifests).
 */
export function runDiff(oldPath: string, newPath: string, json: boolean): CommandResult {
  const sides = [loadSources([oldPath]), loadSources([newPath])] as const;
  const errors = sides.flatMap((s) => s.errors);
  if (sides.some((s) => s.sources.length === 0))
    return {
      stdout: '',
      stderr: `${[...errors, 'reachlab: diff needs manifests on both sides'].join('\n')}\n`,
      status: 2,
    };
  const before = analyze(sides[0].sources);
  const after = analyze(sides[1].sources);
  const diagnostics = [
    ...errors,
    ...before.model.diagnostics.map(formatDiagnostic),
    ...after.model.diagnostics.map(formatDiagnostic),
  ];
  const stderr = diagnostics.length ? `${diagnostics.join('\n')}\n` : '';
  const changes = diffEvaluations(before, after);
  if (json) {
    const allowed = (set: Parameters<typeof toContractAllowed>[0]) => {
      const value = toContractAllowed(set);
      return Array.isArray(value) && value.length === 0 ? 'none' : value;
    };
    const out = changes.map((c) => ({
      from: c.from,
      to: c.to,
      before: allowed(c.before),
      after: allowed(c.after),
    }));
    return { stdout: `${JSON.stringify({ changes: out })}\n`, stderr, status: 0 };
  }
  if (changes.length === 0) return { stdout: 'no connection changed\n', stderr, status: 0 };
  const text = (s: Parameters<typeof formatConnectionSet>[0]) => {
    const t = formatConnectionSet(s);
    return t === 'all' ? 'All Connections' : t;
  };
  const lines: string[] = [];
  for (const c of changes) {
    const mark = c.kind === 'opened' ? '+ opened' : c.kind === 'closed' ? '- closed' : '~ changed';
    lines.push(`${mark}  ${c.from} => ${c.to} : ${text(c.before)} -> ${text(c.after)}`);
    for (const why of explainChange(before, after, c).slice(0, 4)) lines.push(`      ${why}`);
  }
  const count = (k: string) => changes.filter((c) => c.kind === k).length;
  lines.push(`${count('opened')} opened, ${count('closed')} closed, ${count('changed')} changed ports`);
  return { stdout: `${lines.join('\n')}\n`, stderr, status: 0 };
}
