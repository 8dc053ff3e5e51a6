import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS, type Override } from '../../src/engine/index.ts';
import { generateCluster } from '../../src/gen/generateCluster.ts';
import { externalConnectionsOf, pairSet } from '../../src/views/connections.ts';
import type { Snapshot } from '../../src/views/snapshot.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';

/** Every workload pair's allowed ports, by id: the verdicts a snapshot shows. */
function verdicts(snapshot: Snapshot): string[] {
  const out: string[] = [];
  for (const [i, a] of snapshot.workloads.entries())
    for (const [j, b] of snapshot.workloads.entries()) {
      const set = pairSet(snapshot, i, j);
      if (set !== 0) out.push(`${a.id}->${b.id} ${snapshot.pairs.sets[set]?.ports}`);
    }
  return out;
}

/** What an edited snapshot must agree on with a snapshot computed from scratch. */
function shown(snapshot: Snapshot) {
  return {
    namespaces: snapshot.namespaces,
    policies: snapshot.policies,
    routes: snapshot.routes,
    routeLinks: snapshot.routeLinks,
    diagnostics: snapshot.diagnostics,
    workloads: snapshot.workloads,
    namespacePairs: snapshot.namespacePairs,
    allowedPairs: snapshot.stats.allowedPairs,
    unrestrictedPairs: snapshot.stats.unrestrictedPairs,
    externalRanges: snapshot.externalRanges,
    externalGroups: snapshot.externalGroups,
    externalConnections: externalConnectionsOf(snapshot),
    verdicts: verdicts(snapshot),
  };
}

describe('a snapshot after a what-if edit is the snapshot of the edited cluster', () => {
  for (const distinct of [false, true]) {
    it(`${distinct ? 'distinct' : 'realistic'} labels: label, namespace and identity edits in a row`, () => {
      const text = generateCluster({ workloads: 90, namespaces: 6, policies: 30, seed: 7, distinct });
      const sources = [{ name: 'cluster.yaml', text }];
      const session = new AnalysisSession();
      const first = session.analyze(sources, [], DEFAULT_SETTINGS);
      const [a, b] = first.workloads;
      if (!a || !b) throw new Error('generator made no workloads');
      const key = Object.keys(a.labels)[0] as string;
      const edits: Override[][] = [
        [{ target: { kind: 'workload', id: a.id }, key, value: null }],
        [
          { target: { kind: 'workload', id: a.id }, key, value: null },
          { target: { kind: 'workload', id: b.id }, key: 'app', value: a.labels.app ?? 'web' },
        ],
        [{ target: { kind: 'namespace', name: a.namespace }, key: 'team', value: 'payments' }],
        [{ target: { kind: 'workload', id: b.id }, field: 'serviceAccountName', value: 'other' }],
        [],
      ];
      for (const overrides of edits) {
        const edited = session.analyze(sources, overrides, DEFAULT_SETTINGS);
        const fresh = new AnalysisSession().analyze(sources, overrides, DEFAULT_SETTINGS);
        expect(edited.stats.incremental).toBe(true);
        expect(shown(edited)).toEqual(shown(fresh));
      }
    });
  }

  it('counts allowed pairs as the engine does', () => {
    const text = generateCluster({ workloads: 120, namespaces: 8, policies: 40, seed: 11, distinct: true });
    const sources = [{ name: 'cluster.yaml', text }];
    const snapshot = new AnalysisSession().analyze(sources, [], DEFAULT_SETTINGS);
    const { reach } = analyze(sources, { settings: DEFAULT_SETTINGS });
    expect(snapshot.stats.allowedPairs).toBe(reach.countAllowedPairs());
    expect(snapshot.stats.allowedPairs).toBe(
      snapshot.namespacePairs.reduce((sum, pair) => sum + pair.count, 0),
    );
  });
});
