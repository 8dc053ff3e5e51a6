import type { StateCreator } from 'zustand';
import type { ReachlabState, SourceFile, SourcesSlice } from './types.ts';

let nextId = 1;
export const newSourceId = (): string => `src-${nextId++}`;

/** Keeps names unique, so diagnostics and links name one tab. */
function uniqueName(name: string, taken: readonly SourceFile[]): string {
  const base = name.trim() || 'untitled.yaml';
  if (!taken.some((s) => s.name === base)) return base;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : '';
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i})${ext}`;
    if (!taken.some((s) => s.name === candidate)) return candidate;
  }
}

export const createSourcesSlice: StateCreator<ReachlabState, [], [], SourcesSlice> = (set) => ({
  sources: [],
  activeSourceId: null,
  sampleId: null,
  addSources: (files) =>
    set((state) => {
      const sources = [...state.sources];
      let lastId = state.activeSourceId;
      for (const file of files) {
        const source = { id: newSourceId(), name: uniqueName(file.name, sources), text: file.text };
        sources.push(source);
        lastId = source.id;
      }
      return { sources, activeSourceId: lastId, sampleId: null };
    }),
  replaceSources: (files, sampleId = null) =>
    set(() => {
      const sources: SourceFile[] = [];
      for (const file of files)
        sources.push({ id: newSourceId(), name: uniqueName(file.name, sources), text: file.text });
      return {
        sources,
        activeSourceId: sources[0]?.id ?? null,
        sampleId,
        edits: [],
        selection: null,
        explanation: null,
        lastChange: null,
      };
    }),
  updateSource: (id, text) =>
    set((state) => ({ sources: state.sources.map((s) => (s.id === id ? { ...s, text } : s)) })),
  renameSource: (id, name) =>
    set((state) => ({
      sources: state.sources.map((s) =>
        s.id === id
          ? {
              ...s,
              name: uniqueName(
                name,
                state.sources.filter((o) => o.id !== id),
              ),
            }
          : s,
      ),
    })),
  removeSource: (id) =>
    set((state) => {
      const index = state.sources.findIndex((s) => s.id === id);
      const sources = state.sources.filter((s) => s.id !== id);
      const active =
        state.activeSourceId === id ? (sources[Math.max(0, index - 1)]?.id ?? null) : state.activeSourceId;
      return { sources, activeSourceId: active };
    }),
  setActiveSource: (id) => set({ activeSourceId: id }),
});
