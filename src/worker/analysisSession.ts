import {
  applyEnforcement,
  applyOverrides,
  type ClusterModel,
  type ClusterSettings,
  explainPair,
  findProblems,
  type IpRange,
  type LabelOverride,
  modelFromSources,
  type PairExplanation,
  type ProbeOutcome,
  probe,
  Reachability,
  type Source,
  withAssumedComponents,
} from '../engine/index.ts';
import { diffSnapshots } from '../views/diff.ts';
import { buildSnapshot, type Snapshot } from '../views/snapshot.ts';

/**
 * The engine behind the interface, one per Worker: it keeps the parsed model of the current
 * sources and the last evaluation, so an edit of labels re-evaluates incrementally and unchanged
 * sources are not parsed again.
 */
export class AnalysisSession {
  private sourcesKey: string | undefined;
  private baseModel: ClusterModel | undefined;
  /** The model with what-if edits (what findings and probes look at). */
  private editedModel: ClusterModel | undefined;
  /** The model as evaluated: with an assumed ingress controller and the plugin's enforcement. */
  private model: ClusterModel | undefined;
  private reach: Reachability | undefined;
  private lastSnapshot: Snapshot | undefined;

  analyze(
    sources: readonly Source[],
    overrides: readonly LabelOverride[],
    settings: ClusterSettings,
  ): Snapshot {
    const key = sources.map((s) => `${s.name}\u0000${s.text}`).join('\u0001');
    if (key !== this.sourcesKey || !this.baseModel) {
      this.baseModel = modelFromSources(sources).model;
      this.sourcesKey = key;
      this.reach = undefined;
    }
    const edited = applyOverrides(this.baseModel, overrides);
    // With Ingresses, the graph shows the controller that carries their traffic (assumed if absent).
    const assumed = withAssumedComponents(edited, settings, {
      controller: edited.ingresses.length > 0,
      dns: false,
    });
    const enforced = applyEnforcement(assumed.model, settings);
    const started = performance.now();
    const { reach, incremental } = Reachability.update(this.reach, enforced.model);
    const evaluateMs = performance.now() - started;
    this.editedModel = edited;
    this.model = enforced.model;
    this.reach = reach;
    const snapshot = buildSnapshot(enforced.model, this.baseModel, reach, { evaluateMs, incremental });
    snapshot.notes = [...(enforced.note ? [enforced.note] : []), ...assumed.notes];
    snapshot.enforced = enforced.note === null;
    // The evaluation holds for the edited model too when policies are enforced (an assumed
    // controller changes nobody else's isolation).
    snapshot.findings = findProblems(edited, settings, enforced.note === null ? reach : undefined);
    if (this.lastSnapshot) snapshot.change = diffSnapshots(this.lastSnapshot, snapshot);
    this.lastSnapshot = snapshot;
    return snapshot;
  }

  explain(from: string | IpRange, to: string | IpRange): PairExplanation | undefined {
    return this.model ? explainPair(this.model, from, to) : undefined;
  }

  probe(from: string, target: string, settings: ClusterSettings): ProbeOutcome {
    if (!this.editedModel) return { ok: false, error: 'nothing is loaded yet' };
    return probe(this.editedModel, settings, from, target);
  }
}
