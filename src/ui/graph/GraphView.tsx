import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { CHANGE_HIGHLIGHT_MS } from '../ChangeBanner.tsx';
import { useExportableGraph } from '../export/graphInstance.ts';
import { graphOf } from '../graphOptions.ts';
import { GraphToolbar } from './GraphToolbar.tsx';
import { Legend } from './Legend.tsx';
import { useCytoscape } from './useCytoscape.ts';

const selectGraphInputs = (s: ReachlabState) => ({
  snapshot: s.snapshot,
  selection: s.selection,
  verdictFilter: s.verdictFilter,
  hiddenNamespaces: s.hiddenNamespaces,
  search: s.search,
  showRoutes: s.showRoutes,
  lastChange: s.lastChange,
  expandedNamespaces: s.expandedNamespaces,
  webgl: s.webgl,
  compare: s.compare,
  ghosts: s.ghosts,
});

const NO_CHANGES: ReadonlySet<string> = new Set();

const handlers = {
  onNode: (id: string, kind: string) => {
    const { select } = useStore.getState();
    if (kind === 'namespace') select({ kind: 'namespace', name: id.slice(3) });
    else if (kind === 'workload') select({ kind: 'workload', id });
  },
  onEdge: (from: string, to: string) =>
    useStore.getState().select({ kind: 'pair', from: externalOrId(from), to: externalOrId(to) }),
  onBackground: () => useStore.getState().select(null),
};

/** An external group node id (`ext:1.2.3.0/24,...`) stands for its first range. */
function externalOrId(id: string): string {
  return id.startsWith('ext:') ? (id.slice(4).split(',')[0] ?? id) : id;
}

export function GraphView() {
  const inputs = useStore(useShallow(selectGraphInputs));
  const [changed, setChanged] = useState<ReadonlySet<string>>(NO_CHANGES);
  useEffect(() => {
    if (!inputs.lastChange) return;
    setChanged(new Set(inputs.lastChange.edges));
    const timer = setTimeout(() => setChanged(NO_CHANGES), CHANGE_HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [inputs.lastChange]);

  const elements = useMemo(() => {
    // inputs is what the graph depends on; the options are read from the store as a whole.
    if (!inputs.snapshot) return { nodes: [], edges: [] };
    return graphOf(useStore.getState(), changed);
  }, [inputs, changed]);
  const { container, cy } = useCytoscape(elements.nodes, elements.edges, handlers, inputs.webgl);
  useExportableGraph(cy);
  const hiddenEdges =
    inputs.snapshot && !inputs.verdictFilter.unrestricted ? inputs.snapshot.stats.unrestrictedPairs : 0;

  return (
    <div className="graph-view">
      <GraphToolbar cy={cy} />
      <div className="graph" data-testid="graph" ref={container} />
      <Legend hiddenUnrestricted={hiddenEdges} />
      {inputs.snapshot && inputs.snapshot.workloads.length === 0 && (
        <p className="graph-empty">No workloads yet. Paste manifests, upload files or pick a sample.</p>
      )}
    </div>
  );
}
