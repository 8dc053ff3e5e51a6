import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';
import { AnalysisProgress } from './AnalysisProgress.tsx';
import { ChangeBanner } from './ChangeBanner.tsx';
import { DropZone } from './DropZone.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { GraphView } from './graph/GraphView.tsx';
import { Header } from './Header.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { MatrixView } from './matrix/MatrixView.tsx';
import { NotesBanner } from './NotesBanner.tsx';
import { installPresenterKeys } from './presenterKeys.ts';
import { Splitter } from './Splitter.tsx';
import { SourcePanel } from './source/SourcePanel.tsx';
import { UnsupportedBanner } from './UnsupportedBanner.tsx';
import { useResolvedTheme } from './useTheme.ts';

const selectApp = (s: ReachlabState) => ({ view: s.view, presenter: s.presenter, widths: s.panelWidths });

export function App() {
  const { t } = useTranslation();
  const { view, presenter, widths } = useStore(useShallow(selectApp));
  const theme = useResolvedTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  useEffect(() => installPresenterKeys(), []);
  return (
    <ErrorBoundary area="Reachlab">
      <DropZone>
        <div
          className="app"
          data-presenter={presenter ? 'true' : 'false'}
          style={
            {
              '--source-width': `${widths.source}px`,
              '--inspector-width': `${widths.inspector}px`,
            } as React.CSSProperties
          }
        >
          <Header />
          <main className="workspace">
            {!presenter && (
              <>
                <ErrorBoundary area={t('area.source')}>
                  <SourcePanel />
                </ErrorBoundary>
                <Splitter panel="source" width={widths.source} />
              </>
            )}
            <section className="canvas" aria-label={view === 'graph' ? t('area.graph') : t('area.matrix')}>
              <UnsupportedBanner />
              {view !== 'graph' && <ChangeBanner />}
              <NotesBanner />
              <AnalysisProgress />
              <ErrorBoundary area={view === 'graph' ? t('area.graph') : t('area.matrix')}>
                {view === 'graph' ? <GraphView /> : <MatrixView />}
              </ErrorBoundary>
            </section>
            <Splitter panel="inspector" width={widths.inspector} />
            <ErrorBoundary area={t('area.inspector')}>
              <Inspector />
            </ErrorBoundary>
          </main>
        </div>
      </DropZone>
    </ErrorBoundary>
  );
}
