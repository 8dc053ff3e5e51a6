import { NAMESPACE_NAME_LABEL } from '../model/buildModel.ts';
import type { ClusterModel, Labels } from '../model/types.ts';

/** What a what-if edit applies to. */
export type LabelTarget = { kind: 'workload'; id: string } | { kind: 'namespace'; name: string };

/**
 * A what-if label edit: set `key` to `value`, or switch the label off (`value: null`).
 * Overrides are data: the manifests are never changed.
 */
export interface LabelOverride {
  target: LabelTarget;
  key: string;
  value: string | null;
}

export function targetKey(target: LabelTarget): string {
  return target.kind === 'workload' ? `workload:${target.id}` : `namespace:${target.name}`;
}

/**
 * Applies label overrides to a copy of the model, in order (a later edit of the same label wins).
 * Policies are kept by identity, so re-evaluation can be incremental. Overrides naming objects
 * that no longer exist are ignored. `kubernetes.io/metadata.name` stays as the API server sets it.
 */
export function applyOverrides(model: ClusterModel, overrides: readonly LabelOverride[]): ClusterModel {
  if (overrides.length === 0) return model;
  const edits = new Map<string, LabelOverride[]>();
  for (const override of overrides) {
    const key = targetKey(override.target);
    edits.set(key, [...(edits.get(key) ?? []), override]);
  }
  const apply = (
    labels: Labels,
    list: readonly LabelOverride[] | undefined,
    protectedKey?: string,
  ): Labels => {
    if (!list) return labels;
    const next: Record<string, string> = Object.fromEntries(Object.entries(labels));
    for (const { key, value } of list) {
      if (key === protectedKey) continue;
      if (value === null) delete next[key];
      else next[key] = value;
    }
    return next;
  };
  return {
    ...model,
    namespaces: model.namespaces.map((ns) => {
      const list = edits.get(targetKey({ kind: 'namespace', name: ns.name }));
      return list ? { ...ns, labels: apply(ns.labels, list, NAMESPACE_NAME_LABEL) } : ns;
    }),
    workloads: model.workloads.map((w) => {
      const list = edits.get(targetKey({ kind: 'workload', id: w.id }));
      return list ? { ...w, labels: apply(w.labels, list) } : w;
    }),
  };
}
