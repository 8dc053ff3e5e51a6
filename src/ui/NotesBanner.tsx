import { useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';

const EMPTY: never[] = [];
const selectNotes = (s: ReachlabState) => s.snapshot?.notes ?? EMPTY;
const selectEnforced = (s: ReachlabState) => s.snapshot?.enforced ?? true;

/** What the picture assumes: an ignored set of policies (Flannel), an assumed ingress controller. */
export function NotesBanner() {
  const notes = useStore(selectNotes);
  const enforced = useStore(selectEnforced);
  if (notes.length === 0) return null;
  return (
    <div
      className={`notes-banner${enforced ? '' : ' notes-banner-strong'}`}
      data-testid="enforcement-note"
      role="status"
    >
      {notes.map((note) => (
        <p key={note}>
          {enforced ? 'ℹ ' : '⚠ '}
          {note}
        </p>
      ))}
    </div>
  );
}
