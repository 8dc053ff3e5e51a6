import { buildModel } from './model/buildModel.ts';
import type { ClusterModel } from './model/types.ts';
import { parseSources, type Source } from './parse/parseSources.ts';
import { Reachability } from './reach/reachability.ts';
import { validateObjects } from './schema/validateObject.ts';

export interface Analysis {
  model: ClusterModel;
  reach: Reachability;
  /** Milliseconds spent in each step. */
  timings: { parse: number; model: number; evaluate: number };
}

/**
 * The whole pipeline for named sources: parse, model (with the schema check of every object of
 * a known kind), evaluate. Never throws: problems are in
 * `model.diagnostics`.
 */
export function analyze(sources: readonly Source[], now: () => number = monotonicNow): Analysis {
  const t0 = now();
  const parsed = parseSources(sources);
  const t1 = now();
  const built = buildModel(parsed.objects, parsed.diagnostics);
  const model = {
    ...built,
    diagnostics: [...built.diagnostics, ...validateObjects(parsed.objects, built.diagnostics)],
  };
  const t2 = now();
  const reach = Reachability.evaluate(model);
  const t3 = now();
  return { model, reach, timings: { parse: t1 - t0, model: t2 - t1, evaluate: t3 - t2 } };
}

/** High-resolution time where the runtime has it (browsers, Workers, Node), else Date.now. */
function monotonicNow(): number {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  return clock ? clock.now() : Date.now();
}
