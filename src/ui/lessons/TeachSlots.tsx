import type { Selection } from '../../state/types.ts';
import { ComparePanel } from '../diff/ComparePanel.tsx';
import { FixPanel } from '../fix/FixPanel.tsx';
import { GhostForm, GhostNote } from '../ghosts/GhostForm.tsx';
import { LessonPanel } from './LessonPanel.tsx';

/** Inspector slot above the selection: the lesson and the before/after view. */
export function TeachTopSlot() {
  return (
    <>
      <LessonPanel />
      <ComparePanel />
    </>
  );
}

/** Inspector slot for the selection: a ghost pod note, the ghost form, the fix suggester. */
export function TeachSelectionSlot({ selection }: { selection: Selection }) {
  if (selection?.kind === 'workload') return <GhostNote id={selection.id} />;
  if (selection?.kind === 'namespace') return <GhostForm namespace={selection.name} />;
  if (selection?.kind === 'pair')
    return <FixPanel key={`${selection.from}->${selection.to}`} from={selection.from} to={selection.to} />;
  return null;
}
