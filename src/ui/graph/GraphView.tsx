import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { openReason } from '../../views/openReason.ts';
import { CHANGE_HIGHLIGHT_MS, ChangeBanner } from '../ChangeBanner.tsx';
import { useExportableGraph } from '../export/graphInstance.ts';
import { effectiveVerdictFilter, graphOf } from '../graphOptions.ts';
import { stepByKey } from '../presenterKeys.ts';
import { useResolvedTheme } from '../useTheme.ts';
import { EmptyState } from './EmptyState.tsx';
import { GraphToolbar } from './GraphToolbar.tsx';
import { Legend } from './Legend.tsx';
import { useCytoscape } from './useCytoscape.ts';

const selectGraphInputs = (s: ReachlabState) => ({
  snapshot: s.snapshot,
  selection: s.selection,
  verdictFilter: s.verdictFilter,
  openChoice: s.openChoice,
  hiddenNamespaces: s.hiddenNamespaces,
  search: s.search,
  showRoutes: s.showRoutes,
  lastChange: s.lastChange,
  expandedNamespaces: s.expandedNamespaces,
  webgl: s.webgl,
  compare: s.compare,
  ghosts: s.ghosts,
  presenter: s.presenter,
  deniedBy: s.deniedBy,
});

const NO_CHANGES: ReadonlySet<string> = new Set();

const handlers = {
  onNode: (id: string, kind: string) => {
    const { select } = useStore.getState();
    if (kind === 'namespace') select({ kind: 'namespace', name: id.slice(3) });
    else if (kind === 'workload') select({ kind: 'workload', id });
  },
  onEdge: (from: string, to: string) => {
    // A bundled edge between two namespaces stands for many pairs: show the source namespace.
    if (from.startsWith('ns:')) useStore.getState().select({ kind: 'namespace', name: from.slice(3) });
    else useStore.getState().select({ kind: 'pair', from: externalOrId(from), to: externalOrId(to) });
  },
  onBackground: () => useStore.getState().select(null),
  onViewport: (view: { zoom: number; pan: { x: number; y: number } }) =>
    useStore.getState().setGraphView(view),
};

/** An external group node id (`ext:1.2.3.0/24,...`) stands for its first range. */
function externalOrId(id: string): string {
  return id.startsWith('ext:') ? (id.slice(4).split(',')[0] ?? id) : id;
}

/** "Every workload can reach every other": said on the canvas when nothing is isolated. */
function OpenSummary() {
  const { t } = useTranslation();
  const reason = useStore((s) => openReason(s.snapshot));
  const shown = useStore((s) => effectiveVerdictFilter(s).unrestricted);
  if (!reason) return null;
  return (
    <p className="canvas-summary" data-testid="open-summary" data-reason={reason}>
      <span aria-hidden="true">○ </span>
      {reason === 'no-policy' ? t('open.noPolicy') : t('open.notEnforced')}
      {!shown && (
        <>
          {' '}
          <button
            type="button"
            className="link"
            onClick={() => useStore.getState().toggleVerdict('unrestricted')}
          >
            {t('open.show')}
          </button>
        </>
      )}
    </p>
  );
}

/** Namespace-to-namespace arrows left out of a dense overview: said on the canvas, with the way in. */
function DenseSummary({ hidden }: { hidden: number }) {
  const { t, i18n } = useTranslation();
  if (hidden === 0) return null;
  return (
    <p className="canvas-summary" data-testid="dense-summary">
      <span aria-hidden="true">⋯ </span>
      {t('dense.hidden', { count: hidden, shown: hidden.toLocaleString(i18n.language) })}{' '}
      <button type="button" className="link" onClick={() => useStore.getState().setView('matrix')}>
        {t('dense.matrix')}
      </button>
    </p>
  );
}

export function GraphView() {
  const inputs = useStore(useShallow(selectGraphInputs));
  // Labels are drawn in the interface language: a switch redraws them (nodes do not move).
  const { i18n, t } = useTranslation();
  const language = i18n.language;
  const theme = useResolvedTheme();
  // The edges a change just touched are highlighted from the first render of its result (one
  // graph build, not two), until the highlight expires.
  const [expired, setExpired] = useState<ReachlabState['lastChange']>(null);
  const changed = useMemo<ReadonlySet<string>>(
    () =>
      inputs.lastChange && inputs.lastChange !== expired ? new Set(inputs.lastChange.edges) : NO_CHANGES,
    [inputs.lastChange, expired],
  );
  useEffect(() => {
    const change = inputs.lastChange;
    if (!change) return;
    const timer = setTimeout(() => setExpired(change), CHANGE_HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [inputs.lastChange]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: language changes the label words graphOf reads from i18n.
  const elements = useMemo(() => {
    // inputs is what the graph depends on; the options are read from the store as a whole.
    if (!inputs.snapshot) return { nodes: [], edges: [], hiddenBundles: 0 };
    return graphOf(useStore.getState(), changed);
  }, [inputs, changed, language]);
  const { container, cy } = useCytoscape(elements.nodes, elements.edges, handlers, inputs.webgl, {
    theme,
    presenter: inputs.presenter,
    // The view the user left (matrix and back), a link's or a reload's: used on a fresh mount.
    viewport: useStore.getState().graphView,
    selected: inputs.selection?.kind === 'workload' ? inputs.selection.id : null,
  });
  useExportableGraph(cy);
  const openShown = useStore((s) => effectiveVerdictFilter(s).unrestricted);
  const hiddenEdges = inputs.snapshot && !openShown ? inputs.snapshot.stats.unrestrictedPairs : 0;

  return (
    <div className="graph-view">
      <GraphToolbar cy={cy} />
      <div className="graph-stage">
        <div
          className="graph"
          data-testid="graph"
          ref={container}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the canvas takes arrow keys to step through workloads, as its label says.
          tabIndex={0}
          role="application"
          aria-label={t('graphKeys')}
          onKeyDown={(event) => {
            if (event.target === event.currentTarget && stepByKey(event.key)) event.preventDefault();
          }}
        />
        <div className="graph-overlays">
          <ChangeBanner />
          <OpenSummary />
          <DenseSummary hidden={elements.hiddenBundles} />
          <EmptyState />
        </div>
      </div>
      <Legend hiddenUnrestricted={hiddenEdges} />
    </div>
  );
}
