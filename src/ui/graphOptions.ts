import type { ReachlabState } from '../state/types.ts';
import type { GraphOptions } from '../views/graphElements.ts';

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
    selected,
    selectedPair: selection?.kind === 'pair' ? { from: selection.from, to: selection.to } : null,
    changed,
  };
}
