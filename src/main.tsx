import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startAnalysisRunner } from './state/analysisRunner.ts';
import { restoreOnStart } from './state/persistence.ts';
import { useStore } from './state/store.ts';
import { App } from './ui/App.tsx';
import { initI18n } from './ui/i18n/index.ts';
import { installKeyboardShortcuts } from './ui/keyboard.ts';
import { SAMPLES } from './ui/samples.ts';
import { installTestApi } from './ui/testApi.ts';
import { DEFAULT_SAMPLE_ID } from './views/samples.ts';
import './ui/styles.css';

function loadDefaultSample(): void {
  const first = SAMPLES.find((s) => s.id === DEFAULT_SAMPLE_ID) ?? SAMPLES[0];
  if (first) useStore.getState().replaceSources([{ name: first.fileName, text: first.text }], first.id);
}

initI18n();
installTestApi();
installKeyboardShortcuts();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
// A link, then the work saved in this browser, then the default sample.
void restoreOnStart(loadDefaultSample).finally(startAnalysisRunner);
