import { buildModel } from './model/buildModel.ts';
import type { ClusterModel } from './model/types.ts';
import { applyOverrides, type Override } from './overrides/applyOverrides.ts';
import { parseSources, type Source } from './parse/parseSources.ts';
import { Reachability } from './reach/reachability.ts';
import { withAssumedComponents } from './routes/assumedComponents.ts';
import { applyEnforcement } from './routes/settings.ts';
import { validateObjects } from './schema/validateObject.ts';
import { DEFAULT_SETTINGS, type EngineSettings, sameSettings } from './settings.ts';
import { applyGhosts, type Ghost } from './teach/ghosts.ts';

/** What the pipeline takes besides the sources. Everything is optional. */
export interface AnalyzeOptions {
  settings?: EngineSettings;
  /** What-if label edits, applied to a copy of the model. */
  overrides?: readonly Override[];
  /** What-if pods ("ghosts"), added to the copy before the label edits so those can edit them. */
  ghosts?: readonly Ghost[];
  /**
   * Add assumed components the graph needs: an ingress controller when the model has Ingresses
   * and none runs (`controller`), kube-dns when none runs (`dns`).
   */
  assume?: { controller: boolean; dns: boolean };
  /** A previous result for the same sources: parsing and model are reused, evaluation is incremental. */
  previous?: Analysis;
  /** Clock for the timings (tests pass a fake). */
  now?: () => number;
}

export interface Analysis {
  /** The model as evaluated: with what-if edits, assumed components and the plugin's enforcement. */
  model: ClusterModel;
  reach: Reachability;
  /** The model as read from the sources, before edits. */
  base: ClusterModel;
  /** The model with what-if edits (what findings and probes look at). */
  edited: ClusterModel;
  settings: EngineSettings;
  /** Notes to show beside every view: enforcement, assumed components. */
  notes: string[];
  /** False when the network plugin enforces no policy (Flannel alone). */
  enforced: boolean;
  /** Whether the evaluation reused the previous one. */
  incremental: boolean;
  /** Milliseconds spent in each step. */
  timings: { parse: number; model: number; evaluate: number };
  /** Identity of the sources, to know when `previous` can be reused. */
  sourcesKey: string;
  /** The sources as given (the same list again needs no key: 3 MB of text joined per edit). */
  sources: readonly Source[];
}

/**
 * The one pipeline every caller runs (the CLI, the Web Worker, the tests): parse, model, what-if
 * edits, assumed components, enforcement, evaluation. Never throws: problems are in
 * `model.diagnostics`.
 */
export function analyze(sources: readonly Source[], options: AnalyzeOptions = {}): Analysis {
  const now = options.now ?? monotonicNow;
  const sourcesKey =
    options.previous?.sources === sources
      ? options.previous.sourcesKey
      : sources.map((s) => `${s.name}\u0000${s.text}`).join('\u0001');
  const reuse = options.previous && options.previous.sourcesKey === sourcesKey ? options.previous : undefined;
  // Equal settings as the same object, so the evaluation below can be reused (see sameSettings).
  const given = options.settings ?? DEFAULT_SETTINGS;
  const settings = reuse && sameSettings(reuse.settings, given) ? reuse.settings : given;
  const t0 = now();
  // The mesh settings shape how Istio policies compile (trust domain, root namespace).
  let base = reuse && sameMeshSettings(reuse.settings, settings) ? reuse.base : undefined;
  let t1 = t0;
  if (!base) {
    const built = modelFromSources(sources, now, settings);
    base = built.model;
    t1 = t0 + built.timings.parse;
  }
  const t2 = now();
  const withGhosts = options.ghosts?.length ? applyGhosts(base, options.ghosts) : base;
  const edited = applyOverrides(withGhosts, options.overrides ?? []);
  const wanted = options.assume && {
    controller: options.assume.controller && edited.ingresses.length > 0,
    dns: options.assume.dns,
  };
  const assumed = wanted ? withAssumedComponents(edited, settings, wanted) : { model: edited, notes: [] };
  const enforcement = applyEnforcement(assumed.model, settings);
  const previousReach = reuse && reuse.settings === settings ? reuse.reach : undefined;
  const { reach, incremental } = Reachability.update(previousReach, enforcement.model, settings);
  const t3 = now();
  return {
    model: enforcement.model,
    reach,
    base,
    edited,
    settings,
    notes: [...(enforcement.note ? [enforcement.note] : []), ...assumed.notes],
    enforced: enforcement.note === null,
    incremental,
    timings: { parse: t1 - t0, model: t2 - t1, evaluate: t3 - t2 },
    sourcesKey,
    sources,
  };
}

/**
 * Parses named sources and builds the cluster model, with the schema check of every object of a
 * known kind: the one way from text to a model. Never throws.
 */
export function modelFromSources(
  sources: readonly Source[],
  now: () => number = monotonicNow,
  settings?: EngineSettings,
): { model: ClusterModel; timings: { parse: number; model: number } } {
  const t0 = now();
  const parsed = parseSources(sources);
  const t1 = now();
  const built = buildModel(parsed.objects, parsed.diagnostics, settings);
  const schemaDiagnostics = validateObjects(parsed.objects, built.diagnostics);
  const model = { ...built, diagnostics: [...built.diagnostics, ...schemaDiagnostics] };
  return { model, timings: { parse: t1 - t0, model: now() - t1 } };
}

/** High-resolution time where the runtime has it (browsers, Workers, Node), else Date.now. */
function monotonicNow(): number {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  return clock ? clock.now() : Date.now();
}

function sameMeshSettings(a: EngineSettings, b: EngineSettings): boolean {
  return a.mesh.trustDomain === b.mesh.trustDomain && a.mesh.rootNamespace === b.mesh.rootNamespace;
}
