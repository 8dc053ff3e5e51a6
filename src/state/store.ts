import { create } from 'zustand';
import { createAnalysisSlice } from './analysisSlice.ts';
import { createOverridesSlice } from './overridesSlice.ts';
import { createSourcesSlice } from './sourcesSlice.ts';
import type { ReachlabState } from './types.ts';
import { createUiSlice } from './uiSlice.ts';

/** The one store: sources, what-if edits and UI state are kept; the analysis is derived by the worker. */
export const useStore = create<ReachlabState>()((...a) => ({
  ...createSourcesSlice(...a),
  ...createOverridesSlice(...a),
  ...createUiSlice(...a),
  ...createAnalysisSlice(...a),
}));
