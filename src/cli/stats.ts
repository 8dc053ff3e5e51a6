import type { Analysis } from '../engine/index.ts';
import type { CommandResult } from './main.ts';

/** `stats`: counts and timings of one full evaluation, as one JSON object. */
export function runStats(analysis: Analysis): CommandResult {
  const { model, reach, timings } = analysis;
  const allowedPairs = reach.countAllowedPairs();
  const stats = {
    workloads: model.workloads.length,
    namespaces: model.namespaces.length,
    policies: model.policies.length,
    equivalenceClasses: reach.classCount,
    externalRanges: reach.addressRanges.length,
    allowedPairs,
    diagnostics: model.diagnostics.length,
    ms: {
      parse: round(timings.parse),
      model: round(timings.model),
      evaluate: round(timings.evaluate),
    },
  };
  return { stdout: `${JSON.stringify(stats)}\n`, stderr: '', status: 0 };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
