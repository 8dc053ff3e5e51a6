import type { ReachlabState } from '../state/types.ts';
import type { GraphOptions } from '../views/graphElements.ts';

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
  return {
    verdictFilter: state.verdictFilter,
    hiddenNamespaces: state.hiddenNamespaces,
    search: state.search,
    showRoutes: showRoutesOf(state),
    selected,
    selectedPair: selection?.kind === 'pair' ? { from: selection.from, to: selection.to } : null,
    changed,
  };
}
