import type { StateCreator } from 'zustand';
import { type LabelOverride, type LabelTarget, type Override, targetKey } from '../engine/index.ts';
import type { IdentityEdit, LabelEdit, OverridesSlice, ReachlabState } from './types.ts';

const sameLabel = (edit: LabelEdit, target: LabelTarget, key: string) =>
  targetKey(edit.target) === targetKey(target) && edit.key === key;

/** An edit that leaves the label as the manifests have it is dropped, so the list shows real changes only. */
function isNoop(edit: LabelEdit, baseValue: string | undefined): boolean {
  return edit.enabled ? baseValue === edit.value : baseValue === undefined;
}

export const createOverridesSlice: StateCreator<ReachlabState, [], [], OverridesSlice> = (set) => ({
  edits: [],
  setLabelEnabled: (target, key, enabled, baseValue) =>
    set((state) => {
      const existing = state.edits.find((e) => sameLabel(e, target, key));
      const edit: LabelEdit = { target, key, value: existing?.value ?? baseValue ?? '', enabled };
      const others = state.edits.filter((e) => e !== existing);
      // An added label switched off stays listed (with its value) so it can be switched on again.
      const drop = baseValue !== undefined && isNoop(edit, baseValue);
      return { edits: drop ? others : [...others, edit] };
    }),
  setLabelValue: (target, key, value, baseValue) =>
    set((state) => {
      const others = state.edits.filter((e) => !sameLabel(e, target, key));
      const edit: LabelEdit = { target, key, value, enabled: true };
      return { edits: isNoop(edit, baseValue) ? others : [...others, edit] };
    }),
  removeEdit: (index) => set((state) => ({ edits: state.edits.filter((_, i) => i !== index) })),
  identityEdits: [],
  setIdentity: (workload, field, value, baseValue) =>
    set((state) => {
      const others = state.identityEdits.filter((e) => !(e.workload === workload && e.field === field));
      // Back to what the manifests say: the edit is dropped, so the list shows real changes only.
      if (value === null || value === baseValue || (field === 'serviceAccountName' && value === ''))
        return { identityEdits: others };
      const next =
        field === 'inMesh'
          ? { workload, field, value: value === true }
          : { workload, field, value: String(value) };
      return { identityEdits: [...others, next as IdentityEdit] };
    }),
  removeIdentityEdit: (index) =>
    set((state) => ({ identityEdits: state.identityEdits.filter((_, i) => i !== index) })),
  clearEdits: () => set({ edits: [], identityEdits: [] }),
});

/** The engine's form of the label edits. */
export function toLabelOverrides(edits: readonly LabelEdit[]): LabelOverride[] {
  return edits.map((e) => ({ target: e.target, key: e.key, value: e.enabled ? e.value : null }));
}

/** The engine's form of the edits: label edits, then identity edits. */
export function toOverrides(
  edits: readonly LabelEdit[],
  identityEdits: readonly IdentityEdit[] = [],
): Override[] {
  return [
    ...toLabelOverrides(edits),
    ...identityEdits.map(
      (e): Override =>
        e.field === 'inMesh'
          ? { target: { kind: 'workload', id: e.workload }, field: 'inMesh', value: e.value }
          : { target: { kind: 'workload', id: e.workload }, field: 'serviceAccountName', value: e.value },
    ),
  ];
}
