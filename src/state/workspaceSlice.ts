import type { StateCreator } from 'zustand';
import { parseLesson } from '../engine/teach/lesson.ts';
import type { SharedState } from '../share/sharedState.ts';
import { newSourceId } from './sourcesSlice.ts';
import type { ReachlabState, WorkspaceSlice } from './types.ts';

export const createWorkspaceSlice: StateCreator<ReachlabState, [], [], WorkspaceSlice> = (set) => ({
  loadWorkspace: (shared) =>
    set(() => {
      const sources = shared.sources.map((s) => ({ id: newSourceId(), name: s.name, text: s.text }));
      return {
        sources,
        activeSourceId: sources[0]?.id ?? null,
        sampleId: shared.sampleId,
        edits: shared.edits,
        identityEdits: shared.identityEdits ?? [],
        selection: shared.selection,
        view: shared.view,
        verdictFilter: shared.verdictFilter,
        hiddenNamespaces: shared.hiddenNamespaces,
        search: shared.search,
        showRoutes: shared.showRoutes,
        settings: shared.settings,
        graphView: shared.graphView ?? null,
        ...(shared.language ? { language: shared.language } : {}),
        explanation: null,
        lastChange: null,
        ...teachOf(shared),
      };
    }),
});

/** The shareable part of the store (sources, edits, selection, view and its filters). */
export function sharedStateOf(state: ReachlabState): SharedState {
  return {
    version: 1,
    sources: state.sources.map((s) => ({ name: s.name, text: s.text })),
    edits: state.edits,
    ...(state.identityEdits.length > 0 ? { identityEdits: state.identityEdits } : {}),
    selection: state.selection,
    view: state.view,
    verdictFilter: state.verdictFilter,
    hiddenNamespaces: state.hiddenNamespaces,
    search: state.search,
    showRoutes: state.showRoutes,
    sampleId: state.sampleId,
    settings: state.settings,
    ...(state.graphView ? { graphView: state.graphView } : {}),
    ...(state.language ? { language: state.language } : {}),
    ...(state.lesson || state.ghosts.length > 0
      ? {
          teach: {
            lesson: state.lesson ? { fileName: state.lesson.fileName, text: state.lesson.text } : null,
            hintsShown: state.hintsShown,
            ghosts: state.ghosts,
          },
        }
      : {}),
  };
}

/** The lesson (parsed again: links carry its text), hints shown and ghosts of a shared state. */
function teachOf(shared: SharedState): Pick<ReachlabState, 'lesson' | 'hintsShown' | 'ghosts' | 'compare'> {
  const teach = shared.teach;
  const parsed = teach?.lesson ? parseLesson(teach.lesson.text, teach.lesson.fileName).lesson : undefined;
  return {
    lesson: parsed && teach?.lesson ? { ...teach.lesson, lesson: parsed } : null,
    hintsShown: teach?.hintsShown ?? 0,
    ghosts: teach?.ghosts ?? [],
    compare: null,
  };
}
