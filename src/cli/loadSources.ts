import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Source } from '../engine/index.ts';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Reads files, and manifest files under directories (recursively, sorted), as named sources. */
export function loadSources(paths: readonly string[]): { sources: Source[]; errors: string[] } {
  const sources: Source[] = [];
  const errors: string[] = [];
  const visit = (path: string, explicit: boolean): void => {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch {
      errors.push(`${path}: no such file or directory`);
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        visit(join(path, entry), false);
      }
      return;
    }
    if (!explicit && !MANIFEST_FILE.test(path)) return;
    try {
      sources.push({ name: path, text: readFileSync(path, 'utf8') });
    } catch (error) {
      errors.push(`${path}: cannot read: ${(error as Error).message}`);
    }
  };
  for (const path of paths) visit(path, true);
  return { sources, errors };
}
