import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The shared conformance corpus, read in place (never copied into the project). */
export const CONFORMANCE = resolve(ROOT, '..', 'shared', 'conformance');

function manifestsUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...manifestsUnder(path));
    else if (entry === 'manifests.yaml') found.push(path);
  }
  return found;
}

export interface SeedFile {
  name: string;
  text: string;
}

/** The samples, and every conformance manifests.yaml when the corpus is beside the project. */
export function seedFiles(): { files: SeedFile[]; conformanceFound: boolean } {
  const samples = readdirSync(join(ROOT, 'samples'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: `samples/${f}`, text: readFileSync(join(ROOT, 'samples', f), 'utf8') }));
  const conformanceFound = existsSync(CONFORMANCE);
  const conformance = conformanceFound
    ? manifestsUnder(CONFORMANCE).map((path) => ({
        name: relative(CONFORMANCE, path),
        text: readFileSync(path, 'utf8'),
      }))
    : [];
  return { files: [...samples, ...conformance], conformanceFound };
}

/** Documents split at `---` lines, with the separators kept so the text reassembles exactly. */
export function splitAtSeparators(text: string): { documents: string[]; separators: string[] } {
  const lines = text.split('\n');
  const documents: string[] = [];
  const separators: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (/^---(\s|$)/.test(line)) {
      documents.push(current.join('\n'));
      separators.push(line);
      current = [];
    } else current.push(line);
  }
  documents.push(current.join('\n'));
  return { documents, separators };
}

export function joinAtSeparators(documents: readonly string[], separators: readonly string[]): string {
  let text = documents[0] ?? '';
  for (let i = 1; i < documents.length; i++) text += `\n${separators[i - 1]}\n${documents[i]}`;
  return text;
}
