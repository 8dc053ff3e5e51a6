import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';

const selectChange = (s: ReachlabState) => s.lastChange;
export const CHANGE_HIGHLIGHT_MS = 4000;

/** "2 connections opened, 1 closed" after each edit, for a few seconds. */
export function ChangeBanner() {
  const { t, i18n } = useTranslation();
  const change = useStore(selectChange);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!change) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), CHANGE_HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [change]);
  return (
    <div
      className="change-banner"
      data-testid="change-summary"
      aria-live="polite"
      data-visible={visible && change ? 'true' : 'false'}
    >
      {visible && change
        ? i18n.language === 'en'
          ? change.text
          : [
              change.opened ? t('change.opened', { count: change.opened }) : '',
              change.closed ? t('change.closed', { count: change.closed }) : '',
              change.changed ? t('change.changed', { count: change.changed }) : '',
            ]
              .filter(Boolean)
              .join('，') || t('change.none')
        : ''}
    </div>
  );
}
