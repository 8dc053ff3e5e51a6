import { useRef } from 'react';
import { BUILTIN_LESSONS } from './builtinLessons.ts';
import { openBuiltin } from './LessonPanel.tsx';
import { looksLikeLesson, openLessonText } from './openLesson.ts';

/** Header menu: the built-in lessons, and a lesson file (picked with the manifests it names). */
export function LessonsMenu() {
  const input = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => menu.current?.removeAttribute('open');
  return (
    <details className="teach-menu" ref={menu} data-testid="lessons-menu">
      <summary className="button">Lessons</summary>
      <div className="popover teach-popover" role="menu">
        <p className="muted">Solve a small incident; the goals tick as you edit.</p>
        <ol className="lesson-list">
          {BUILTIN_LESSONS.map((lesson) => (
            <li key={lesson.fileName}>
              <button
                type="button"
                role="menuitem"
                className="link"
                data-testid="lesson-open"
                data-id={lesson.fileName}
                onClick={() => {
                  close();
                  openBuiltin(lesson.fileName);
                }}
              >
                {lesson.title}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="button" role="menuitem" onClick={() => input.current?.click()}>
          Open a lesson file…
        </button>
        <p className="muted small">Pick the lesson with the manifest files it names.</p>
        <input
          ref={input}
          type="file"
          hidden
          multiple
          accept=".yaml,.yml"
          data-testid="lesson-file-input"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void openPicked(files).then(close);
          }}
        />
      </div>
    </details>
  );
}

async function openPicked(files: File[]): Promise<void> {
  const texts = new Map<string, string>();
  for (const file of files) texts.set(file.name, await file.text());
  // The lesson is the file with goals; the others are the manifests it names.
  const lesson = [...texts.entries()].find(([, text]) => looksLikeLesson(text));
  if (!lesson) {
    openLessonText(files[0]?.name ?? 'lesson.yaml', texts.values().next().value ?? '');
    return;
  }
  openLessonText(lesson[0], lesson[1], texts);
}
