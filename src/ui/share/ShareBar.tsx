import { useState } from 'react';
import { useStore as useTemporalStore } from 'zustand';
import { LINK_WARN_CHARS } from '../../share/linkCodec.ts';
import { redo, undo, useStore } from '../../state/store.ts';
import { createShareLink, downloadStateFile, type ShareResult } from './shareActions.ts';

const selectCanUndo = (s: { pastStates: unknown[] }) => s.pastStates.length > 0;
const selectCanRedo = (s: { futureStates: unknown[] }) => s.futureStates.length > 0;

/** Undo/redo, copy a link to this exact state, and state files. */
export function ShareBar() {
  const canUndo = useTemporalStore(useStore.temporal, selectCanUndo);
  const canRedo = useTemporalStore(useStore.temporal, selectCanRedo);
  const [share, setShare] = useState<ShareResult | null>(null);
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);

  const copyLink = async () => {
    const result = await createShareLink();
    setShare(result);
    setCopied(null);
    if (!result.url) return;
    try {
      await navigator.clipboard.writeText(result.url);
      setCopied('copied');
    } catch {
      setCopied('select');
    }
  };

  return (
    <div className="share-bar">
      <button
        type="button"
        className="button"
        data-testid="undo"
        disabled={!canUndo}
        title="Undo (Ctrl+Z)"
        onClick={undo}
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="button"
        data-testid="redo"
        disabled={!canRedo}
        title="Redo (Ctrl+Shift+Z)"
        onClick={redo}
      >
        ↷ Redo
      </button>
      <button type="button" className="button" data-testid="copy-link" onClick={() => void copyLink()}>
        Copy link
      </button>
      <button
        type="button"
        className="button"
        data-testid="save-state"
        onClick={downloadStateFile}
        title="Save everything as a .reachlab.json file"
      >
        Save state
      </button>
      {share && (
        <div className="share-result" role="status">
          {share.url ? (
            <>
              <input
                data-testid="share-url"
                className="share-url"
                readOnly
                value={share.url}
                aria-label="Link to this state"
                onFocus={(event) => event.target.select()}
              />
              <span className={share.level === 'long' ? 'share-warning' : 'muted'}>
                {(share.length / 1024).toFixed(1)} KB
                {copied === 'copied' ? ' · copied' : copied === 'select' ? ' · select and copy it' : ''}
                {share.level === 'long'
                  ? ` · over ${LINK_WARN_CHARS / 1024} KB: some chat tools and QR codes cut links this long`
                  : ''}
              </span>
            </>
          ) : (
            <span className="share-warning">
              As a link this state would be {(share.length / 1024).toFixed(0)} KB, too long to share safely.{' '}
              <button type="button" className="link" onClick={downloadStateFile}>
                Download a state file
              </button>{' '}
              instead.
            </span>
          )}
          {share.stripped && <span className="muted"> {share.stripped}</span>}
          <span className="muted">
            {' '}
            The link holds your manifests in its #fragment, which browsers never send to a server.
          </span>
          <button type="button" className="link" aria-label="Close" onClick={() => setShare(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
