import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { checkGoals, type GoalResult } from '../../engine/teach/index.ts';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { evaluateWorkspace } from './evaluateWorkspace.ts';

const selectInputs = (s: ReachlabState) => ({
  lesson: s.lesson,
  sources: s.sources,
  edits: s.edits,
  ghosts: s.ghosts,
});

/** The lesson's goals checked against the workspace as it is now (edits and label toggles included). */
export function useLessonResults(): GoalResult[] | null {
  const inputs = useStore(useShallow(selectInputs));
  // Typing stays responsive: the checklist follows a moment later.
  const deferred = useDeferredValue(inputs);
  return useMemo(() => {
    if (!deferred.lesson) return null;
    try {
      return checkGoals(
        evaluateWorkspace(deferred.sources, deferred.edits, deferred.ghosts),
        deferred.lesson.lesson.goals,
      );
    } catch {
      return null;
    }
  }, [deferred]);
}
