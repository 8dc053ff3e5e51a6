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
  setSnapshot: (snapshot, change) =>
    set(change ? { snapshot, lastChange: change, analysisError: null } : { snapshot, analysisError: null }),
  setAnalyzing: (analyzing) => set({ analyzing }),
  setAnalysisError: (message) => set({ analysisError: message }),
  setExplanation: (explanation) => set({ explanation }),
  setProbe: (probe) => set({ probe }),
});
