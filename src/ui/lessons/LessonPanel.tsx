import { useShallow } from 'zustand/react/shallow';
import { describeGoal, lessonSources } from '../../engine/teach/index.ts';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { BUILTIN_LESSONS, readBuiltin } from './builtinLessons.ts';
import { openLessonText } from './openLesson.ts';
import { useLessonResults } from './useLessonResults.ts';

const selectLesson = (s: ReachlabState) => ({ lesson: s.lesson, hintsShown: s.hintsShown });

/** The lesson being worked on: its story, the goals as a live checklist, hints, and the finish. */
export function LessonPanel() {
  const { lesson, hintsShown } = useStore(useShallow(selectLesson));
  const results = useLessonResults();
  if (!lesson) return null;
  const { title, introduction, hints, goals } = lesson.lesson;
  const held = results?.filter((r) => r.holds).length ?? 0;
  const done = results !== null && held === goals.length;
  const index = BUILTIN_LESSONS.findIndex((l) => l.fileName === lesson.fileName);
  const next = index >= 0 ? BUILTIN_LESSONS[index + 1] : undefined;
  const state = useStore.getState;

  return (
    <section className="lesson-panel" data-testid="lesson-panel" aria-label={`Lesson: ${title}`}>
      <header className="lesson-head">
        <h2>
          <span className="lesson-kicker">Lesson</span> {title}
        </h2>
        <button
          type="button"
          className="link"
          onClick={() => state().closeLesson()}
          title="Close the lesson (your manifests stay)"
        >
          Close
        </button>
      </header>
      <details className="lesson-story" open={!done}>
        <summary>The story</summary>
        {introduction
          .split(/\n\s*\n/)
          .filter((p) => p.trim())
          .map((paragraph) => (
            <p key={paragraph.slice(0, 40)}>{paragraph}</p>
          ))}
      </details>
      <h3 className="lesson-goals-title">
        Goals <span className="count">{`${held}/${goals.length}`}</span>
      </h3>
      <ol className="lesson-goals">
        {goals.map((goal, i) => {
          const result = results?.[i];
          const holds = result?.holds ?? false;
          return (
            <li
              key={`${goal.from}-${goal.to}-${goal.port ?? ''}-${goal.protocol ?? ''}-${goal.expect}`}
              data-testid="lesson-goal"
              data-holds={holds ? 'true' : 'false'}
              className={holds ? 'goal goal-holds' : 'goal goal-fails'}
            >
              <span className="goal-mark" aria-hidden="true">
                {holds ? '✓' : '○'}
              </span>
              <span className="goal-text">
                {describeGoal(goal)}
                <span className="visually-hidden">{holds ? ' (holds)' : ' (not yet)'}</span>
                {result && <span className="goal-now muted">now: {result.actual}</span>}
              </span>
            </li>
          );
        })}
      </ol>
      {done ? (
        <div className="lesson-done" data-testid="lesson-done" role="status">
          <strong>🎉 Every goal holds: lesson solved.</strong>
          {next && (
            <button type="button" className="button" onClick={() => openBuiltin(next.fileName)}>
              Next lesson: {next.title}
            </button>
          )}
        </div>
      ) : (
        <div className="lesson-hints">
          {hints.slice(0, hintsShown).map((hint, i) => (
            <p key={hint} className="hint" data-testid="lesson-hint">
              <span className="hint-number">Hint {i + 1}.</span> {hint}
            </p>
          ))}
          {hintsShown < hints.length && (
            <button
              type="button"
              className="button"
              data-testid="lesson-hint-button"
              onClick={() => state().showNextHint()}
            >
              {hintsShown === 0 ? 'Show a hint' : 'Another hint'} ({hints.length - hintsShown} left)
            </button>
          )}
        </div>
      )}
      <button
        type="button"
        className="link"
        onClick={() => {
          const start = lessonSources(lesson.lesson, readBuiltin);
          state().setCompare({ kind: 'saved', name: 'the lesson start', sources: start.sources });
        }}
      >
        What have I changed since the start?
      </button>
    </section>
  );
}

export function openBuiltin(fileName: string): void {
  const text = readBuiltin(fileName);
  if (text !== undefined) openLessonText(fileName, text);
}
