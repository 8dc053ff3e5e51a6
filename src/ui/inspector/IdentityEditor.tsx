import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { parseServiceAccount } from '../../views/settingsInput.ts';
import type { WorkloadView } from '../../views/snapshot.ts';

const selectIdentityEdits = (s: ReachlabState) => s.identityEdits;

/**
 * What-if for the workload's identity: the ServiceAccount it runs as (policies by identity, Istio
 * principals, Calico and Cilium service-account selectors) and whether it is in the mesh.
 */
export function IdentityEditor({ workload }: { workload: WorkloadView }) {
  const { t } = useTranslation();
  const edits = useStore(selectIdentityEdits);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const accountEdit = edits.find((e) => e.workload === workload.id && e.field === 'serviceAccountName');
  const meshEdit = edits.find((e) => e.workload === workload.id && e.field === 'inMesh');
  const meshChoice = meshEdit ? (meshEdit.value ? 'in' : 'out') : 'manifests';
  const setIdentity = useStore.getState().setIdentity;
  const commitAccount = (text: string) => {
    const parsed = parseServiceAccount(text);
    if (!parsed.ok) {
      setError(t('identity.badAccount', { bad: parsed.error }));
      return;
    }
    setError(null);
    setIdentity(workload.id, 'serviceAccountName', parsed.value || null, workload.baseServiceAccount);
  };
  return (
    <div className="identity-editor" data-testid="identity-editor">
      <h4>{t('identity.title')}</h4>
      <label className="identity-field">
        <span>
          {t('identity.account')}
          {accountEdit && <span className="tag"> {t('identity.edited')}</span>}
        </span>
        <input
          key={workload.serviceAccount}
          data-testid="identity-account"
          defaultValue={workload.serviceAccount}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onBlur={(e) => commitAccount(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitAccount(e.currentTarget.value);
          }}
        />
      </label>
      {error !== null && (
        <p id={errorId} className="field-error" role="alert" data-testid="identity-account-error">
          {error}
        </p>
      )}
      {accountEdit && (
        <p className="muted">{t('identity.accountWas', { account: workload.baseServiceAccount })}</p>
      )}
      <label className="identity-field">
        <span>{t('identity.mesh')}</span>
        <select
          data-testid="identity-mesh"
          value={meshChoice}
          onChange={(e) =>
            setIdentity(
              workload.id,
              'inMesh',
              e.target.value === 'manifests' ? null : e.target.value === 'in',
              undefined,
            )
          }
        >
          <option value="manifests">
            {t('identity.meshManifests', {
              now: meshEdit ? '…' : workload.inMesh ? t('identity.inMesh') : t('identity.notInMesh'),
            })}
          </option>
          <option value="in">{t('identity.inMesh')}</option>
          <option value="out">{t('identity.notInMesh')}</option>
        </select>
      </label>
    </div>
  );
}
