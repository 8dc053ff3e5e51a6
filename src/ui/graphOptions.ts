import type { ReachlabState } from '../state/types.ts';
import { COLLAPSE_ABOVE_WORKLOADS, collapseNamespaces } from '../views/collapseNamespaces.ts';
import type { DenialMarker } from '../views/denialTier.ts';
import {
  type GraphElements,
  type GraphOptions,
  type GraphWords,
  graphElements,
  OPEN_EDGE_LIMIT,
} from '../views/graphElements.ts';
import { showsOpen } from '../views/openReason.ts';
import { currentLanguage, t } from './i18n/index.ts';

/** Graph label words in the interface language. */
function graphWords(): GraphWords | undefined {
  if (currentLanguage() === 'en') return undefined;
  return {
    isolated: t('graph.isolated'),
    in: t('graph.in'),
    out: t('graph.out'),
    perNode: t('graph.perNode'),
    assumed: t('graph.assumed'),
    connections: (count) => t('count.connections', { count }),
    collapsedWorkloads: (count) => t('graph.collapsed', { count }),
  };
}

/** The verdict filter as applied (open connections shown by default when nothing is isolated). */
export function effectiveVerdictFilter(state: ReachlabState): ReachlabState['verdictFilter'] {
  const open = showsOpen(state.openChoice, state.verdictFilter.unrestricted, state.snapshot);
  return { ...state.verdictFilter, unrestricted: open };
}

import { withTeachOverlay } from './diff/graphOverlay.ts';

/** Namespaces drawn as one node: all but the expanded ones, once the cluster is large. */
export function collapsedNamespacesOf(state: ReachlabState): Set<string> {
  const snapshot = state.snapshot;
  if (!snapshot || snapshot.workloads.length <= COLLAPSE_ABOVE_WORKLOADS) return new Set();
  return new Set(snapshot.namespaces.map((n) => n.name).filter((n) => !state.expandedNamespaces.includes(n)));
}

/** Up to this many Services and Ingresses are drawn unless the user says otherwise. */
export const AUTO_ROUTE_LIMIT = 8;

export function showRoutesOf(state: ReachlabState): boolean {
  return state.showRoutes ?? (state.snapshot?.routes.length ?? 0) <= AUTO_ROUTE_LIMIT;
}

/** The graph options the store implies (selection, filters, recent changes). */
export function graphOptionsOf(state: ReachlabState, changed: ReadonlySet<string>): GraphOptions {
  const selection = state.selection;
  let selected: string | null = null;
  if (selection?.kind === 'workload') selected = selection.id;
  else if (selection?.kind === 'namespace') selected = `ns:${selection.name}`;
  const verdictFilter = effectiveVerdictFilter(state);
  return {
    words: graphWords(),
    verdictFilter,
    aggregateOpen:
      verdictFilter.unrestricted && (state.snapshot?.stats.unrestrictedPairs ?? 0) > OPEN_EDGE_LIMIT,
    hiddenNamespaces: state.hiddenNamespaces,
    search: state.search,
    showRoutes: showRoutesOf(state),
    collapsed: collapsedNamespacesOf(state),
    selected,
    selectedPair: selection?.kind === 'pair' ? { from: selection.from, to: selection.to } : null,
    changed,
    deniedLabels: deniedLabelsOf(state, selected),
  };
}

/** `✕ admin`, `✕ Calico tier security`: the words on a denied edge a non-NetworkPolicy tier decided. */
export function denialLabel(marker: DenialMarker): string {
  return `✕ ${marker.family === 'tier' || marker.family === 'kind' ? marker.name : t(`deniedBy.${marker.family}`)}`;
}

function deniedLabelsOf(state: ReachlabState, selected: string | null): Map<string, string> | undefined {
  if (!state.deniedBy || state.deniedBy.focus !== selected) return undefined;
  return new Map(Object.entries(state.deniedBy.markers).map(([key, marker]) => [key, denialLabel(marker)]));
}

/** The graph as drawn: elements for the store's options, with collapsed namespaces folded. */
export function graphOf(state: ReachlabState, changed: ReadonlySet<string>): GraphElements {
  if (!state.snapshot) return { nodes: [], edges: [], hiddenBundles: 0 };
  const options = graphOptionsOf(state, changed);
  const drawn = graphElements(state.snapshot, options);
  const shown = withTeachOverlay(state, collapseNamespaces(drawn, options.collapsed, options.words));
  return { ...shown, hiddenBundles: drawn.hiddenBundles };
}
