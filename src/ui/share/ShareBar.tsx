import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore as useTemporalStore } from 'zustand';
import { LINK_WARN_CHARS } from '../../share/linkCodec.ts';
import { redo, undo, useStore } from '../../state/store.ts';
import { createShareLink, downloadStateFile, type ShareResult } from './shareActions.ts';

const selectCanUndo = (s: { pastStates: unknown[] }) => s.pastStates.length > 0;
const selectCanRedo = (s: { futureStates: unknown[] }) => s.futureStates.length > 0;

/** Undo/redo, copy a link to this exact state, and state files. */
export function ShareBar() {
  const { t } = useTranslation();
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
        title={t('share.undoHint')}
        onClick={undo}
      >
        ↶ {t('action.undo')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="redo"
        disabled={!canRedo}
        title={t('share.redoHint')}
        onClick={redo}
      >
        ↷ {t('action.redo')}
      </button>
      <button type="button" className="button" data-testid="copy-link" onClick={() => void copyLink()}>
        {t('share.copy')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="save-state"
        onClick={downloadStateFile}
        title={t('share.saveHint')}
      >
        {t('share.save')}
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
                aria-label={t('share.link')}
                onFocus={(event) => event.target.select()}
              />
              <span className={share.level === 'long' ? 'share-warning' : 'muted'}>
                {(share.length / 1024).toFixed(1)} KB
                {copied === 'copied'
                  ? ` · ${t('share.copied')}`
                  : copied === 'select'
                    ? ` · ${t('share.select')}`
                    : ''}
                {share.level === 'long' ? ` · ${t('share.long', { kb: LINK_WARN_CHARS / 1024 })}` : ''}
              </span>
            </>
          ) : (
            <span className="share-warning">
              {t('share.tooLong', { kb: (share.length / 1024).toFixed(0) })}{' '}
              <button type="button" className="link" onClick={downloadStateFile}>
                {t('share.download')}
              </button>{' '}
              {t('share.instead')}
            </span>
          )}
          {share.stripped && <span className="muted"> {share.stripped}</span>}
          <span className="muted"> {t('share.private')}</span>
          <button
            type="button"
            className="link"
            aria-label={t('action.close')}
            onClick={() => setShare(null)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
