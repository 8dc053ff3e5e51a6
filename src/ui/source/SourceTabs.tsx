import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';

const selectTabs = (s: ReachlabState) => ({ sources: s.sources, activeSourceId: s.activeSourceId });

/** One tab per source: click to edit, double-click to rename, × to remove; + adds an empty one to paste into. */
export function SourceTabs() {
  const { sources, activeSourceId } = useStore(useShallow(selectTabs));
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState<string | null>(null);
  const store = useStore.getState;
  return (
    <div className="tabs-bar">
      <div className="tabs" role="tablist" aria-label={t('source.tabs')}>
        {sources.map((source) => (
          <div key={source.id} className="tab" role="presentation" data-active={source.id === activeSourceId}>
            {renaming === source.id ? (
              <input
                className="tab-rename"
                aria-label={t('source.fileName')}
                defaultValue={source.name}
                // biome-ignore lint/a11y/noAutofocus: renaming starts on an explicit double-click.
                autoFocus
                onBlur={(event) => {
                  store().renameSource(source.id, event.target.value);
                  setRenaming(null);
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') event.currentTarget.blur();
                  if (event.key === 'Escape') setRenaming(null);
                }}
              />
            ) : (
              <button
                type="button"
                role="tab"
                aria-selected={source.id === activeSourceId}
                title={t('source.rename')}
                onClick={() => store().setActiveSource(source.id)}
                onKeyDown={(event) => {
                  // The keyboard path to rename and remove (the × is for the mouse).
                  if (event.key === 'F2') setRenaming(source.id);
                  if (event.key === 'Delete') store().removeSource(source.id);
                }}
                onDoubleClick={() => setRenaming(source.id)}
              >
                {source.name}
              </button>
            )}
            <button
              type="button"
              className="tab-close"
              tabIndex={-1}
              aria-hidden="true"
              aria-label={t('source.remove', { name: source.name })}
              onClick={() => store().removeSource(source.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      <button
        type="button"
        className="tab-add"
        aria-label={t('source.add')}
        title={t('source.add')}
        onClick={() => store().addSources([{ name: 'pasted.yaml', text: '' }])}
      >
        +
      </button>
    </div>
  );
}
