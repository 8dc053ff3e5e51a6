import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { examplePodsFor } from '../../views/examplePods.ts';

const selectEmpty = (s: ReachlabState) => ({
  workloads: s.snapshot?.workloads.length ?? -1,
  policies: s.snapshot?.policies.length ?? 0,
});

/**
 * What to do when there is nothing to draw. Policies alone select pods that do not exist yet,
 * so a policy-only input says so and offers example pods that its selectors match.
 */
export function EmptyState() {
  const { t } = useTranslation();
  const { workloads, policies } = useStore(useShallow(selectEmpty));
  if (workloads !== 0) return null;
  if (policies === 0)
    return (
      <p className="canvas-summary graph-empty" data-testid="empty-state">
        {t('empty.nothing')}
      </p>
    );
  return (
    <div className="canvas-summary graph-empty" data-testid="empty-state" data-kind="policies-only">
      <p>{t('empty.policiesOnly', { count: policies })}</p>
      <button
        type="button"
        className="button"
        data-testid="add-example-pods"
        onClick={() => {
          const state = useStore.getState();
          const yaml = examplePodsFor(state.sources.map((s) => s.text));
          if (yaml) state.addSources([{ name: 'example-pods.yaml', text: yaml }]);
        }}
      >
        {t('empty.addPods')}
      </button>
    </div>
  );
}
