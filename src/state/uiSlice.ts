import type { StateCreator } from 'zustand';
import { DEFAULT_SETTINGS } from '../engine/index.ts';
import { showsOpen } from '../views/openReason.ts';
import type { ReachlabState, UiSlice } from './types.ts';

let nonce = 0;
let noticeId = 0;

export const createUiSlice: StateCreator<ReachlabState, [], [], UiSlice> = (set, get) => ({
  view: 'graph',
  notices: [],
  notify: (text, tone = 'info', action) =>
    set((state) => ({
      notices: [
        ...state.notices.slice(-3),
        action ? { id: ++noticeId, text, tone, action } : { id: ++noticeId, text, tone },
      ],
    })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
  selection: null,
  verdictFilter: { allowed: true, partial: true, denied: false, unrestricted: false },
  hiddenNamespaces: [],
  search: '',
  showRoutes: null,
  webgl: false,
  setWebgl: (webgl) => set({ webgl }),
  expandedNamespaces: [],
  toggleExpanded: (name) =>
    set((state) => ({
      expandedNamespaces: state.expandedNamespaces.includes(name)
        ? state.expandedNamespaces.filter((n) => n !== name)
        : [...state.expandedNamespaces, name],
    })),
  settings: structuredClone(DEFAULT_SETTINGS),
  setSettings: (settings) => set({ settings }),
  highlight: null,
  setView: (view) => set({ view }),
  select: (selection) =>
    set({ selection, explanation: selection?.kind === 'pair' ? get().explanation : null }),
  toggleVerdict: (verdict) =>
    set((state) => {
      if (verdict !== 'unrestricted')
        return { verdictFilter: { ...state.verdictFilter, [verdict]: !state.verdictFilter[verdict] } };
      const shown = showsOpen(state.openChoice, state.verdictFilter.unrestricted, state.snapshot);
      return { openChoice: !shown, verdictFilter: { ...state.verdictFilter, unrestricted: !shown } };
    }),
  openChoice: null,
  theme: 'system',
  setTheme: (theme) => set({ theme }),
  presenter: false,
  setPresenter: (presenter) => set({ presenter }),
  panelWidths: { source: 300, inspector: 320 },
  setPanelWidth: (panel, width) =>
    set((state) => ({ panelWidths: { ...state.panelWidths, [panel]: Math.round(width) } })),
  graphView: null,
  setGraphView: (graphView) => set({ graphView }),
  language: '',
  setLanguage: (language) => set({ language }),
  toggleNamespace: (name) =>
    set((state) => ({
      hiddenNamespaces: state.hiddenNamespaces.includes(name)
        ? state.hiddenNamespaces.filter((n) => n !== name)
        : [...state.hiddenNamespaces, name],
    })),
  setSearch: (search) => set({ search }),
  setShowRoutes: (showRoutes) => set({ showRoutes }),
  revealLines: (sourceName, line, endLine) => {
    const source = get().sources.find((s) => s.name === sourceName);
    if (!source) return;
    nonce += 1;
    set({ activeSourceId: source.id, highlight: { sourceId: source.id, line, endLine, nonce } });
  },
});
