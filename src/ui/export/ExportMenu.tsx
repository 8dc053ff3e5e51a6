import { useRef } from 'react';
import { useStore } from '../../state/store.ts';
import { graphToDrawio } from './graphDrawio.ts';
import { exportableGraph } from './graphInstance.ts';
import { graphToSvg } from './graphSvg.ts';
import { manifestsWithEdits, matrixCsv, reportMarkdown } from './tableExports.ts';

function download(content: Blob | string, fileName: string, type: string): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

const baseName = () => useStore.getState().sources[0]?.name.replace(/\.(ya?ml|json)$/i, '') || 'reachlab';

/** Header menu: the graph as PNG (2x, for slides), SVG and draw.io; the matrix, a report, the manifests. */
export function ExportMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  const run = (action: () => void) => () => {
    menu.current?.removeAttribute('open');
    try {
      action();
    } catch (error) {
      useStore.getState().notify(`The export failed: ${String(error)}`, 'error');
    }
  };
  const needGraph = () => {
    const cy = exportableGraph();
    if (!cy) throw new Error('switch to the graph view first: the picture is exported as it is drawn');
    return cy;
  };
  const snapshot = () => {
    const s = useStore.getState().snapshot;
    if (!s) throw new Error('nothing is analysed yet');
    return s;
  };
  const items: [string, string, string, () => void][] = [
    [
      'export-png',
      'Graph as PNG (2×, for slides)',
      'A picture of the graph at twice the screen resolution',
      () => {
        const blob = needGraph().png({
          output: 'blob',
          scale: 2,
          full: true,
          bg: '#ffffff',
        }) as unknown as Blob;
        download(blob, `${baseName()}-graph.png`, 'image/png');
      },
    ],
    [
      'export-svg',
      'Graph as SVG',
      'A vector picture of the graph, sharp at any size',
      () => download(graphToSvg(needGraph()), `${baseName()}-graph.svg`, 'image/svg+xml'),
    ],
    [
      'export-drawio',
      'Graph for draw.io',
      'Open in diagrams.net to rearrange and annotate',
      () => download(graphToDrawio(needGraph()), `${baseName()}-graph.drawio`, 'application/xml'),
    ],
    [
      'export-csv',
      'Matrix as CSV',
      'One row per pair of workloads: verdict and ports',
      () => download(matrixCsv(snapshot()), `${baseName()}-matrix.csv`, 'text/csv'),
    ],
    [
      'export-report',
      'Report (Markdown)',
      'The matrix, findings and what-if edits in one document',
      () => download(reportMarkdown(useStore.getState()), `${baseName()}-report.md`, 'text/markdown'),
    ],
    [
      'export-yaml',
      'Manifests with what-if edits',
      'Your manifests with the label edits written in',
      () => {
        const { text, skipped } = manifestsWithEdits(useStore.getState());
        download(text, `${baseName()}-edited.yaml`, 'application/yaml');
        for (const s of skipped) useStore.getState().notify(`Not written into the manifests: ${s}`, 'error');
      },
    ],
  ];
  return (
    <details className="teach-menu" ref={menu} data-testid="export">
      <summary className="button">Export</summary>
      <div className="popover teach-popover" role="menu">
        {items.map(([testId, label, title, action]) => (
          <button
            key={testId}
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid={testId}
            title={title}
            onClick={run(action)}
          >
            {label}
          </button>
        ))}
      </div>
    </details>
  );
}
