import type { StateCreator } from 'zustand';
import type { AnalysisSlice, ReachlabState } from './types.ts';

export const createAnalysisSlice: StateCreator<ReachlabState, [], [], AnalysisSlice> = (set) => ({
  snapshot: null,
  analyzing: false,
  analysisError: null,
  explanation: null,
  probe: null,
  lastChange: null,
  deniedBy: null,
  setDeniedBy: (deniedBy) => set({ deniedBy }),
  findings: [],
  findingsPending: false,
  setSnapshot: (snapshot, change) =>
    set({
      snapshot,
      analysisError: null,
      findingsPending: true,
      ...(change ? { lastChange: change } : {}),
    }),
  // null: the findings could not be had (a newer analysis replaces them, or the worker stopped).
  setFindings: (findings) =>
    set(findings ? { findings, findingsPending: false } : { findingsPending: false }),
  setAnalyzing: (analyzing) => set({ analyzing }),
  setAnalysisError: (message) => set({ analysisError: message }),
  setExplanation: (explanation) => set({ explanation }),
  setProbe: (probe) => set({ probe }),
});
