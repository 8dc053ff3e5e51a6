import type { StateCreator } from 'zustand';
import { type LabelOverride, type LabelTarget, targetKey } from '../engine/index.ts';
import type { LabelEdit, OverridesSlice, ReachlabState } from './types.ts';

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
  clearEdits: () => set({ edits: [] }),
});

/** The engine's form of the edits. */
export function toOverrides(edits: readonly LabelEdit[]): LabelOverride[] {
  return edits.map((e) => ({ target: e.target, key: e.key, value: e.enabled ? e.value : null }));
}
