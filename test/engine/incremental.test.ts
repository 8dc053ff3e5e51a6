import { describe, expect, it } from 'vitest';
import {
  analyze,
  type ClusterModel,
  compileNetworkPolicy,
  DEFAULT_SETTINGS,
  formatConnectionSet,
  Reachability,
  type Workload,
} from '../../src/engine/index.ts';
import { corpusCases, hasCorpus } from '../corpus.ts';

function matrixText(model: ClusterModel, reach: Reachability): string[] {
  const lines: string[] = [];
  for (const a of model.workloads) {
    for (const b of model.workloads)
      lines.push(`${a.id}>${b.id}:${formatConnectionSet(reach.between(a.id, b.id))}`);
    for (let r = 0; r < reach.addressRanges.length; r++) {
      lines.push(`ext${r}>${a.id}:${formatConnectionSet(reach.fromExternal(r, a.id))}`);
      lines.push(`${a.id}>ext${r}:${formatConnectionSet(reach.toExternal(a.id, r))}`);
    }
  }
  return lines;
}

/** The what-if edit: same policies (by identity), one workload's labels changed. */
function withLabels(model: ClusterModel, workloadId: string, labels: Workload['labels']): ClusterModel {
  return { ...model, workloads: model.workloads.map((w) => (w.id === workloadId ? { ...w, labels } : w)) };
}

function withNamespaceLabels(
  model: ClusterModel,
  name: string,
  labels: Record<string, string>,
): ClusterModel {
  return {
    ...model,
    namespaces: model.namespaces.map((n) =>
      n.name === name ? { ...n, labels: { ...n.labels, ...labels } } : n,
    ),
  };
}

describe('incremental re-evaluation after label changes', () => {
  it.skipIf(!hasCorpus)(
    'gives the same matrix as a full evaluation, for label toggles on every corpus case',
    () => {
      for (const { name, text } of corpusCases()) {
        const { model, reach } = analyze([{ name, text }]);
        let current = reach;
        let currentModel = model;
        // Drop one label of a few workloads, and relabel a namespace: each step compared to a fresh run.
        for (const [step, workload] of model.workloads.slice(0, 4).entries()) {
          const [firstKey] = Object.keys(workload.labels);
          const labels = { ...workload.labels };
          if (firstKey) delete labels[firstKey];
          labels[`what-if-${step}`] = 'on';
          currentModel = withLabels(currentModel, workload.id, labels);
          const updated = Reachability.update(current, currentModel);
          expect(updated.incremental, name).toBe(true);
          current = updated.reach;
          expect(matrixText(currentModel, current), `${name} step ${step}`).toEqual(
            matrixText(currentModel, Reachability.evaluate(currentModel)),
          );
        }
        const firstNamespace = currentModel.namespaces[0];
        if (firstNamespace) {
          currentModel = withNamespaceLabels(currentModel, firstNamespace.name, { 'what-if': 'ns' });
          current = Reachability.update(current, currentModel).reach;
          expect(matrixText(currentModel, current), `${name} namespace`).toEqual(
            matrixText(currentModel, Reachability.evaluate(currentModel)),
          );
        }
      }
    },
  );

  it('re-evaluates from scratch when policies change', () => {
    const { model, reach } = analyze([{ name: 'a.yaml', text: 'kind: Pod\nmetadata: {name: a}\n' }]);
    const updated = Reachability.update(reach, { ...model, policies: [] });
    expect(updated.incremental).toBe(true);
    const changed = Reachability.update(reach, {
      ...model,
      policies: [
        compileNetworkPolicy({
          id: 'default/deny',
          namespace: 'default',
          name: 'deny',
          podSelector: { matchLabels: {}, matchExpressions: [] },
          affects: { ingress: true, egress: false },
          ingress: [],
          egress: [],
          ref: { source: 'x', doc: 1, line: 1, endLine: 1 },
        }),
      ],
    });
    expect(changed.incremental).toBe(false);
  });

  it('toggling a label back to an existing class computes nothing new', () => {
    const text =
      'kind: Pod\nmetadata: {name: a, labels: {app: x}}\n---\nkind: Pod\nmetadata: {name: b, labels: {app: yy}}\n---\nkind: NetworkPolicy\nmetadata: {name: n}\nspec: {podSelector: {matchLabels: {app: yy}}, ingress: [{from: [{podSelector: {matchLabels: {app: x}}}]}]}\n';
    const { model, reach } = analyze([{ name: 't.yaml', text }]);
    expect(formatConnectionSet(reach.between('default/a', 'default/b'))).toBe('all');
    const off = withLabels(model, 'default/a', {});
    const r1 = Reachability.update(reach, off).reach;
    expect(formatConnectionSet(r1.between('default/a', 'default/b'))).toBe('none');
    const back = Reachability.update(r1, withLabels(off, 'default/a', { app: 'x' })).reach;
    expect(formatConnectionSet(back.between('default/a', 'default/b'))).toBe('all');
  });

  it('reuses the evaluation when equal settings arrive as a new object (as from the worker)', () => {
    const text =
      'kind: Pod\nmetadata: {name: a, labels: {app: x}}\n---\nkind: NetworkPolicy\nmetadata: {name: n}\nspec: {podSelector: {}, ingress: [{}]}\n';
    const sources = [{ name: 't.yaml', text }];
    const first = analyze(sources, { settings: structuredClone(DEFAULT_SETTINGS) });
    const overrides = [{ target: { kind: 'workload' as const, id: 'default/a' }, key: 'app', value: 'y' }];
    const again = analyze(sources, {
      settings: structuredClone(DEFAULT_SETTINGS),
      overrides,
      previous: first,
    });
    expect(again.incremental).toBe(true);
    const changed = { ...structuredClone(DEFAULT_SETTINGS), podCidrs: ['10.0.0.0/8'] };
    expect(analyze(sources, { settings: changed, overrides, previous: again }).incremental).toBe(false);
  });
});
