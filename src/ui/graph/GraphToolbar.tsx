import type { Core } from 'cytoscape';
import type { RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState, VerdictFilter } from '../../state/types.ts';
import { showRoutesOf } from '../graphOptions.ts';
import { VERDICT_STYLE } from './graphStyle.ts';

const selectToolbar = (s: ReachlabState) => ({
  verdictFilter: s.verdictFilter,
  hiddenNamespaces: s.hiddenNamespaces,
  namespaces: s.snapshot?.namespaces,
  search: s.search,
  showRoutes: showRoutesOf(s),
  webgl: s.webgl,
  routeCount: s.snapshot?.routes.length ?? 0,
});

const VERDICTS: VerdictFilter[] = ['allowed', 'partial', 'denied', 'unrestricted'];

/** Filters by verdict and namespace, search by name or label, and zoom controls. */
export function GraphToolbar({ cy }: { cy: RefObject<Core | null> }) {
  const { verdictFilter, hiddenNamespaces, namespaces, search, showRoutes, routeCount, webgl } = useStore(
    useShallow(selectToolbar),
  );
  const store = useStore.getState;
  const zoom = (factor: number) => {
    const instance = cy.current;
    if (!instance) return;
    instance.zoom({
      level: instance.zoom() * factor,
      renderedPosition: { x: instance.width() / 2, y: instance.height() / 2 },
    });
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Graph controls">
      <input
        type="search"
        className="search"
        placeholder="Search name or label (app=web)"
        aria-label="Search workloads by name or label"
        value={search}
        onChange={(event) => store().setSearch(event.target.value)}
      />
      <fieldset className="verdict-filter">
        <legend className="visually-hidden">Show connections</legend>
        {VERDICTS.map((verdict) => (
          <label
            key={verdict}
            className={`chip-toggle verdict-${verdict}`}
            title={VERDICT_STYLE[verdict].text}
          >
            <input
              type="checkbox"
              data-testid={`filter-${verdict}`}
              checked={verdictFilter[verdict]}
              onChange={() => store().toggleVerdict(verdict)}
            />
            <span aria-hidden="true">{VERDICT_STYLE[verdict].symbol}</span>{' '}
            {verdict === 'unrestricted' ? 'open' : verdict}
          </label>
        ))}
      </fieldset>
      <label className="chip-toggle" title="Draw Services and Ingresses with their routes to workloads">
        <input
          type="checkbox"
          data-testid="filter-routes"
          checked={showRoutes}
          disabled={routeCount === 0}
          onChange={() => store().setShowRoutes(!showRoutes)}
        />{' '}
        services
        {routeCount > 0 ? ` (${routeCount})` : ''}
      </label>
      <label
        className="chip-toggle"
        title="Draw with WebGL: faster for thousands of elements (experimental in Cytoscape)"
      >
        <input
          type="checkbox"
          data-testid="toggle-webgl"
          checked={webgl}
          onChange={() => store().setWebgl(!webgl)}
        />{' '}
        WebGL
      </label>
      <details className="namespace-filter">
        <summary>Namespaces{hiddenNamespaces.length ? ` (${hiddenNamespaces.length} hidden)` : ''}</summary>
        <div className="popover">
          {(namespaces ?? []).map((ns) => (
            <label key={ns.name}>
              <input
                type="checkbox"
                checked={!hiddenNamespaces.includes(ns.name)}
                onChange={() => store().toggleNamespace(ns.name)}
              />{' '}
              {ns.name}
            </label>
          ))}
        </div>
      </details>
      <fieldset className="zoom" aria-label="Zoom">
        <button type="button" aria-label="Zoom in" onClick={() => zoom(1.25)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" onClick={() => zoom(0.8)}>
          −
        </button>
        <button type="button" onClick={() => cy.current?.fit(undefined, 30)}>
          Fit
        </button>
      </fieldset>
    </div>
  );
}
