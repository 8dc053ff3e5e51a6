import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { TeachSelectionSlot, TeachTopSlot } from '../lessons/TeachSlots.tsx';
import { Explanation } from './Explanation.tsx';
import { NamespaceInspector } from './NamespaceInspector.tsx';
import { OverridesList } from './OverridesList.tsx';
import { ProbePanel } from './ProbePanel.tsx';
import { WorkloadInspector } from './WorkloadInspector.tsx';

const selectInspector = (s: ReachlabState) => ({ selection: s.selection, snapshot: s.snapshot });

/** The right-hand panel: what is selected, its labels and policies, or why a pair can (not) talk. */
export function Inspector() {
  const { t } = useTranslation();
  const { selection, snapshot } = useStore(useShallow(selectInspector));
  let body = (
    <div className="intro">
      <h3>{t('inspector.howTitle')}</h3>
      <p>{t('inspector.how1')}</p>
      <p>{t('inspector.how2')}</p>
    </div>
  );
  if (snapshot && selection?.kind === 'workload') {
    const workload = snapshot.workloads.find((w) => w.id === selection.id);
    if (workload) body = <WorkloadInspector workload={workload} snapshot={snapshot} />;
  } else if (snapshot && selection?.kind === 'namespace') {
    const namespace = snapshot.namespaces.find((n) => n.name === selection.name);
    if (namespace) body = <NamespaceInspector namespace={namespace} snapshot={snapshot} />;
  } else if (selection?.kind === 'pair') {
    body = <Explanation from={selection.from} to={selection.to} />;
  }
  return (
    <aside className="inspector" data-testid="inspector" aria-label={t('inspector.label')}>
      <TeachTopSlot />
      <ProbePanel />
      {body}
      <TeachSelectionSlot selection={selection} />
      <OverridesList />
    </aside>
  );
}
