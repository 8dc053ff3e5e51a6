import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { looksLikeStateFile } from '../share/stateFile.ts';
import { undo, useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';
import { LANGUAGES, setLanguage, t } from './i18n/index.ts';
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
  theme: s.theme,
  presenter: s.presenter,
  hasOwnWork: s.sampleId === null && s.sources.some((f) => f.text.trim() !== ''),
});

type LoadMode = 'replace' | 'add';

/**
 * Loads files into the store: a saved .reachlab.json opens as a whole workspace, manifests
 * replace or join the sources. Adding is one undo step, and the notice offers that undo.
 */
export async function loadFiles(files: readonly File[], mode: LoadMode = 'add'): Promise<void> {
  const { files: all, problems } = await readFiles(files);
  const state = useStore.getState();
  for (const problem of problems) state.notify(problem, 'error');
  const stateFiles = all.filter((f) => looksLikeStateFile(f.name, f.text));
  for (const file of stateFiles) await openStateFileText(file.name, file.text);
  // A lesson file opens as a lesson, with the other files as the manifests it names.
  const lesson = all.find((f) => !stateFiles.includes(f) && looksLikeLesson(f.text));
  if (lesson) {
    openLessonText(lesson.name, lesson.text, new Map(all.map((f) => [f.name, f.text])));
    return;
  }
  const read = all.filter((f) => !stateFiles.includes(f));
  if (read.length === 0) return;
  // An untouched sample is replaced either way: nobody means to mix their files with it.
  if (mode === 'replace' || state.sampleId !== null) state.replaceSources(read);
  else state.addSources(read);
  state.notify(
    t(mode === 'replace' || state.sampleId !== null ? 'upload.replaced' : 'upload.added', {
      count: read.length,
      names: read.map((f) => f.name).join(', '),
    }),
    'info',
    { label: t('action.undo'), run: undo },
  );
}

function Notices({ notices }: { notices: ReachlabState['notices'] }) {
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    <ul className="notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          {n.action && (
            <button type="button" className="link" onClick={n.action.run}>
              {n.action.label}
            </button>
          )}
          <button
            type="button"
            aria-label={t('action.dismiss')}
            onClick={() => useStore.getState().dismissNotice(n.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

export function Header() {
  const { t, i18n } = useTranslation();
  const { view, sampleId, analyzing, stats, notices, theme, presenter, hasOwnWork } = useStore(
    useShallow(selectHeader),
  );
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<File[] | null>(null);
  const sample = SAMPLES.find((s) => s.id === sampleId);
  const store = useStore.getState;
  const words = (s: (typeof SAMPLES)[number]) => s.translations[i18n.language] ?? s;

  return (
    <header className="header">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◎
        </span>
        <h1>Reachlab</h1>
        <span className="tagline">{t('app.tagline')}</span>
      </div>
      <label className="field">
        <span>{t('header.sample')}</span>
        <select
          data-testid="sample-picker"
          value={sampleId ?? ''}
          onChange={(event) => {
            const chosen = SAMPLES.find((s) => s.id === event.target.value);
            if (chosen) store().replaceSources([{ name: chosen.fileName, text: chosen.text }], chosen.id);
          }}
        >
          {sampleId === null && <option value="">{t('header.yourManifests')}</option>}
          {SAMPLES.map((s) => (
            <option key={s.id} value={s.id} title={words(s).description}>
              {words(s).title}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" data-testid="upload" onClick={() => input.current?.click()}>
        {t('header.upload')}
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
          if (files.length === 0) return;
          // With work of one's own open, ask: an upload that silently merged surprised people.
          if (hasOwnWork) setPending(files);
          else void loadFiles(files, 'replace');
        }}
      />
      <fieldset className="view-switch">
        <legend className="visually-hidden">{t('header.view')}</legend>
        <button
          type="button"
          data-testid="view-graph"
          aria-pressed={view === 'graph'}
          onClick={() => store().setView('graph')}
        >
          {t('header.graph')}
        </button>
        <button
          type="button"
          data-testid="view-matrix"
          aria-pressed={view === 'matrix'}
          onClick={() => store().setView('matrix')}
        >
          {t('header.matrix')}
        </button>
      </fieldset>
      <TeachMenus />
      <SettingsMenu />
      <ShareBar />
      <div className="display-controls">
        <label className="field compact">
          <span>{t('header.theme')}</span>
          <select
            data-testid="theme"
            value={theme}
            onChange={(event) => store().setTheme(event.target.value as ReachlabState['theme'])}
          >
            <option value="system">{t('theme.system')}</option>
            <option value="light">{t('theme.light')}</option>
            <option value="dark">{t('theme.dark')}</option>
          </select>
        </label>
        <label className="field compact">
          <span className="visually-hidden">{t('header.language')}</span>
          <span aria-hidden="true">文/A</span>
          <select
            data-testid="language"
            value={i18n.language}
            aria-label={t('header.language')}
            onChange={(event) => setLanguage(event.target.value as (typeof LANGUAGES)[number]['id'])}
          >
            {LANGUAGES.map((l) => (
              <option key={l.id} value={l.id} lang={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          data-testid="presenter"
          aria-pressed={presenter}
          title={t('presenter.hint')}
          onClick={() => store().setPresenter(!presenter)}
        >
          {presenter ? t('presenter.leave') : t('presenter.enter')}
        </button>
      </div>
      <div className="status" aria-live="polite">
        {analyzing
          ? t('header.evaluating')
          : stats
            ? `${t('count.workloads', { count: stats.workloads })} · ${t('count.policies', { count: stats.policies })} · ${stats.evaluateMs.toFixed(1)} ms`
            : ''}
      </div>
      {sample && (
        <p className="sample-description" data-testid="sample-description">
          {words(sample).description}
        </p>
      )}
      {pending && (
        <div className="upload-prompt" role="dialog" aria-label={t('upload.ask')} data-testid="upload-prompt">
          <span>{t('upload.ask', { count: pending.length })}</span>
          <button
            type="button"
            className="button"
            data-testid="upload-replace"
            onClick={() => {
              void loadFiles(pending, 'replace');
              setPending(null);
            }}
          >
            {t('upload.replace')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="upload-add"
            onClick={() => {
              void loadFiles(pending, 'add');
              setPending(null);
            }}
          >
            {t('upload.add')}
          </button>
          <button type="button" className="link" onClick={() => setPending(null)}>
            {t('action.cancel')}
          </button>
        </div>
      )}
      <Notices notices={notices} />
    </header>
  );
}
