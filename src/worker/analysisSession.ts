import {
  type Analysis,
  type AnalyzeOptions,
  analyze,
  type ClusterSettings,
  explainPair,
  findProblems,
  type IpRange,
  type Override,
  type PairExplanation,
  type ProbeOutcome,
  probe,
  resolvePlugin,
  type Source,
} from '../engine/index.ts';
import { applyGhosts, type Ghost } from '../engine/teach/ghosts.ts';
import { type DenialMarker, denialMarker } from '../views/denialTier.ts';
import { diffSnapshots, edgeKey } from '../views/diff.ts';
import { buildSnapshot, type Snapshot } from '../views/snapshot.ts';

/**
 * The engine behind the interface, one per Worker: it keeps the parsed model of the current
 * sources and the last evaluation, so an edit of labels re-evaluates incrementally and unchanged
 * sources are not parsed again.
 */
export class AnalysisSession {
  private last: Analysis | undefined;
  private lastSnapshot: Snapshot | undefined;

  analyze(
    sources: readonly Source[],
    overrides: readonly Override[],
    settings: ClusterSettings,
    ghosts: readonly Ghost[] = [],
  ): Snapshot {
    const started = performance.now();
    // The same pipeline as the CLI; with Ingresses, the graph also shows the controller that
    // carries their traffic (assumed if absent).
    const options: AnalyzeOptions = { settings, overrides, ghosts, assume: { controller: true, dns: false } };
    if (this.last) options.previous = this.last;
    const analysis = analyze(sources, options);
    const evaluateMs = performance.now() - started;
    this.last = analysis;
    // Ghost pods join the model before label edits (in the pipeline), and are "as read" here.
    const snapshot = buildSnapshot(analysis.model, applyGhosts(analysis.base, ghosts), analysis.reach, {
      evaluateMs,
      incremental: analysis.incremental,
    });
    snapshot.notes = analysis.notes;
    snapshot.enforced = analysis.enforced;
    const resolved = resolvePlugin(settings, analysis.model);
    snapshot.plugin = { ...resolved.plugin, reason: resolved.reason };
    // The evaluation holds for the edited model too when policies are enforced (an assumed
    // controller changes nobody else's isolation).
    snapshot.findings = findProblems(
      analysis.edited,
      settings,
      analysis.enforced ? analysis.reach : undefined,
    );
    if (this.lastSnapshot) snapshot.change = diffSnapshots(this.lastSnapshot, snapshot);
    this.lastSnapshot = snapshot;
    return snapshot;
  }

  explain(from: string | IpRange, to: string | IpRange): PairExplanation | undefined {
    return this.last ? explainPair(this.last, from, to) : undefined;
  }

  /**
   * For the denied pairs the graph draws around a selected workload (to and from every other
   * workload): the tier that decided, where it was not a Kubernetes NetworkPolicy. Keyed by edge.
   */
  deniedBy(focus: string): Record<string, DenialMarker> {
    const analysis = this.last;
    const markers: Record<string, DenialMarker> = {};
    if (!analysis || !analysis.model.workloads.some((w) => w.id === focus)) return markers;
    for (const other of analysis.model.workloads) {
      if (other.id === focus) continue;
      for (const [from, to] of [
        [focus, other.id],
        [other.id, focus],
      ] as const) {
        const explanation = explainPair(analysis, from, to);
        const marker = explanation && denialMarker(explanation, analysis.model.tiers);
        if (marker) markers[edgeKey(from, to)] = marker;
      }
    }
    return markers;
  }

  probe(from: string, target: string, settings: ClusterSettings): ProbeOutcome {
    if (!this.last) return { ok: false, error: 'nothing is loaded yet' };
    return probe(this.last.edited, settings, from, target);
  }
}
