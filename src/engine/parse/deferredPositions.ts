import yaml from 'js-yaml';
import type { PositionRecorder } from './positionRecorder.ts';
import type { YamlInput } from './yamlInput.ts';
import { documentListener } from './yamlListener.ts';

/**
 * Whether to record every position of a document while parsing it, rather than its root alone
 * and the rest on the first question. Only a guess at who will ask, so either answer is correct;
 * a wrong "later" costs one more parse of that document. Now: documents with an anchor (the
 * alias budget needs the full listener), a JSON or sequence root, or a top-level kind ending in
 * `List` (their items are located while parsing) or `Policy` (the model locates every rule,
 * peer and port of a policy). Later: the rest, mostly workloads and services, which nobody
 * locates unless they hold a mistake.
 */
export function recordsPositionsNow(text: string): boolean {
  if (text.includes('&')) return true;
  const first = firstContent(text);
  if (first === '{' || first === '[' || first === '-') return true;
  const kind = topLevelKind(text);
  return kind === undefined || kind.endsWith('List') || kind.endsWith('Policy');
}

/**
 * Parses `document` again with the full listener and hands what it records over to the objects
 * of the first parse (`root` and below). Returns the node range the document now takes, or
 * `fallback` if the second parse fails (it cannot, on the same text, but a lookup must not throw).
 */
export function recordPositionsAgain(
  document: YamlInput,
  root: unknown,
  recorder: PositionRecorder,
  fallback: readonly [number, number],
): readonly [number, number] {
  const from = recorder.count;
  try {
    const again = yaml.load(document.text, {
      listener: documentListener(document.text, document.offset, recorder.lines, recorder),
    });
    recorder.adopt(from, recorder.count, root, again);
    return [from, recorder.count];
  } catch {
    return fallback;
  }
}

function firstContent(text: string): string {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35) {
      const newline = text.indexOf('\n', i);
      if (newline < 0) return '';
      i = newline + 1;
    } else return text[i] as string;
  }
  return '';
}

/** The value of a `kind:` line at the start of a line, up to the first character of no name. */
function topLevelKind(text: string): string | undefined {
  const line = text.startsWith('kind:') ? 0 : text.indexOf('\nkind:') + 1;
  if (line === 0 && !text.startsWith('kind:')) return undefined;
  let i = line + 5;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const quote = text.charCodeAt(i);
  if (quote === 34 || quote === 39) i++;
  const start = i;
  while (i < text.length && isNameCharacter(text.charCodeAt(i))) i++;
  return text.slice(start, i);
}

function isNameCharacter(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
