import type { Core } from 'cytoscape';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState, VerdictFilter } from '../../state/types.ts';
import { effectiveVerdictFilter, showRoutesOf } from '../graphOptions.ts';
import { VERDICT_STYLE } from './graphStyle.ts';
import { fitReadable } from './useCytoscape.ts';

const selectToolbar = (s: ReachlabState) => ({
  verdictFilter: s.verdictFilter,
  openShown: effectiveVerdictFilter(s).unrestricted,
  hiddenNamespaces: s.hiddenNamespaces,
  namespaces: s.snapshot?.namespaces,
  search: s.search,
  showRoutes: showRoutesOf(s),
  routeCount: s.snapshot?.routes.length ?? 0,
  presenter: s.presenter,
});

const VERDICTS: VerdictFilter[] = ['allowed', 'partial', 'denied', 'unrestricted'];

/** Centres the view on the first search match, at a readable zoom. */
function jumpToMatch(cy: Core | null): void {
  const match = cy?.nodes('.match').first();
  if (!cy || !match || match.empty()) return;
  cy.animate({ center: { eles: match }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
}

/** Filters by verdict and namespace, search by name, label or policy, and zoom controls. */
export function GraphToolbar({ cy }: { cy: RefObject<Core | null> }) {
  const { t } = useTranslation();
  const { hiddenNamespaces, namespaces, search, showRoutes, routeCount, presenter, ...filter } = useStore(
    useShallow(selectToolbar),
  );
  const verdictFilter = { ...filter.verdictFilter, unrestricted: filter.openShown };
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
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <input
        type="search"
        className="search"
        data-testid="search"
        placeholder={t('toolbar.searchPlaceholder')}
        aria-label={t('toolbar.search')}
        title={t('toolbar.searchHint')}
        value={search}
        onChange={(event) => store().setSearch(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') jumpToMatch(cy.current);
        }}
      />
      <fieldset className="verdict-filter">
        <legend className="visually-hidden">{t('toolbar.show')}</legend>
        {VERDICTS.map((verdict) => (
          <label
            key={verdict}
            className={`chip-toggle verdict-${verdict}`}
            title={t(`verdict.${verdict}Long`)}
          >
            <input
              type="checkbox"
              data-testid={`filter-${verdict}`}
              checked={verdictFilter[verdict]}
              onChange={() => store().toggleVerdict(verdict)}
            />
            <span aria-hidden="true">{VERDICT_STYLE[verdict].symbol}</span> {t(`verdict.${verdict}`)}
          </label>
        ))}
      </fieldset>
      <label className="chip-toggle" title={t('toolbar.servicesHint')}>
        <input
          type="checkbox"
          data-testid="filter-routes"
          checked={showRoutes && routeCount > 0}
          disabled={routeCount === 0}
          onChange={() => store().setShowRoutes(!showRoutes)}
        />{' '}
        {t('toolbar.services', { count: routeCount })}
      </label>
      <details className="namespace-filter">
        <summary>
          {hiddenNamespaces.length
            ? t('toolbar.namespacesHidden', { count: hiddenNamespaces.length })
            : t('toolbar.namespaces')}
        </summary>
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
      <fieldset className="zoom">
        <legend className="visually-hidden">{t('toolbar.zoom')}</legend>
        <button type="button" aria-label={t('toolbar.zoomIn')} onClick={() => zoom(1.25)}>
          +
        </button>
        <button type="button" aria-label={t('toolbar.zoomOut')} onClick={() => zoom(0.8)}>
          −
        </button>
        <button
          type="button"
          title={t('toolbar.fitHint')}
          onClick={() => cy.current && fitReadable(cy.current, presenter)}
        >
          {t('toolbar.fit')}
        </button>
        <button type="button" title={t('toolbar.allHint')} onClick={() => cy.current?.fit(undefined, 30)}>
          {t('toolbar.all')}
        </button>
      </fieldset>
    </div>
  );
}
