import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Override } from '../../src/engine/index.ts';
import { generateCluster } from '../../src/gen/generateCluster.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';
import { type Delivered, receiveDelivery } from '../../src/worker/delivery.ts';

const sources = [
  { name: 'cluster.yaml', text: generateCluster({ workloads: 60, namespaces: 4, policies: 20, seed: 3 }) },
];

describe('snapshots delivered to the page', () => {
  it('sends the first snapshot whole and a label edit as the views that changed', () => {
    const worker = new AnalysisSession();
    const first = worker.analyzeForPage(sources, [], DEFAULT_SETTINGS);
    expect('snapshot' in first).toBe(true);
    let held: Delivered | undefined;
    const page = (delivery: typeof first) => {
      const snapshot = receiveDelivery(delivery, held);
      if (!snapshot) throw new Error('base not held');
      held = { serial: delivery.serial, snapshot };
      return snapshot;
    };
    const initial = page(first);
    const target = initial.workloads[5];
    if (!target) throw new Error('no workload');
    const edit: Override[] = [{ target: { kind: 'workload', id: target.id }, key: 'app', value: 'renamed' }];
    const second = worker.analyzeForPage(sources, edit, DEFAULT_SETTINGS);
    expect('changed' in second && second.changed.map(([i]) => i)).toEqual([5]);
    const shown = page(second);
    // What the page holds is what a fresh analysis of the edited cluster shows.
    const fresh = new AnalysisSession().analyze(sources, edit, DEFAULT_SETTINGS);
    expect(shown.workloads).toEqual(fresh.workloads);
    expect(shown.workloads[5]?.labels.app).toBe('renamed');
    expect(shown.namespacePairs).toEqual(fresh.namespacePairs);
    // Views that did not change are the objects the page already had, and what a label edit does
    // not touch is not sent again.
    expect(shown.workloads[4]).toBe(initial.workloads[4]);
    expect('kept' in second && second.kept).toEqual(
      expect.arrayContaining(['policies', 'routes', 'diagnostics']),
    );
    expect(shown.policies).toBe(initial.policies);
    expect(shown.policies).toEqual(fresh.policies);
    expect(shown.routes).toEqual(fresh.routes);
  });

  it('asks for the whole snapshot when the page does not hold the base', () => {
    const worker = new AnalysisSession();
    worker.analyzeForPage(sources, [], DEFAULT_SETTINGS);
    const id = (worker.lastWhole() as { snapshot: { workloads: { id: string }[] } }).snapshot.workloads[0]
      ?.id;
    const edit: Override[] = [{ target: { kind: 'workload', id: id ?? '' }, key: 'app', value: 'x' }];
    const patch = worker.analyzeForPage(sources, edit, DEFAULT_SETTINGS);
    expect('changed' in patch).toBe(true);
    expect(receiveDelivery(patch, undefined)).toBeUndefined();
    const whole = worker.lastWhole();
    expect(whole && 'snapshot' in whole && whole.snapshot.workloads[0]?.labels.app).toBe('x');
    expect(whole?.serial).toBe(patch.serial);
  });

  it('analyses the sources it has when the page sends none (an edit)', () => {
    const worker = new AnalysisSession();
    expect(() => worker.analyzeForPage(null, [], DEFAULT_SETTINGS)).toThrow(/no sources/);
    const first = worker.analyzeForPage(sources, [], DEFAULT_SETTINGS);
    const id = 'snapshot' in first ? first.snapshot.workloads[0]?.id : undefined;
    const edit: Override[] = [{ target: { kind: 'workload', id: id ?? '' }, key: 'app', value: 'y' }];
    const again = worker.analyzeForPage(null, edit, DEFAULT_SETTINGS);
    const whole = worker.lastWhole();
    const fresh = new AnalysisSession().analyze(sources, edit, DEFAULT_SETTINGS);
    expect('changed' in again).toBe(true);
    expect(whole && 'snapshot' in whole && whole.snapshot.workloads).toEqual(fresh.workloads);
    expect(whole && 'snapshot' in whole && whole.snapshot.stats.incremental).toBe(true);
  });
});
