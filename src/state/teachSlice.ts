import type { StateCreator } from 'zustand';
import { type Ghost, type Lesson, lessonSources, parseLesson } from '../engine/teach/index.ts';
import type { ReachlabState } from './types.ts';

/** The lesson being worked on: its file text (so links can carry it) and what it says. */
export interface ActiveLesson {
  fileName: string;
  text: string;
  lesson: Lesson;
}

/** What the before/after view compares. */
export type CompareTarget =
  | { kind: 'tabs'; before: string; after: string }
  /** Saved sources (a state file, a link, the version before a fix) against the current workspace. */
  | { kind: 'saved'; name: string; sources: { name: string; text: string }[] };

export interface TeachSlice {
  lesson: ActiveLesson | null;
  /** How many hints the learner has asked to see. */
  hintsShown: number;
  compare: CompareTarget | null;
  /** What-if pods that are not in the manifests (see engine/teach/ghosts.ts). */
  ghosts: Ghost[];
  /**
   * Opens a lesson: its manifests replace the workspace (unless `keepSources`, for a shared link
   * that carries the learner's own edits). Returns the problems, with lines, when the file is bad.
   */
  openLesson: (
    fileName: string,
    text: string,
    read: (path: string) => string | undefined,
    keepSources?: boolean,
  ) => string[];
  closeLesson: () => void;
  showNextHint: () => void;
  setCompare: (compare: CompareTarget | null) => void;
  addGhost: (ghost: Ghost) => void;
  removeGhost: (namespace: string, name: string) => void;
}

export const createTeachSlice: StateCreator<ReachlabState, [], [], TeachSlice> = (set, get) => ({
  lesson: null,
  hintsShown: 0,
  compare: null,
  ghosts: [],
  openLesson: (fileName, text, read, keepSources = false) => {
    const { lesson, problems } = parseLesson(text, fileName);
    if (!lesson)
      return problems.map((p) => `${fileName}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
    const { sources, errors } = lessonSources(lesson, read);
    if (errors.length > 0 || sources.length === 0)
      return errors.length ? errors : [`${fileName}: no manifests`];
    if (!keepSources) {
      get().replaceSources(sources);
      set({ edits: [], ghosts: [], compare: null, selection: null });
    }
    set({ lesson: { fileName, text, lesson }, hintsShown: 0 });
    return [];
  },
  closeLesson: () => set({ lesson: null, hintsShown: 0 }),
  showNextHint: () =>
    set((s) => ({ hintsShown: Math.min(s.hintsShown + 1, s.lesson?.lesson.hints.length ?? 0) })),
  setCompare: (compare) => set({ compare }),
  addGhost: (ghost) =>
    set((s) => ({
      ghosts: [...s.ghosts.filter((g) => !(g.namespace === ghost.namespace && g.name === ghost.name)), ghost],
    })),
  removeGhost: (namespace, name) =>
    set((s) => ({ ghosts: s.ghosts.filter((g) => !(g.namespace === namespace && g.name === name)) })),
});
