import {
  type Analysis,
  type AnalyzeOptions,
  analyze,
  type ClusterSettings,
  explainPair,
  type Finding,
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
import { connectionBetween } from '../views/connections.ts';
import { type DenialMarker, denialMarker } from '../views/denialTier.ts';
import { diffSnapshots, edgeKey } from '../views/diff.ts';
import { buildSnapshot, type Snapshot } from '../views/snapshot.ts';
import { type Delivered, deliveryOf, type SnapshotDelivery } from './delivery.ts';

/**
 * The engine behind the interface, one per Worker: it keeps the parsed model of the current
 * sources and the last evaluation, so an edit of labels re-evaluates incrementally and unchanged
 * sources are not parsed again.
 */
export class AnalysisSession {
  private last: Analysis | undefined;
  private lastSnapshot: Snapshot | undefined;
  private lastDelivered: Delivered | undefined;
  private serial = 0;

  /**
   * `analyze` for the page: the snapshot as a delivery, built on the last one delivered (see
   * worker/delivery.ts).
   */
  analyzeForPage(
    given: readonly Source[] | null,
    overrides: readonly Override[],
    settings: ClusterSettings,
    ghosts: readonly Ghost[] = [],
    compare = true,
  ): SnapshotDelivery {
    // null: the same sources as the last call (the page does not send megabytes again per edit).
    const sources = given ?? this.last?.sources;
    if (!sources) throw new Error('no sources were sent to this worker yet');
    // Findings come in a second call (findingsFor), once the new verdicts are on screen.
    const snapshot = this.analyze(sources, overrides, settings, ghosts, { findings: false, compare });
    const delivery = deliveryOf(snapshot, ++this.serial, this.lastDelivered);
    this.lastDelivered = { serial: delivery.serial, snapshot };
    return delivery;
  }

  /**
   * The design findings of the delivery `serial`, or null when a newer analysis has run since
   * (its findings are the ones to ask for): they read the evaluation, which an edit updates in place.
   */
  findingsFor(serial: number): Finding[] | null {
    const analysis = this.last;
    if (!analysis || serial !== this.lastDelivered?.serial) return null;
    return this.findingsOf(analysis);
  }

  private findingsOf(analysis: Analysis): Finding[] {
    // The evaluation holds for the edited model too when policies are enforced (an assumed
    // controller changes nobody else's isolation).
    return findProblems(analysis.edited, analysis.settings, analysis.enforced ? analysis.reach : undefined);
  }

  /** The last snapshot whole, for a page that does not hold the base of a delivery. */
  lastWhole(): SnapshotDelivery | undefined {
    return this.lastDelivered && { serial: this.lastDelivered.serial, snapshot: this.lastDelivered.snapshot };
  }

  analyze(
    sources: readonly Source[],
    overrides: readonly Override[],
    settings: ClusterSettings,
    ghosts: readonly Ghost[] = [],
    { findings = true, compare = true }: { findings?: boolean; compare?: boolean } = {},
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
    const snapshot = buildSnapshot(
      analysis.model,
      applyGhosts(analysis.base, ghosts),
      analysis.reach,
      { evaluateMs, incremental: analysis.incremental },
      this.lastSnapshot,
    );
    snapshot.notes = analysis.notes;
    snapshot.enforced = analysis.enforced;
    const resolved = resolvePlugin(settings, analysis.model);
    snapshot.plugin = { ...resolved.plugin, reason: resolved.reason };
    if (findings) snapshot.findings = this.findingsOf(analysis);
    // What changed since the last snapshot: for edits, not for a new workspace (nobody reads it,
    // and comparing 5,000 workloads with another cluster's walks 25 million pairs).
    if (this.lastSnapshot && compare) snapshot.change = diffSnapshots(this.lastSnapshot, snapshot);
    this.lastSnapshot = snapshot;
    return snapshot;
  }

  explain(from: string | IpRange, to: string | IpRange): PairExplanation | undefined {
    return this.last ? explainPair(this.last, from, to) : undefined;
  }

  /**
   * For the denied pairs the graph draws around a selected workload (to and from every other
   * workload, or only those in `among`: the graph draws no pair into a collapsed namespace): the
   * tier that decided, where it was not a Kubernetes NetworkPolicy. Keyed by edge.
   */
  deniedBy(focus: string, among?: readonly string[]): Record<string, DenialMarker> {
    const analysis = this.last;
    const markers: Record<string, DenialMarker> = {};
    const snapshot = this.lastSnapshot;
    if (!analysis || !snapshot || !analysis.model.workloads.some((w) => w.id === focus)) return markers;
    // Only Kubernetes NetworkPolicies: no denial can name another tier.
    if (analysis.model.policies.every((p) => p.apiVersion.startsWith('networking.k8s.io/'))) return markers;
    const others = among ? new Set(among) : undefined;
    for (const other of analysis.model.workloads) {
      if (other.id === focus || (others && !others.has(other.id))) continue;
      for (const [from, to] of [
        [focus, other.id],
        [other.id, focus],
      ] as const) {
        // Pairs with some connection are not drawn as denied; explaining them would cost ~0.2 ms each.
        if (connectionBetween(snapshot, from, to)) continue;
        const explanation = explainPair(analysis, from, to, { misses: false });
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
