import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { looksLikeStateFile } from '../share/stateFile.ts';
import { useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';
import { looksLikeLesson, openLessonText } from './lessons/openLesson.ts';
import { TeachMenus } from './lessons/TeachMenus.tsx';
import { readFiles } from './readFiles.ts';
import { SettingsMenu } from './SettingsMenu.tsx';
import { SAMPLES } from './samples.ts';
import { ShareBar } from './share/ShareBar.tsx';
import { openStateFileText } from './share/shareActions.ts';

const selectHeader = (s: ReachlabState) => ({
  view: s.view,
  sampleId: s.sampleId,
  analyzing: s.analyzing,
  stats: s.snapshot?.stats ?? null,
  notices: s.notices,
});

/** Loads files into the store as new sources; problems become notices. */
export async function loadFiles(files: readonly File[]): Promise<void> {
  const { files: all, problems } = await readFiles(files);
  const state = useStore.getState();
  for (const problem of problems) state.notify(problem, 'error');
  // A saved .reachlab.json opens as a whole workspace; everything else is a manifest.
  const stateFiles = all.filter((f) => looksLikeStateFile(f.name, f.text));
  for (const file of stateFiles) await openStateFileText(file.name, file.text);
  // A lesson file opens as a lesson, with the other files as the manifests it names.
  const lesson = all.find((f) => !stateFiles.includes(f) && looksLikeLesson(f.text));
  if (lesson) {
    openLessonText(lesson.name, lesson.text, new Map(all.map((f) => [f.name, f.text])));
    return;
  }
  const read = all.filter((f) => !stateFiles.includes(f));
  if (read.length > 0) {
    // Files replace an untouched sample; otherwise they join the user's own sources.
    if (state.sampleId !== null) state.replaceSources(read);
    else state.addSources(read);
    state.notify(
      `Loaded ${read.length} file${read.length === 1 ? '' : 's'}: ${read.map((f) => f.name).join(', ')}`,
    );
  }
}

export function Header() {
  const { view, sampleId, analyzing, stats, notices } = useStore(useShallow(selectHeader));
  const input = useRef<HTMLInputElement>(null);
  const sample = SAMPLES.find((s) => s.id === sampleId);

  return (
    <header className="header">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◎
        </span>
        <h1>Reachlab</h1>
        <span className="tagline">who can talk to whom</span>
      </div>
      <label className="field">
        <span>Sample</span>
        <select
          data-testid="sample-picker"
          value={sampleId ?? ''}
          onChange={(event) => {
            const chosen = SAMPLES.find((s) => s.id === event.target.value);
            if (chosen)
              useStore.getState().replaceSources([{ name: chosen.fileName, text: chosen.text }], chosen.id);
          }}
        >
          {sampleId === null && <option value="">Your manifests</option>}
          {SAMPLES.map((s) => (
            <option key={s.id} value={s.id} title={s.description}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        Upload files…
      </button>
      <input
        ref={input}
        data-testid="file-input"
        type="file"
        multiple
        accept=".yaml,.yml,.json,.reachlab.json"
        hidden
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          void loadFiles(files);
        }}
      />
      <fieldset className="view-switch" aria-label="View">
        <button
          type="button"
          data-testid="view-graph"
          aria-pressed={view === 'graph'}
          onClick={() => useStore.getState().setView('graph')}
        >
          Graph
        </button>
        <button
          type="button"
          data-testid="view-matrix"
          aria-pressed={view === 'matrix'}
          onClick={() => useStore.getState().setView('matrix')}
        >
          Matrix
        </button>
      </fieldset>
      <TeachMenus />
      <SettingsMenu />
      <ShareBar />
      <div className="status" aria-live="polite">
        {analyzing
          ? 'Evaluating…'
          : stats
            ? `${stats.workloads} workloads · ${stats.policies} policies · ${stats.evaluateMs.toFixed(1)} ms`
            : ''}
      </div>
      {sample && <p className="sample-description">{sample.description}</p>}
      {notices.length > 0 && (
        <ul className="notices">
          {notices.map((n) => (
            <li
              key={n.id}
              className={`notice notice-${n.tone}`}
              role={n.tone === 'error' ? 'alert' : 'status'}
            >
              <span>{n.text}</span>
              {n.action && (
                <button type="button" className="link" onClick={n.action.run}>
                  {n.action.label}
                </button>
              )}
              <button
                type="button"
                aria-label="Dismiss"
                onClick={() => useStore.getState().dismissNotice(n.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}
