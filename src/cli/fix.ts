import { writeFileSync } from 'node:fs';
import { formatConnectionSet, type Source } from '../engine/index.ts';
import { describeRequest, joinSources, parsePortQuestion, proposeFixes } from '../engine/teach/index.ts';
import type { CommandResult } from './main.ts';

export interface FixOptions {
  want: string | undefined;
  port: string | undefined;
  output: string | undefined;
}

/**
 * `fix FROM TO FILE|DIR... --want allowed|denied [--port PORT[/PROTOCOL]] [--output FILE]`: the
 * smallest verified changes that give the pair the wanted verdict, as YAML, with side effects.
 * `--output` writes the whole manifest set with the first proposal applied.
 */
export function runFix(
  sources: readonly Source[],
  from: string,
  to: string,
  options: FixOptions,
  json: boolean,
): CommandResult {
  if (options.want !== 'allowed' && options.want !== 'denied')
    return { stdout: '', stderr: 'reachlab: fix needs --want allowed or --want denied\n', status: 2 };
  const question = options.port === undefined ? {} : parsePortQuestion(options.port);
  if ('error' in question) return { stdout: '', stderr: `reachlab: --port: ${question.error}\n`, status: 2 };
  const request = { from, to, want: options.want, question } as const;
  const result = proposeFixes(sources, request);
  if (result.error) return { stdout: '', stderr: `reachlab: ${result.error}\n`, status: 2 };
  const text = (set: Parameters<typeof formatConnectionSet>[0]) => {
    const t = formatConnectionSet(set);
    return t === 'all' ? 'All Connections' : t === 'none' ? 'nothing' : t;
  };
  if (result.alreadyHolds) {
    if (options.output) writeFileSync(options.output, joinSources(sources));
    return {
      stdout: `# ${describeRequest(request)}: it already is; nothing to change\n`,
      stderr: '',
      status: 0,
    };
  }
  if (result.proposals.length === 0)
    return {
      stdout: '',
      stderr: `reachlab: no verified change found for: ${describeRequest(request)}\n`,
      status: 1,
    };
  if (options.output) writeFileSync(options.output, joinSources(result.proposals[0]?.sources ?? sources));
  if (json) {
    const out = result.proposals.map((p) => ({
      kind: p.kind,
      summary: p.summary,
      documents: p.documents,
      sideEffects: p.sideEffects.map((c) => ({
        from: c.from,
        to: c.to,
        before: text(c.before),
        after: text(c.after),
      })),
    }));
    return { stdout: `${JSON.stringify({ request, proposals: out })}\n`, stderr: '', status: 0 };
  }
  const lines = [
    `# ${describeRequest(request)}`,
    `# ${result.proposals.length} verified proposal(s), smallest first`,
  ];
  for (const [i, p] of result.proposals.entries()) {
    lines.push(`# --- proposal ${i + 1} (${p.kind}): ${p.summary}`);
    if (p.sideEffects.length === 0) lines.push('# side effects: none (no other pair changes)');
    else {
      lines.push(`# side effects: ${p.sideEffects.length} other pair(s) change`);
      for (const c of p.sideEffects.slice(0, 10))
        lines.push(`#   ${c.from} => ${c.to} : ${text(c.before)} -> ${text(c.after)}`);
      if (p.sideEffects.length > 10) lines.push(`#   ... and ${p.sideEffects.length - 10} more`);
    }
    for (const doc of p.documents) lines.push('---', doc.trimEnd());
  }
  if (options.output) lines.push(`# wrote ${options.output} with proposal 1 applied`);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', status: 0 };
}
