import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared conformance corpus (read in place from ../shared, never copied). */
export const CORPUS_ROOT = resolve(import.meta.dirname, '..', '..', 'shared', 'conformance');
export const CORPUS = join(CORPUS_ROOT, 'cases');
export const hasCorpus = existsSync(CORPUS);

/** The cases of some corpus folders (default: the NetworkPolicy cases), sorted by name. */
export function corpusCases(
  folders: readonly string[] = ['cases'],
): { name: string; text: string; file: string }[] {
  if (!hasCorpus) return [];
  return folders.flatMap((folder) => {
    const dir = join(CORPUS_ROOT, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .sort()
      .map((name) => {
        const file = join(dir, name, 'manifests.yaml');
        return {
          name: folders.length > 1 ? `${folder}/${name}` : name,
          text: readFileSync(file, 'utf8'),
          file,
        };
      });
  });
}
