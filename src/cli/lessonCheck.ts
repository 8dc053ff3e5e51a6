import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { analyze, formatDiagnostic } from '../engine/index.ts';
import { checkGoals, describeGoal, lessonSources, parseLesson } from '../engine/teach/index.ts';
import { loadSources } from './loadSources.ts';
import type { CommandResult } from './main.ts';

/**
 * `lesson check LESSON [FILE|DIR...]`: evaluates a lesson's goals on its own manifests, or on a
 * learner's files. Exit 0 when every goal holds, 1 when some fail, 2 when the lesson cannot be read.
 */
export function runLessonCheck(
  lessonPath: string,
  solutionPaths: readonly string[],
  json: boolean,
): CommandResult {
  let text: string;
  try {
    text = readFileSync(lessonPath, 'utf8');
  } catch (error) {
    return {
      stdout: '',
      stderr: `${lessonPath}: cannot read the lesson: ${(error as Error).message}\n`,
      status: 2,
    };
  }
  const { lesson, problems } = parseLesson(text, lessonPath);
  if (!lesson) {
    const lines = problems.map(
      (p) => `${lessonPath}:${p.line}:${p.column}: error: ${p.path ? `${p.path}: ` : ''}${p.message}`,
    );
    return { stdout: '', stderr: `${lines.join('\n')}\n`, status: 2 };
  }
  const base = dirname(lessonPath);
  const loaded =
    solutionPaths.length > 0
      ? loadSources(solutionPaths)
      : lessonSources(lesson, (path) => {
          try {
            return readFileSync(resolve(base, path), 'utf8');
          } catch {
            return undefined;
          }
        });
  if (loaded.sources.length === 0 || (solutionPaths.length === 0 && loaded.errors.length > 0))
    return {
      stdout: '',
      stderr: `${[...loaded.errors, `${lessonPath}: no manifests to check`].join('\n')}\n`,
      status: 2,
    };
  const analysis = analyze(loaded.sources);
  const results = checkGoals(analysis, lesson.goals);
  const diagnostics = [...loaded.errors, ...analysis.model.diagnostics.map(formatDiagnostic)];
  const stderr = diagnostics.length ? `${diagnostics.join('\n')}\n` : '';
  const passed = results.filter((r) => r.holds).length;
  const status = passed === results.length ? 0 : 1;
  if (json) {
    const goals = results.map((r) => ({ ...r.goal, holds: r.holds, actual: r.actual, why: r.why }));
    return {
      stdout: `${JSON.stringify({ lesson: lesson.title, passed, total: results.length, goals })}\n`,
      stderr,
      status,
    };
  }
  const lines = [`${lesson.title}`];
  for (const r of results) {
    lines.push(`${r.holds ? 'holds' : 'fails'}  ${describeGoal(r.goal)}  (now: ${r.actual})`);
    for (const why of r.why.slice(0, r.holds ? 1 : 3)) lines.push(`       ${why}`);
  }
  lines.push(`${passed} of ${results.length} goals hold${status === 0 ? ': lesson solved' : ''}`);
  return { stdout: `${lines.join('\n')}\n`, stderr, status };
}
