import {
  applyOverrides,
  buildModel,
  type ClusterModel,
  explainPair,
  type IpRange,
  type LabelOverride,
  type PairExplanation,
  parseSources,
  Reachability,
  type Source,
} from '../engine/index.ts';
import { buildSnapshot, type Snapshot } from '../views/snapshot.ts';

/**
 * The engine behind the interface, one per Worker: it keeps the parsed model of the current
 * sources and the last evaluation, so an edit of labels re-evaluates incrementally and unchanged
 * sources are not parsed again.
 */
export class AnalysisSession {
  private sourcesKey: string | undefined;
  private baseModel: ClusterModel | undefined;
  private model: ClusterModel | undefined;
  private reach: Reachability | undefined;

  analyze(sources: readonly Source[], overrides: readonly LabelOverride[]): Snapshot {
    const key = sources.map((s) => `${s.name}\u0000${s.text}`).join('\u0001');
    if (key !== this.sourcesKey || !this.baseModel) {
      const parsed = parseSources(sources);
      this.baseModel = buildModel(parsed.objects, parsed.diagnostics);
      this.sourcesKey = key;
      this.reach = undefined;
    }
    const model = applyOverrides(this.baseModel, overrides);
    const started = performance.now();
    const { reach, incremental } = Reachability.update(this.reach, model);
    const evaluateMs = performance.now() - started;
    this.model = model;
    this.reach = reach;
    return buildSnapshot(model, this.baseModel, reach, { evaluateMs, incremental });
  }

  explain(from: string | IpRange, to: string | IpRange): PairExplanation | undefined {
    return this.model ? explainPair(this.model, from, to) : undefined;
  }
}
