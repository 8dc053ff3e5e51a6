import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { appliedPolicies } from '../../views/appliedPolicies.ts';
import { connectionsFrom, connectionsTo } from '../../views/connections.ts';
import type { Snapshot, WorkloadView } from '../../views/snapshot.ts';
import { ConnectionList } from './ConnectionList.tsx';
import { IdentityEditor } from './IdentityEditor.tsx';
import { LabelChips } from './LabelChips.tsx';
import { SourceLink } from './SourceLink.tsx';

const selectEdits = (s: ReachlabState) => s.edits;

/** Every policy that selects the workload, of any kind, grouped by tier in the order tiers decide. */
function AppliedPolicies({ workload, snapshot }: { workload: WorkloadView; snapshot: Snapshot }) {
  const { t } = useTranslation();
  const tiers = appliedPolicies(workload, snapshot.policies);
  if (tiers.length === 0) return null;
  return (
    <div className="applied-policies" data-testid="applied-policies">
      <h4>{t('inspector.appliedPolicies')}</h4>
      {tiers.map(({ tier, policies }) => (
        <section key={tier} className="applied-tier" data-testid="policy-tier" data-tier={tier}>
          <h5>{tier}</h5>
          <ul>
            {policies.map(({ policy, ingress, egress }) => (
              <li key={policy.id} data-testid="applied-policy" data-id={policy.id}>
                <SourceLink at={policy.ref} testId="applied-policy-link">
                  {policy.kind} {policy.namespace ? `${policy.namespace}/` : ''}
                  {policy.name}
                </SourceLink>{' '}
                <span className="tag">
                  {[ingress && t('inspector.incoming'), egress && t('inspector.outgoing')]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                {policy.detail && <span className="muted"> {policy.detail}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function WorkloadInspector({ workload, snapshot }: { workload: WorkloadView; snapshot: Snapshot }) {
  const { t } = useTranslation();
  const edits = useStore(selectEdits);
  const enforced = snapshot.enforced;
  const outgoing = connectionsFrom(snapshot, workload.id);
  const incoming = connectionsTo(snapshot, workload.id);
  const policyLink = (id: string) => {
    const policy = snapshot.policies.find((p) => p.id === id);
    return policy ? (
      <SourceLink key={id} at={policy.ref} testId="policy-link">
        {policy.name}
      </SourceLink>
    ) : (
      id
    );
  };
  return (
    <div className="workload-inspector">
      <p className="eyebrow">
        {t('inspector.inNamespace', { kind: workload.kind })}{' '}
        <button
          type="button"
          className="link"
          onClick={() => useStore.getState().select({ kind: 'namespace', name: workload.namespace })}
        >
          {workload.namespace}
        </button>
      </p>
      <h3>
        <SourceLink at={workload.ref}>{workload.name}</SourceLink>{' '}
        <span className="muted">
          {workload.kind === 'DaemonSet' ? t('inspector.perNode') : `×${workload.replicas}`}
        </span>
      </h3>
      {workload.hostNetwork && <p className="warning">{t('inspector.hostNetwork')}</p>}
      <h4>{t('inspector.podLabels')}</h4>
      <LabelChips target={{ kind: 'workload', id: workload.id }} base={workload.baseLabels} edits={edits} />
      <p className="muted">
        {t('inspector.ports', {
          ports: workload.ports.length ? workload.ports.join(', ') : t('inspector.noPorts'),
        })}
      </p>
      <h4>{t('inspector.policies')}</h4>
      <ul className="isolation">
        {(['ingress', 'egress'] as const).map((direction) => (
          <li key={direction}>
            <strong>{direction === 'ingress' ? t('inspector.incoming') : t('inspector.outgoing')}:</strong>{' '}
            {workload.isolated[direction] ? (
              <>
                {t('inspector.isolatedByLower')}{' '}
                {workload.policies[direction].map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    {policyLink(id)}
                  </span>
                ))}
                {!enforced && <span className="tag"> {t('verdict.notEnforced')}</span>}
              </>
            ) : !enforced ? (
              t('inspector.openNotEnforced')
            ) : workload.policies[direction].length > 0 ? (
              t('inspector.openPassed')
            ) : (
              t('inspector.openNoPolicy')
            )}
          </li>
        ))}
      </ul>
      <AppliedPolicies workload={workload} snapshot={snapshot} />
      <IdentityEditor workload={workload} />
      <ConnectionList title={t('inspector.canReach')} connections={outgoing} peerOf={(c) => c.to} />
      <ConnectionList title={t('inspector.reachedBy')} connections={incoming} peerOf={(c) => c.from} />
    </div>
  );
}
