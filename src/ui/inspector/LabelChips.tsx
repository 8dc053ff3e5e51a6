import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LabelTarget, targetKey } from '../../engine/index.ts';
import { useStore } from '../../state/store.ts';
import type { LabelEdit } from '../../state/types.ts';

interface Props {
  target: LabelTarget;
  /** Labels as the manifests have them. */
  base: Readonly<Record<string, string>>;
  edits: readonly LabelEdit[];
  /** Keys that cannot be edited (the API server owns them). */
  locked?: readonly string[];
}

/**
 * Label chips with a switch each, an editable value, and a form to add a label. Every change is a
 * what-if edit in the store; the manifests are never modified.
 */
export function LabelChips({ target, base, edits, locked = [] }: Props) {
  const { t } = useTranslation();
  const own = edits.filter((e) => targetKey(e.target) === targetKey(target));
  const keys = [...new Set([...Object.keys(base), ...own.map((e) => e.key)])].sort();
  const store = useStore.getState;
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  return (
    <div className="labels">
      <ul className="chips">
        {keys.map((key) => {
          const edit = own.find((e) => e.key === key);
          const baseValue = Object.hasOwn(base, key) ? base[key] : undefined;
          const value = edit?.value ?? baseValue ?? '';
          const active = edit ? edit.enabled : baseValue !== undefined;
          const isLocked = locked.includes(key);
          return (
            <li
              key={key}
              className="chip"
              data-testid="label"
              data-key={key}
              data-value={value}
              data-active={active}
              data-edited={edit ? 'true' : 'false'}
            >
              <button
                type="button"
                role="switch"
                data-testid="label-switch"
                aria-checked={active}
                aria-label={t(active ? 'labels.turnOff' : 'labels.turnOn', { label: `${key}=${value}` })}
                disabled={isLocked}
                title={isLocked ? t('labels.locked') : active ? t('labels.isOn') : t('labels.isOff')}
                onClick={() => store().setLabelEnabled(target, key, !active, baseValue)}
              >
                <span className="switch-track" aria-hidden="true">
                  <span className="switch-thumb" />
                </span>
              </button>
              <span className="chip-key">{key}</span>=
              <input
                className="chip-value"
                aria-label={t('labels.value', { key })}
                value={value}
                disabled={isLocked}
                size={Math.max(3, value.length)}
                onChange={(event) => store().setLabelValue(target, key, event.target.value, baseValue)}
              />
              {edit && (
                <span className="edited-mark" title={t('labels.edited')}>
                  {t('labels.editedMark')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <form
        className="add-label"
        onSubmit={(event) => {
          event.preventDefault();
          const key = newKey.trim();
          if (!key) return;
          store().setLabelValue(
            target,
            key,
            newValue.trim(),
            Object.hasOwn(base, key) ? base[key] : undefined,
          );
          setNewKey('');
          setNewValue('');
        }}
      >
        <input
          aria-label={t('labels.newKey')}
          placeholder={t('labels.key')}
          value={newKey}
          onChange={(e) => setNewKey(e.target.value)}
        />
        =
        <input
          aria-label={t('labels.newValue')}
          placeholder={t('labels.valuePlaceholder')}
          value={newValue}
          onChange={(e) => setNewValue(e.target.value)}
        />
        <button type="submit" data-testid="add-label">
          {t('labels.add')}
        </button>
      </form>
    </div>
  );
}
