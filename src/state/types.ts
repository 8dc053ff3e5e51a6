import type {
  ClusterSettings,
  Finding,
  LabelTarget,
  PairExplanation,
  ProbeOutcome,
} from '../engine/index.ts';
import type { SharedState } from '../share/sharedState.ts';
import type { DenialMarker } from '../views/denialTier.ts';
import type { Snapshot } from '../views/snapshot.ts';
import type { TeachSlice } from './teachSlice.ts';

export interface SourceFile {
  id: string;
  name: string;
  text: string;
}

/** A what-if label edit as the inspector shows it; `enabled: false` switches the label off. */
export interface LabelEdit {
  target: LabelTarget;
  key: string;
  value: string;
  enabled: boolean;
}

/**
 * A what-if edit of a workload's identity: the ServiceAccount it runs as, or whether it is in the
 * service mesh. Absent: as the manifests say.
 */
export type IdentityEdit =
  | { workload: string; field: 'serviceAccountName'; value: string }
  | { workload: string; field: 'inMesh'; value: boolean };

export type Selection =
  | { kind: 'workload'; id: string }
  | { kind: 'namespace'; name: string }
  | { kind: 'pair'; from: string; to: string }
  | null;

export interface GraphViewport {
  zoom: number;
  pan: { x: number; y: number };
}

export type VerdictFilter = 'allowed' | 'partial' | 'denied' | 'unrestricted';

export interface EditorHighlight {
  sourceId: string;
  line: number;
  endLine: number;
  /** Changes on every request so the same lines can be highlighted twice. */
  nonce: number;
}

export interface ChangeSummary {
  opened: number;
  closed: number;
  changed: number;
  /** `from->to` keys of edges whose verdict changed. */
  edges: string[];
  at: number;
  /** "2 connections opened, 1 closed". */
  text: string;
}

export interface SourcesSlice {
  sources: SourceFile[];
  activeSourceId: string | null;
  sampleId: string | null;
  addSources: (files: { name: string; text: string }[]) => void;
  replaceSources: (files: { name: string; text: string }[], sampleId?: string | null) => void;
  updateSource: (id: string, text: string) => void;
  renameSource: (id: string, name: string) => void;
  removeSource: (id: string) => void;
  setActiveSource: (id: string) => void;
}

export interface OverridesSlice {
  edits: LabelEdit[];
  setLabelEnabled: (
    target: LabelTarget,
    key: string,
    enabled: boolean,
    baseValue: string | undefined,
  ) => void;
  setLabelValue: (target: LabelTarget, key: string, value: string, baseValue: string | undefined) => void;
  removeEdit: (index: number) => void;
  /** Identity edits, undoable and shared like label edits. */
  identityEdits: IdentityEdit[];
  /** Sets a workload's ServiceAccount or mesh membership; `null` returns to the manifests. */
  setIdentity: (
    workload: string,
    field: IdentityEdit['field'],
    value: string | boolean | null,
    baseValue: string | boolean | undefined,
  ) => void;
  removeIdentityEdit: (index: number) => void;
  clearEdits: () => void;
}

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  /** An optional button next to the message (e.g. "Restore my previous work"). */
  action?: { label: string; run: () => void };
}

export interface UiSlice {
  view: 'graph' | 'matrix';
  /** Short messages near the header: file problems, hints. */
  notices: Notice[];
  notify: (text: string, tone?: Notice['tone'], action?: Notice['action']) => void;
  dismissNotice: (id: number) => void;
  selection: Selection;
  verdictFilter: Record<VerdictFilter, boolean>;
  hiddenNamespaces: string[];
  search: string;
  /** What Reachlab assumes about the cluster (network plugin, ingress controller, DNS domain). */
  settings: ClusterSettings;
  setSettings: (settings: ClusterSettings) => void;
  /** Opt-in WebGL rendering for very large graphs. */
  webgl: boolean;
  setWebgl: (on: boolean) => void;
  /** Namespaces the user opened while large graphs start collapsed. */
  expandedNamespaces: string[];
  toggleExpanded: (name: string) => void;
  /** Draw Services and Ingresses; null = automatic (only when there are few). */
  showRoutes: boolean | null;
  highlight: EditorHighlight | null;
  setView: (view: 'graph' | 'matrix') => void;
  select: (selection: Selection) => void;
  toggleVerdict: (verdict: VerdictFilter) => void;
  /** Open connections drawn or not, as the user chose; null = automatic (see views/openReason). */
  openChoice: boolean | null;
  /** Colour theme; `system` follows the operating system's setting. */
  theme: 'system' | 'light' | 'dark';
  setTheme: (theme: 'system' | 'light' | 'dark') => void;
  /** Presenter view: large text and arrows, editor hidden, high contrast. */
  presenter: boolean;
  setPresenter: (on: boolean) => void;
  /** Widths in CSS px of the resizable side panels. */
  panelWidths: { source: number; inspector: number };
  setPanelWidth: (panel: 'source' | 'inspector', width: number) => void;
  /** The graph's zoom and pan as last left by the user, for share links. */
  graphView: GraphViewport | null;
  setGraphView: (view: GraphViewport | null) => void;
  /** The interface language as chosen (kept in links and autosave); '' until the app starts. */
  language: string;
  setLanguage: (language: string) => void;
  toggleNamespace: (name: string) => void;
  setSearch: (search: string) => void;
  setShowRoutes: (show: boolean) => void;
  revealLines: (source: string, line: number, endLine: number) => void;
}

export interface AnalysisSlice {
  snapshot: Snapshot | null;
  analyzing: boolean;
  /** Design findings of the snapshot shown; they arrive just after it (see analysisRunner). */
  findings: Finding[];
  /** The snapshot on screen is newer than `findings`. */
  findingsPending: boolean;
  analysisError: string | null;
  explanation: PairExplanation | null;
  /** The last probe the user ran, with what they asked. */
  probe: { from: string; target: string; outcome: ProbeOutcome } | null;
  lastChange: ChangeSummary | null;
  /** For the selected workload: which non-NetworkPolicy tier denied each drawn denied edge. */
  deniedBy: { focus: string; markers: Record<string, DenialMarker> } | null;
  setDeniedBy: (deniedBy: AnalysisSlice['deniedBy']) => void;
  setSnapshot: (snapshot: Snapshot, change: ChangeSummary | null) => void;
  setFindings: (findings: Finding[] | null) => void;
  setAnalyzing: (analyzing: boolean) => void;
  setAnalysisError: (message: string | null) => void;
  setExplanation: (explanation: PairExplanation | null) => void;
  setProbe: (probe: AnalysisSlice['probe']) => void;
}

export interface WorkspaceSlice {
  /** Replaces the whole workspace with a shared or saved state (a link, a state file, autosave). */
  loadWorkspace: (state: SharedState) => void;
}

export type ReachlabState = SourcesSlice &
  OverridesSlice &
  UiSlice &
  AnalysisSlice &
  WorkspaceSlice &
  TeachSlice;
