import type { Ghost } from '../engine/teach/ghosts.ts';

/** What links and state files carry of the teaching tools: the lesson with progress, ghost pods. */
export interface TeachShared {
  lesson: { fileName: string; text: string } | null;
  hintsShown: number;
  ghosts: Ghost[];
}

const MAX_GHOSTS = 200;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.length <= max ? v : null;

/**
 * Reads the teaching part of untrusted state (a link, a file). Anything malformed is dropped
 * rather than rejected: the sources, which matter most, still open.
 */
export function readTeachShared(value: unknown): TeachShared {
  const out: TeachShared = { lesson: null, hintsShown: 0, ghosts: [] };
  if (!isRecord(value)) return out;
  if (isRecord(value.lesson)) {
    const fileName = text(value.lesson.fileName, 500);
    const body = text(value.lesson.text, 1_000_000);
    if (fileName !== null && body !== null) out.lesson = { fileName, text: body };
  }
  if (typeof value.hintsShown === 'number' && Number.isInteger(value.hintsShown))
    out.hintsShown = Math.max(0, Math.min(value.hintsShown, 100));
  if (Array.isArray(value.ghosts))
    for (const g of value.ghosts.slice(0, MAX_GHOSTS)) {
      if (!isRecord(g) || !isRecord(g.labels)) continue;
      const namespace = text(g.namespace, 253);
      const name = text(g.name, 253);
      if (!namespace || !name) continue;
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(g.labels))
        if (k.length <= 317 && typeof v === 'string' && v.length <= 63) labels[k] = v;
      out.ghosts.push({ namespace, name, labels });
    }
  return out;
}
