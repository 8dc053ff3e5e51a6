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
 * The whole pipeline for named sources: parse, model, evaluate. Never throws: problems are in
 * `model.diagnostics`.
 */
export function analyze(sources: readonly Source[], now: () => number = monotonicNow): Analysis {
  const { model, timings } = modelFromSources(sources, now);
  const t2 = now();
  const reach = Reachability.evaluate(model);
  const t3 = now();
  return { model, reach, timings: { ...timings, evaluate: t3 - t2 } };
}

/**
 * Parses named sources and builds the cluster model, with the schema check of every object of a
 * known kind: the one way from text to a model (the CLI, the worker and the tests all use it).
 * Never throws.
 */
export function modelFromSources(
  sources: readonly Source[],
  now: () => number = monotonicNow,
): { model: ClusterModel; timings: { parse: number; model: number } } {
  const t0 = now();
  const parsed = parseSources(sources);
  const t1 = now();
  const built = buildModel(parsed.objects, parsed.diagnostics);
  const schemaDiagnostics = validateObjects(parsed.objects, built.diagnostics);
  const model = { ...built, diagnostics: [...built.diagnostics, ...schemaDiagnostics] };
  return { model, timings: { parse: t1 - t0, model: now() - t1 } };
}

/** High-resolution time where the runtime has it (browsers, Workers, Node), else Date.now. */
function monotonicNow(): number {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  return clock ? clock.now() : Date.now();
}
