import { useStore } from '../../state/store.ts';
import { readBuiltin } from './builtinLessons.ts';

/** Opens a lesson (built-in or from files the user picked) and reports problems as notices. */
export function openLessonText(
  fileName: string,
  text: string,
  companions: ReadonlyMap<string, string> = new Map(),
) {
  const state = useStore.getState();
  const read = (path: string) => companions.get(path.split('/').pop() ?? path) ?? readBuiltin(path);
  const problems = state.openLesson(fileName, text, read);
  if (problems.length > 0) {
    for (const problem of problems) state.notify(`Lesson not opened: ${problem}`, 'error');
    return false;
  }
  state.notify(`Lesson opened: ${useStore.getState().lesson?.lesson.title ?? fileName}`);
  return true;
}

/** A lesson file has top-level `title:` and `goals:` and is not a Kubernetes object. */
export function looksLikeLesson(text: string): boolean {
  return /^goals:/m.test(text) && /^title:/m.test(text) && !/^kind:/m.test(text);
}
