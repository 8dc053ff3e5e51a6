import { type Analysis, explainPair, type IpRange } from '../engine/index.ts';
import type { CommandResult } from './main.ts';

/** `explain FROM TO`: the verdict for one pair in plain language (or JSON). */
export function runExplain(
  analysis: Analysis,
  from: string | IpRange,
  to: string | IpRange,
  json: boolean,
): CommandResult {
  for (const endpoint of [from, to]) {
    if (typeof endpoint === 'string' && !analysis.model.workloads.some((w) => w.id === endpoint)) {
      const known = analysis.model.workloads.map((w) => w.id);
      const near = known.filter((id) => id.endsWith(`/${endpoint.split('/').pop() ?? ''}`)).slice(0, 3);
      const hint = near.length
        ? ` Did you mean ${near.join(', ')}?`
        : endpoint.includes('/')
          ? ''
          : ' Workloads are written namespace/name.';
      return { stdout: '', stderr: `reachlab: no workload ${endpoint} in the input.${hint}\n`, status: 2 };
    }
  }
  const explanation = explainPair(analysis, from, to);
  if (!explanation)
    return { stdout: '', stderr: 'reachlab: FROM and TO cannot both be external addresses\n', status: 2 };
  // With a plugin that enforces nothing, say so beside the verdict, not only on stderr.
  const summary = analysis.enforced
    ? explanation.summary
    : [
        explanation.summary[0] ?? '',
        ...analysis.notes.map((n) => `note: ${n}`),
        ...explanation.summary.slice(1),
      ];
  if (json)
    return {
      stdout: `${JSON.stringify({ from: explanation.from, to: explanation.to, summary })}\n`,
      stderr: '',
      status: 0,
    };
  return { stdout: `${summary.join('\n')}\n`, stderr: '', status: 0 };
}
