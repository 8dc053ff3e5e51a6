import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';

const selectTabs = (s: ReachlabState) => ({ sources: s.sources, activeSourceId: s.activeSourceId });

/** One tab per source: click to edit, double-click to rename, × to remove; + adds an empty one to paste into. */
export function SourceTabs() {
  const { sources, activeSourceId } = useStore(useShallow(selectTabs));
  const [renaming, setRenaming] = useState<string | null>(null);
  const store = useStore.getState;
  return (
    <div className="tabs" role="tablist" aria-label="Sources">
      {sources.map((source) => (
        <div key={source.id} className="tab" role="presentation" data-active={source.id === activeSourceId}>
          {renaming === source.id ? (
            <input
              className="tab-rename"
              aria-label="File name"
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
              title="Double-click to rename"
              onClick={() => store().setActiveSource(source.id)}
              onDoubleClick={() => setRenaming(source.id)}
            >
              {source.name}
            </button>
          )}
          <button
            type="button"
            className="tab-close"
            aria-label={`Remove ${source.name}`}
            onClick={() => store().removeSource(source.id)}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="tab-add"
        aria-label="New source to paste into"
        title="New source to paste into"
        onClick={() => store().addSources([{ name: 'pasted.yaml', text: '' }])}
      >
        +
      </button>
    </div>
  );
}
