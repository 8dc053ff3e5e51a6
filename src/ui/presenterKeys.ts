import { useStore } from '../state/store.ts';

/**
 * Selects the next (→ ↓ n PageDown) or previous (← ↑ p PageUp) workload; true when the key
 * was one of those. Used by presenter view and by the focused graph.
 */
export function stepByKey(key: string): boolean {
  const forward = ['ArrowRight', 'ArrowDown', 'n', 'PageDown'].includes(key);
  const back = ['ArrowLeft', 'ArrowUp', 'p', 'PageUp'].includes(key);
  if (!forward && !back) return false;
  const state = useStore.getState();
  const workloads = state.snapshot?.workloads ?? [];
  if (workloads.length === 0) return true;
  const current = state.selection?.kind === 'workload' ? state.selection.id : null;
  const index = workloads.findIndex((w) => w.id === current);
  const next =
    index < 0
      ? forward
        ? 0
        : workloads.length - 1
      : (index + (forward ? 1 : -1) + workloads.length) % workloads.length;
  state.select({ kind: 'workload', id: (workloads[next] as { id: string }).id });
  return true;
}

/**
 * Presenter view's keys, outside text fields: → / ↓ / n select the next workload, ← / ↑ / p the
 * previous one, Escape leaves presenter view. Returns the uninstaller.
 */
export function installPresenterKeys(): () => void {
  const onKey = (event: KeyboardEvent) => {
    const state = useStore.getState();
    if (!state.presenter || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable="true"], [role="separator"]')) return;
    if (event.key === 'Escape') {
      state.setPresenter(false);
      return;
    }
    if (stepByKey(event.key)) event.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
