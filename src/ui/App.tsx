import { useStore } from '../state/store.ts';
import { AnalysisProgress } from './AnalysisProgress.tsx';
import { ChangeBanner } from './ChangeBanner.tsx';
import { DropZone } from './DropZone.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { GraphView } from './graph/GraphView.tsx';
import { Header } from './Header.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { MatrixView } from './matrix/MatrixView.tsx';
import { NotesBanner } from './NotesBanner.tsx';
import { SourcePanel } from './source/SourcePanel.tsx';

const selectView = (s: { view: 'graph' | 'matrix' }) => s.view;

export function App() {
  const view = useStore(selectView);
  return (
    <ErrorBoundary area="Reachlab">
      <DropZone>
        <div className="app">
          <Header />
          <main className="workspace">
            <ErrorBoundary area="The source panel">
              <SourcePanel />
            </ErrorBoundary>
            <section
              className="canvas"
              aria-label={view === 'graph' ? 'Reachability graph' : 'Reachability matrix'}
            >
              <ChangeBanner />
              <NotesBanner />
              <AnalysisProgress />
              <ErrorBoundary area={view === 'graph' ? 'The graph' : 'The matrix'}>
                {view === 'graph' ? <GraphView /> : <MatrixView />}
              </ErrorBoundary>
            </section>
            <ErrorBoundary area="The inspector">
              <Inspector />
            </ErrorBoundary>
          </main>
        </div>
      </DropZone>
    </ErrorBoundary>
  );
}
