import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { COLLAPSE_ABOVE_WORKLOADS } from '../../views/collapseNamespaces.ts';
import type { NamespaceView, Snapshot } from '../../views/snapshot.ts';
import { LabelChips } from './LabelChips.tsx';
import { SourceLink } from './SourceLink.tsx';

const selectEdits = (s: ReachlabState) => s.edits;

export function NamespaceInspector({
  namespace,
  snapshot,
}: {
  namespace: NamespaceView;
  snapshot: Snapshot;
}) {
  const { t } = useTranslation();
  const edits = useStore(selectEdits);
  const expanded = useStore((s) => s.expandedNamespaces.includes(namespace.name));
  const workloads = snapshot.workloads.filter((w) => w.namespace === namespace.name);
  const policies = snapshot.policies.filter((p) => p.namespace === namespace.name);
  return (
    <div className="namespace-inspector">
      <p className="eyebrow">
        {namespace.defined ? t('inspector.namespace') : t('inspector.namespaceImplied')}
      </p>
      <h3>{namespace.ref ? <SourceLink at={namespace.ref}>{namespace.name}</SourceLink> : namespace.name}</h3>
      {snapshot.workloads.length > COLLAPSE_ABOVE_WORKLOADS && (
        <button
          type="button"
          className="button"
          data-testid="expand-namespace"
          onClick={() => useStore.getState().toggleExpanded(namespace.name)}
        >
          {expanded ? t('inspector.collapse') : t('inspector.expand')}
        </button>
      )}
      <h4>{t('inspector.namespaceLabels')}</h4>
      <p className="muted">{t('inspector.namespaceLabelsHint')}</p>
      <LabelChips
        target={{ kind: 'namespace', name: namespace.name }}
        base={namespace.baseLabels}
        edits={edits}
        locked={['kubernetes.io/metadata.name']}
      />
      <h4>
        {t('inspector.workloads')} <span className="count">{workloads.length}</span>
      </h4>
      <ul>
        {workloads.map((w) => (
          <li key={w.id}>
            <button
              type="button"
              className="link"
              onClick={() => useStore.getState().select({ kind: 'workload', id: w.id })}
            >
              {w.name}
            </button>{' '}
            <span className="muted">{w.kind}</span>
          </li>
        ))}
      </ul>
      <h4>
        {t('inspector.policies')} <span className="count">{policies.length}</span>
      </h4>
      <ul>
        {policies.map((p) => (
          <li key={p.id}>
            <SourceLink at={p.ref} testId="policy-link">
              {p.name}
            </SourceLink>{' '}
            <span className="muted">
              {[p.affects.ingress ? 'ingress' : '', p.affects.egress ? 'egress' : '']
                .filter(Boolean)
                .join(' + ')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
