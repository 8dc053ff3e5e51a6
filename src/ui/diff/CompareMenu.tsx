import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { decodeFragment } from '../../share/linkCodec.ts';
import { readStateFile } from '../../share/stateFile.ts';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';

const selectTabs = (s: ReachlabState) => s.sources;

/** Header menu: compare two tabs, or a saved state (file or link) with what is open now. */
export function CompareMenu() {
  const sources = useStore(useShallow(selectTabs));
  const [before, setBefore] = useState('');
  const [after, setAfter] = useState('');
  const [link, setLink] = useState('');
  const menu = useRef<HTMLDetailsElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const beforeId = before || sources[0]?.id || '';
  const afterId = after || sources[1]?.id || sources[0]?.id || '';
  const close = () => menu.current?.removeAttribute('open');
  const notify = useStore.getState().notify;
  const compareSaved = (name: string, saved: { name: string; text: string }[]) => {
    useStore.getState().setCompare({ kind: 'saved', name, sources: saved });
    close();
  };
  return (
    <details className="teach-menu" ref={menu} data-testid="compare-menu">
      <summary className="button">Compare</summary>
      <div className="popover teach-popover">
        <fieldset className="compare-tabs">
          <legend>Two tabs</legend>
          <label className="field">
            <span>Before</span>
            <select data-testid="compare-before" value={beforeId} onChange={(e) => setBefore(e.target.value)}>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>After</span>
            <select data-testid="compare-after" value={afterId} onChange={(e) => setAfter(e.target.value)}>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button"
            data-testid="compare-tabs"
            disabled={sources.length < 2 || beforeId === afterId}
            onClick={() => {
              useStore.getState().setCompare({ kind: 'tabs', before: beforeId, after: afterId });
              close();
            }}
          >
            Compare tabs
          </button>
        </fieldset>
        <fieldset>
          <legend>A saved version against now</legend>
          <button type="button" className="button" onClick={() => file.current?.click()}>
            State file or manifests…
          </button>
          <input
            ref={file}
            type="file"
            hidden
            multiple
            accept=".yaml,.yml,.json,.reachlab.json"
            onChange={async (event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              const read = await Promise.all(
                files.map(async (f) => ({ name: f.name, text: await f.text() })),
              );
              const state =
                read.length === 1 && read[0]?.name.endsWith('.reachlab.json')
                  ? readStateFile(read[0].text)
                  : null;
              if (state && !state.ok) notify(`${read[0]?.name}: ${state.message}`, 'error');
              else if (state?.ok) compareSaved(read[0]?.name ?? 'state file', state.value.sources);
              else if (read.length) compareSaved(read.map((f) => f.name).join(', '), read);
            }}
          />
          <label className="field">
            <span>Share link</span>
            <input
              type="url"
              value={link}
              placeholder="https://…#rl1.…"
              onChange={(e) => setLink(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="button"
            disabled={!link.includes('#')}
            onClick={async () => {
              const decoded = await decodeFragment(link.slice(link.indexOf('#') + 1));
              if (decoded.ok) compareSaved('the shared link', decoded.value.sources);
              else notify(`That link cannot be compared: ${decoded.message}`, 'error');
            }}
          >
            Compare link with now
          </button>
        </fieldset>
      </div>
    </details>
  );
}
