import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared conformance corpus (read in place from ../shared, never copied). */
export const CORPUS = resolve(import.meta.dirname, '..', '..', 'shared', 'conformance', 'cases');
export const hasCorpus = existsSync(CORPUS);

export function corpusCases(): { name: string; text: string }[] {
  if (!hasCorpus) return [];
  return readdirSync(CORPUS)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS, name, 'manifests.yaml'), 'utf8') }));
}
