import yaml from 'js-yaml';
import type { Protocol } from '../model/types.ts';
import { LineIndex } from '../parse/lineIndex.ts';
import type { Source } from '../parse/parseSources.ts';
import { PositionRecorder } from '../parse/positionRecorder.ts';
import type { PositionMap } from '../parse/positions.ts';
import { documentListener } from '../parse/yamlListener.ts';
import type { Goal } from './goals.ts';

/** A starting manifest of a lesson: a path relative to the lesson file, or inline text. */
export interface LessonManifest {
  /** File name shown to the learner (the path, or `name:` of an inline manifest). */
  name: string;
  path?: string;
  text?: string;
}

/** A lesson as written in its YAML file (see docs/lessons.md and docs/lesson.schema.json). */
export interface Lesson {
  id: string;
  title: string;
  introduction: string;
  manifests: LessonManifest[];
  hints: string[];
  goals: Goal[];
  /** Path of the reference solution (a whole manifest set), relative to the lesson file. */
  solution?: string;
}

/** A problem in a lesson file, with where it is. */
export interface LessonProblem {
  line: number;
  column: number;
  /** Field path (`goals[2].expect`). */
  path: string;
  message: string;
}

const GOAL_KEYS = new Set(['from', 'to', 'port', 'protocol', 'expect']);
const TOP_KEYS = new Set(['title', 'introduction', 'manifests', 'hints', 'goals', 'solution', 'id']);

/**
 * Reads a lesson file. Every problem comes back with its line and field path; a lesson with
 * problems is not returned, so nobody is graded against half a lesson.
 *
 * @example parseLesson('title: T\nmanifests: [start.yaml]\ngoals:\n- {from: a/x, to: a/y, expect: denied}\n', 'l.yaml')
 */
export function parseLesson(text: string, fileName: string): { lesson?: Lesson; problems: LessonProblem[] } {
  const lines = new LineIndex(text);
  const recorder = new PositionRecorder(lines);
  let value: unknown;
  try {
    // The engine's own listener: key positions for located problems, and the alias budget.
    value = yaml.load(text, { filename: fileName, listener: documentListener(text, 0, lines, recorder) });
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    return {
      problems: [
        {
          line: (mark?.line ?? 0) + 1,
          column: (mark?.column ?? 0) + 1,
          path: '',
          message: `not valid YAML: ${reason}`,
        },
      ],
    };
  }
  const positions = recorder.view();
  const problems: LessonProblem[] = [];
  const at = (node: unknown, key: string | undefined, path: string, message: string) => {
    const line = (key ? positions.lineOfKey(node, key) : positions.rangeOf(node)?.line) ?? 1;
    problems.push({ line, column: 1, path, message });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      problems: [
        { line: 1, column: 1, path: '', message: 'a lesson is a mapping with title, manifests and goals' },
      ],
    };
  }
  const root = value as Record<string, unknown>;
  for (const key of Object.keys(root))
    if (!TOP_KEYS.has(key))
      at(root, key, key, `unknown field "${key}": a lesson has ${[...TOP_KEYS].join(', ')}`);
  const title = root.title;
  if (typeof title !== 'string' || title.trim() === '')
    at(root, 'title', 'title', 'title is required (a string)');
  const introduction = root.introduction ?? '';
  if (typeof introduction !== 'string') at(root, 'introduction', 'introduction', 'introduction is text');
  const hints = readHints(root, at);
  const manifests = readManifests(root, at);
  const goals = readGoals(root, positions, at);
  const solution = root.solution;
  if (solution !== undefined && typeof solution !== 'string')
    at(root, 'solution', 'solution', 'solution is a path relative to the lesson file');
  if (problems.length > 0) return { problems };
  const baseName = fileName.split('/').pop() ?? fileName;
  const lesson: Lesson = {
    id: typeof root.id === 'string' ? root.id : baseName.replace(/\.ya?ml$/i, ''),
    title: title as string,
    introduction: introduction as string,
    manifests,
    hints,
    goals,
  };
  if (typeof solution === 'string') lesson.solution = solution;
  return { lesson, problems };
}

type At = (node: unknown, key: string | undefined, path: string, message: string) => void;

function readHints(root: Record<string, unknown>, at: At): string[] {
  const hints = root.hints ?? [];
  if (!Array.isArray(hints) || hints.some((h) => typeof h !== 'string')) {
    at(root, 'hints', 'hints', 'hints is a list of strings');
    return [];
  }
  return hints as string[];
}

function readManifests(root: Record<string, unknown>, at: At): LessonManifest[] {
  const raw = root.manifests;
  if (typeof raw === 'string') return [{ name: 'manifests.yaml', text: raw }];
  if (!Array.isArray(raw) || raw.length === 0) {
    at(
      root,
      'manifests',
      'manifests',
      'manifests is required: a list of paths or {name, text} entries, or YAML text',
    );
    return [];
  }
  const out: LessonManifest[] = [];
  for (const [i, entry] of raw.entries()) {
    if (typeof entry === 'string') out.push({ name: entry, path: entry });
    else if (entry && typeof entry === 'object' && typeof (entry as { text?: unknown }).text === 'string') {
      const { name, text } = entry as { name?: unknown; text: string };
      out.push({ name: typeof name === 'string' ? name : `manifest-${i + 1}.yaml`, text });
    } else if (entry && typeof entry === 'object' && typeof (entry as { path?: unknown }).path === 'string') {
      const path = (entry as { path: string }).path;
      out.push({ name: path, path });
    } else at(raw, undefined, `manifests[${i}]`, 'each manifest is a path, {path}, or {name, text}');
  }
  return out;
}

function readGoals(root: Record<string, unknown>, positions: PositionMap, at: At): Goal[] {
  const raw = root.goals;
  if (!Array.isArray(raw) || raw.length === 0) {
    at(root, 'goals', 'goals', 'goals is required: a list of {from, to, port?, protocol?, expect}');
    return [];
  }
  const goals: Goal[] = [];
  for (const [i, entry] of raw.entries()) {
    const path = `goals[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      at(raw, undefined, path, 'a goal is a mapping {from, to, port?, protocol?, expect}');
      continue;
    }
    const g = entry as Record<string, unknown>;
    const line = positions.rangeOf(g)?.line ?? 1;
    let ok = true;
    const fail = (key: string, message: string) => {
      at(g, key, `${path}.${key}`, message);
      ok = false;
    };
    for (const key of Object.keys(g)) if (!GOAL_KEYS.has(key)) fail(key, `unknown field "${key}" in a goal`);
    for (const key of ['from', 'to'] as const)
      if (typeof g[key] !== 'string' || g[key] === '')
        fail(key, `${key} is required: namespace/name of a workload, or an IPv4 address, CIDR or range`);
    if (g.expect !== 'allowed' && g.expect !== 'denied') fail('expect', 'expect is "allowed" or "denied"');
    if (
      g.port !== undefined &&
      !(Number.isInteger(g.port) && (g.port as number) >= 1 && (g.port as number) <= 65535)
    )
      fail('port', 'port is a number from 1 to 65535 (leave it out for every port)');
    const protocol: unknown = typeof g.protocol === 'string' ? g.protocol.toUpperCase() : g.protocol;
    if (protocol !== undefined && protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP')
      fail('protocol', 'protocol is TCP, UDP or SCTP');
    if (!ok) continue;
    const goal: Goal = {
      from: g.from as string,
      to: g.to as string,
      expect: g.expect as Goal['expect'],
      line,
    };
    if (g.port !== undefined) goal.port = g.port as number;
    if (protocol !== undefined) goal.protocol = protocol as Protocol;
    else if (goal.port !== undefined) goal.protocol = 'TCP';
    goals.push(goal);
  }
  return goals;
}

/**
 * The lesson's starting manifests as sources. `read` fetches a path relative to the lesson
 * (from disk in the CLI, from the bundled lessons in the app) and returns undefined when missing.
 */
export function lessonSources(
  lesson: Lesson,
  read: (path: string) => string | undefined,
): { sources: Source[]; errors: string[] } {
  const sources: Source[] = [];
  const errors: string[] = [];
  for (const manifest of lesson.manifests) {
    const text = manifest.text ?? (manifest.path ? read(manifest.path) : undefined);
    if (text === undefined) errors.push(`${manifest.name}: the lesson names this file and it cannot be read`);
    else sources.push({ name: manifest.name, text });
  }
  return { sources, errors };
}
