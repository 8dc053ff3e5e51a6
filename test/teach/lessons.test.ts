import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { analyze } from '../../src/engine/index.ts';
import { checkGoals, lessonSources, parseLesson } from '../../src/engine/teach/index.ts';

const LESSONS = resolve(import.meta.dirname, '..', '..', 'lessons');
const lessonFiles = readdirSync(LESSONS)
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('.solution.yaml'))
  .sort();

describe('built-in lessons', () => {
  it('there are at least six, each with a reference solution beside it', () => {
    expect(lessonFiles.length).toBeGreaterThanOrEqual(6);
    for (const file of lessonFiles) {
      const { lesson, problems } = parseLesson(readFileSync(join(LESSONS, file), 'utf8'), file);
      expect(problems, file).toEqual([]);
      expect(lesson?.solution, file).toBe(file.replace(/\.yaml$/, '.solution.yaml'));
      expect(lesson?.hints.length, file).toBeGreaterThan(0);
    }
  });

  for (const file of lessonFiles) {
    const path = join(LESSONS, file);
    const { lesson } = parseLesson(readFileSync(path, 'utf8'), file);
    it(`${file}: some goal fails on the starting manifests, every goal holds on the solution`, () => {
      if (!lesson?.solution) throw new Error(`${file} has no solution`);
      const start = lessonSources(lesson, (p) => readFileSync(join(LESSONS, p), 'utf8'));
      expect(start.errors).toEqual([]);
      const before = checkGoals(analyze(start.sources), lesson.goals);
      expect(before.some((r) => !r.holds)).toBe(true);
      const solution = [
        { name: lesson.solution, text: readFileSync(join(LESSONS, lesson.solution), 'utf8') },
      ];
      const after = checkGoals(analyze(solution), lesson.goals);
      expect(after.filter((r) => !r.holds).map((r) => r.goal)).toEqual([]);
    });
    it(`${file}: lesson check exits 1 without the solution and 0 with it`, () => {
      expect(runCli(['lesson', 'check', path]).status).toBe(1);
      const solved = runCli(['lesson', 'check', path, join(LESSONS, lesson?.solution ?? '')]);
      expect(solved.stdout).toContain('lesson solved');
      expect(solved.status).toBe(0);
    });
  }
});

describe('lesson files with mistakes', () => {
  const cases: [string, string, RegExp][] = [
    ['YAML that does not parse', 'title: T\ngoals: [\n', /^l\.yaml:3:\d+: error: not valid YAML/],
    ['no goals', 'title: T\nmanifests: [a.yaml]\n', /^l\.yaml:1:1: error: goals: goals is required/],
    [
      'expect spelled wrong, on line 5',
      'title: T\nmanifests: [a.yaml]\ngoals:\n  - {from: a/x, to: a/y, expect: allowed}\n  - {from: a/x, to: a/y, expect: allow}\n',
      /^l\.yaml:5:1: error: goals\[1\]\.expect: expect is "allowed" or "denied"/,
    ],
    [
      'a port out of range',
      'title: T\nmanifests: [a.yaml]\ngoals:\n  - from: a/x\n    to: a/y\n    port: 70000\n    expect: denied\n',
      /^l\.yaml:6:1: error: goals\[0\]\.port: port is a number/,
    ],
    [
      'an unknown field',
      'title: T\nmanifests: [a.yaml]\nhint: x\ngoals: [{from: a/x, to: a/y, expect: denied}]\n',
      /^l\.yaml:3:1: error: hint: unknown field/,
    ],
  ];
  for (const [name, text, message] of cases) {
    it(`${name}: exit 2 with file, line and field`, () => {
      const { lesson, problems } = parseLesson(text, 'l.yaml');
      expect(lesson).toBeUndefined();
      const first = problems[0];
      expect(first).toBeDefined();
      const line = `l.yaml:${first?.line}:${first?.column}: error: ${first?.path ? `${first.path}: ` : ''}${first?.message}`;
      expect(line).toMatch(message);
    });
  }

  it('the CLI prints the problem with the line and exits 2', () => {
    const dir = resolve(import.meta.dirname, '..', '..', 'test', 'teach');
    const result = runCli(['lesson', 'check', join(dir, 'missing-lesson.yaml')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot read the lesson');
  });

  it('a lesson whose manifest path is missing exits 2 and names it', () => {
    const text = 'title: T\nmanifests: [nowhere.yaml]\ngoals: [{from: a/x, to: a/y, expect: denied}]\n';
    const { lesson } = parseLesson(text, 'l.yaml');
    if (!lesson) throw new Error('lesson expected');
    expect(lessonSources(lesson, () => undefined).errors).toEqual([
      'nowhere.yaml: the lesson names this file and it cannot be read',
    ]);
  });
});
