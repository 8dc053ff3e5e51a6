import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';

const selectEdits = (s: ReachlabState) => s.edits;
const selectIdentityEdits = (s: ReachlabState) => s.identityEdits;

/** The what-if edits in force, each undoable; the manifests themselves are untouched. */
export function OverridesList() {
  const { t } = useTranslation();
  const edits = useStore(selectEdits);
  const identityEdits = useStore(selectIdentityEdits);
  if (edits.length === 0 && identityEdits.length === 0) return null;
  const store = useStore.getState;
  return (
    <section className="overrides" data-testid="overrides" aria-label={t('inspector.whatIf')}>
      <h3>
        {t('inspector.whatIf')} <span className="count">{edits.length + identityEdits.length}</span>
      </h3>
      <ul>
        {edits.map((edit, index) => (
          <li
            key={`${edit.target.kind}:${edit.target.kind === 'workload' ? edit.target.id : edit.target.name}:${edit.key}`}
          >
            <span>
              {edit.target.kind === 'workload'
                ? edit.target.id
                : t('inspector.namespaceTarget', { name: edit.target.name })}
              :{' '}
              {edit.enabled ? (
                <code>
                  {edit.key}={edit.value}
                </code>
              ) : (
                <>
                  <s>
                    <code>{edit.key}</code>
                  </s>{' '}
                  {t('inspector.off')}
                </>
              )}
            </span>
            <button type="button" className="link" onClick={() => store().removeEdit(index)}>
              {t('action.undo')}
            </button>
          </li>
        ))}
        {identityEdits.map((edit, index) => (
          <li key={`identity:${edit.workload}:${edit.field}`} data-testid="identity-edit">
            <span>
              {edit.workload}:{' '}
              {edit.field === 'serviceAccountName'
                ? t('identity.accountEdit', { account: edit.value })
                : t(edit.value ? 'identity.meshEdit_in' : 'identity.meshEdit_out')}
            </span>
            <button type="button" className="link" onClick={() => store().removeIdentityEdit(index)}>
              {t('action.undo')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" data-testid="reset-edits" onClick={() => store().clearEdits()}>
        {t('inspector.undoAll')}
      </button>
    </section>
  );
}
