import type { ClusterModel } from '../model/types.ts';
import type { LabelOverride } from '../overrides/applyOverrides.ts';
import type { Source } from '../parse/parseSources.ts';
import { applyEdits, type DocumentEdit, editableObjects, findObject } from './fix/documents.ts';
import { ensurePath, podLabelsPath, type Raw } from './fix/rawEdits.ts';

/**
 * Writes what-if label edits into the manifests: pod template labels of workloads, and
 * `metadata.labels` of Namespaces (a Namespace document is added when the manifests only imply
 * the namespace). Edits that cannot be written (a workload made of Pods grouped under an owner
 * that is not in the manifests, an object inside a List) are returned in `skipped`, with why.
 */
export function labelEditsToManifests(
  sources: readonly Source[],
  model: ClusterModel,
  overrides: readonly LabelOverride[],
): { sources: Source[]; skipped: string[] } {
  const objects = editableObjects(sources);
  const changed = new Map<EditableKey, { source: string; doc: number; value: Raw }>();
  const added = new Map<string, Raw>();
  const skipped: string[] = [];
  const lastSource = sources[sources.length - 1]?.name ?? 'manifests.yaml';
  for (const override of overrides) {
    let labels: Raw | undefined;
    if (override.target.kind === 'workload') {
      const id = override.target.id;
      const workload = model.workloads.find((w) => w.id === id);
      const object = workload && findObject(objects, [workload.kind], workload.namespace, workload.name);
      if (!workload || !object) {
        skipped.push(`${id}: its manifest is not a single document Reachlab can rewrite`);
        continue;
      }
      const key: EditableKey = `${object.source}#${object.doc}`;
      const entry = changed.get(key) ?? { source: object.source, doc: object.doc, value: copy(object.value) };
      changed.set(key, entry);
      labels = ensurePath(entry.value, podLabelsPath(workload.kind));
    } else {
      const name = override.target.name;
      const object = findObject(objects, ['Namespace'], undefined, name);
      if (object) {
        const key: EditableKey = `${object.source}#${object.doc}`;
        const entry = changed.get(key) ?? {
          source: object.source,
          doc: object.doc,
          value: copy(object.value),
        };
        changed.set(key, entry);
        labels = ensurePath(entry.value, ['metadata', 'labels']);
      } else {
        const value = added.get(name) ?? {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name, labels: {} },
        };
        added.set(name, value);
        labels = ensurePath(value, ['metadata', 'labels']);
      }
    }
    if (override.value === null) delete labels[override.key];
    else labels[override.key] = override.value;
  }
  const edits: DocumentEdit[] = [
    ...[...changed.values()].map((c) => ({ kind: 'replace' as const, ...c })),
    ...[...added.values()].map((value) => ({ kind: 'add' as const, source: lastSource, value })),
  ];
  return { sources: applyEdits(sources, edits), skipped };
}

type EditableKey = `${string}#${number}`;

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
