import { temporal } from 'zundo';
import { create } from 'zustand';
import { createAnalysisSlice } from './analysisSlice.ts';
import { createOverridesSlice } from './overridesSlice.ts';
import { createSourcesSlice } from './sourcesSlice.ts';
import { createTeachSlice } from './teachSlice.ts';
import type { ReachlabState } from './types.ts';
import { createUiSlice } from './uiSlice.ts';
import { createWorkspaceSlice } from './workspaceSlice.ts';

/** Source edits closer together than this are one undo step (a burst of typing). */
const UNDO_GROUP_MS = 700;
const HISTORY_LIMIT = 200;

type Tracked = Pick<ReachlabState, 'sources' | 'edits' | 'identityEdits' | 'sampleId' | 'activeSourceId'>;

/**
 * The one store: sources, what-if edits and UI state are kept; the analysis is derived by the
 * worker. zundo keeps the undo history of what the user authored (sources and label edits) only.
 */
export const useStore = create<ReachlabState>()(
  temporal(
    (...a) => ({
      ...createSourcesSlice(...a),
      ...createOverridesSlice(...a),
      ...createUiSlice(...a),
      ...createAnalysisSlice(...a),
      ...createWorkspaceSlice(...a),
      ...createTeachSlice(...a),
    }),
    {
      // The sample id travels with the sources: undoing a sample switch restores the picker too.
      partialize: (state) => ({
        sources: state.sources,
        edits: state.edits,
        identityEdits: state.identityEdits,
        sampleId: state.sampleId,
        activeSourceId: state.activeSourceId,
      }),
      equality: (a, b) =>
        a.sources === b.sources && a.edits === b.edits && a.identityEdits === b.identityEdits,
      limit: HISTORY_LIMIT,
      handleSet: (handleSet) => {
        // zundo calls this with (pastState, replace, currentState, deltaState); its types say less.
        const record = handleSet as unknown as (
          past: Tracked,
          replace: undefined,
          current: Tracked,
          delta: unknown,
        ) => void;
        let lastTyping = 0;
        return ((past: Tracked, replace: undefined, current: Tracked, delta: unknown) => {
          const now = Date.now();
          const typing = past.edits === current.edits && past.identityEdits === current.identityEdits;
          const history = useStore.temporal.getState().pastStates.length;
          // Label edits are one step each; a burst of typing is one step (the state before it).
          if (!typing || history === 0 || now - lastTyping > UNDO_GROUP_MS)
            record(past, replace, current, delta);
          if (typing) lastTyping = now;
        }) as unknown as typeof handleSet;
      },
    },
  ),
);

export const undo = () => useStore.temporal.getState().undo();
export const redo = () => useStore.temporal.getState().redo();
