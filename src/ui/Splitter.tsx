import { useTranslation } from 'react-i18next';
import { useStore } from '../state/store.ts';

const STEP = 24;
export const PANEL_LIMITS = { min: 220, max: 720 };

/**
 * A draggable (and keyboard-operable: arrow keys, Home/End) separator that sets the width of the
 * source panel (left) or the inspector (right).
 */
export function Splitter({ panel, width }: { panel: 'source' | 'inspector'; width: number }) {
  const { t } = useTranslation();
  const set = (next: number) =>
    useStore.getState().setPanelWidth(panel, Math.min(PANEL_LIMITS.max, Math.max(PANEL_LIMITS.min, next)));
  const sign = panel === 'source' ? 1 : -1;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot be focused and dragged; this is the ARIA window splitter pattern.
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={panel === 'source' ? t('layout.resizeSource') : t('layout.resizeInspector')}
      aria-valuenow={width}
      aria-valuemin={PANEL_LIMITS.min}
      aria-valuemax={PANEL_LIMITS.max}
      tabIndex={0}
      onKeyDown={(event) => {
        if (event.key === 'ArrowLeft') set(width - sign * STEP);
        else if (event.key === 'ArrowRight') set(width + sign * STEP);
        else if (event.key === 'Home') set(PANEL_LIMITS.min);
        else if (event.key === 'End') set(PANEL_LIMITS.max);
        else return;
        event.preventDefault();
      }}
      onPointerDown={(event) => {
        const startX = event.clientX;
        const startWidth = width;
        const target = event.currentTarget;
        target.setPointerCapture(event.pointerId);
        const move = (e: PointerEvent) => set(startWidth + sign * (e.clientX - startX));
        const up = () => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
      }}
    />
  );
}
