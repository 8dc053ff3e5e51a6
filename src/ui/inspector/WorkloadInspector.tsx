import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { connectionsFrom, connectionsTo } from '../../views/connections.ts';
import type { Snapshot, WorkloadView } from '../../views/snapshot.ts';
import { ConnectionList } from './ConnectionList.tsx';
import { LabelChips } from './LabelChips.tsx';
import { SourceLink } from './SourceLink.tsx';

const selectEdits = (s: ReachlabState) => s.edits;

export function WorkloadInspector({ workload, snapshot }: { workload: WorkloadView; snapshot: Snapshot }) {
  const edits = useStore(selectEdits);
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
        {workload.kind} in namespace{' '}
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
          {workload.kind === 'DaemonSet' ? 'one per node' : `×${workload.replicas}`}
        </span>
      </h3>
      {workload.hostNetwork && (
        <p className="warning">Uses the host network: NetworkPolicy usually does not apply to it.</p>
      )}
      <h4>Pod labels</h4>
      <LabelChips target={{ kind: 'workload', id: workload.id }} base={workload.baseLabels} edits={edits} />
      <p className="muted">Ports: {workload.ports.length ? workload.ports.join(', ') : 'none declared'}</p>
      <h4>Policies</h4>
      <ul className="isolation">
        {(['ingress', 'egress'] as const).map((direction) => (
          <li key={direction}>
            <strong>{direction === 'ingress' ? 'Incoming' : 'Outgoing'}:</strong>{' '}
            {workload.isolated[direction] ? (
              <>
                isolated by{' '}
                {workload.policies[direction].map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    {policyLink(id)}
                  </span>
                ))}
              </>
            ) : (
              'open (no policy selects it)'
            )}
          </li>
        ))}
      </ul>
      <ConnectionList title="Can reach" connections={outgoing} peerOf={(c) => c.to} />
      <ConnectionList title="Reached by" connections={incoming} peerOf={(c) => c.from} />
    </div>
  );
}
