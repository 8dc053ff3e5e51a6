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
  const { selection, snapshot } = useStore(useShallow(selectInspector));
  let body = (
    <div className="intro">
      <h3>How to read this</h3>
      <p>
        Each arrow is a connection Kubernetes would allow: solid for every port, dashed for some ports. Dotted
        arrows with a bar are denied by a policy (tick “denied” to see them all).
      </p>
      <p>
        Click a workload or namespace to see and switch its labels; click an arrow or a matrix cell to ask
        why.
      </p>
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
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <TeachTopSlot />
      <ProbePanel />
      {body}
      <TeachSelectionSlot selection={selection} />
      <OverridesList />
    </aside>
  );
}
