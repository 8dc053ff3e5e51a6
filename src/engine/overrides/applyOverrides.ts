import { NAMESPACE_NAME_LABEL } from '../model/buildModel.ts';
import type { ClusterModel, Labels, Workload } from '../model/types.ts';

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

/**
 * A what-if edit of a workload's identity: run it as another ServiceAccount, or put it in or out
 * of the service mesh whatever its injection markers say.
 */
export type WorkloadOverride =
  | { target: { kind: 'workload'; id: string }; field: 'serviceAccountName'; value: string }
  | { target: { kind: 'workload'; id: string }; field: 'inMesh'; value: boolean };

/** Any what-if edit the engine applies. */
export type Override = LabelOverride | WorkloadOverride;

export function isWorkloadOverride(override: Override): override is WorkloadOverride {
  return 'field' in override;
}

export function targetKey(target: LabelTarget): string {
  return target.kind === 'workload' ? `workload:${target.id}` : `namespace:${target.name}`;
}

/**
 * Applies label and identity overrides to a copy of the model, in order (a later edit of the same label wins).
 * Policies are kept by identity, so re-evaluation can be incremental. Overrides naming objects
 * that no longer exist are ignored. `kubernetes.io/metadata.name` stays as the API server sets it.
 */
export function applyOverrides(model: ClusterModel, overrides: readonly Override[]): ClusterModel {
  if (overrides.length === 0) return model;
  const edits = new Map<string, LabelOverride[]>();
  const identity = new Map<string, WorkloadOverride[]>();
  for (const override of overrides) {
    const key = targetKey(override.target);
    if (isWorkloadOverride(override)) identity.set(key, [...(identity.get(key) ?? []), override]);
    else edits.set(key, [...(edits.get(key) ?? []), override]);
  }
  const withIdentity = (workload: Workload): Workload => {
    const list = identity.get(targetKey({ kind: 'workload', id: workload.id }));
    if (!list) return workload;
    const next: Workload = { ...workload };
    for (const o of list) {
      if (o.field === 'serviceAccountName') next.serviceAccountName = o.value;
      else next.inMesh = o.value;
    }
    return next;
  };
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
      return withIdentity(list ? { ...w, labels: apply(w.labels, list) } : w);
    }),
  };
}
