import yaml from 'js-yaml';
import { clip, type Diagnostic, type SourceRef } from '../diagnostics.ts';
import { recordPositionsAgain, recordsPositionsNow } from './deferredPositions.ts';
import { LineIndex } from './lineIndex.ts';
import { PositionRecorder } from './positionRecorder.ts';
import type { PositionMap } from './positions.ts';
import { splitDocuments } from './splitDocuments.ts';
import { type YamlInput, yamlInput } from './yamlInput.ts';
import { AliasBudgetExceeded, documentListener, ListenerStacks, rootListener } from './yamlListener.ts';

/** A named input: a file name (or editor tab name) and its text. */
export interface Source {
  name: string;
  text: string;
}

/** A Kubernetes object read from a source, with where it came from. */
export interface ParsedObject {
  value: Record<string, unknown>;
  ref: SourceRef;
  /** Positions of every mapping and sequence inside `value`. */
  positions: PositionMap;
  /** For an item of a `kind: List`, its path in the document (`items[2]`), to prefix field paths. */
  pathPrefix: string;
}

export interface ParseResult {
  objects: ParsedObject[];
  diagnostics: Diagnostic[];
}

/**
 * Reads manifests from named sources: multi-document YAML or JSON, `kind: List` (and `*List`)
 * items flattened. Each document parses on its own, so one broken document becomes a diagnostic
 * with its source, document number, line and column, and the others are kept. Never throws.
 *
 * @example parseSources([{ name: 'app.yaml', text: 'kind: Pod\nmetadata: {name: web}' }])
 */
export function parseSources(sources: readonly Source[]): ParseResult {
  const objects: ParsedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    try {
      parseSource(source, objects, diagnostics);
    } catch (error) {
      diagnostics.push(
        problem(
          source.name,
          1,
          1,
          1,
          'read-failed',
          `could not read this source: ${clip(String(error), 200)}`,
        ),
      );
    }
  }
  return { objects, diagnostics };
}

function parseSource(source: Source, objects: ParsedObject[], diagnostics: Diagnostic[]): void {
  const text = typeof source.text === 'string' ? source.text : '';
  if (looksBinary(text)) {
    diagnostics.push(
      problem(
        source.name,
        1,
        1,
        1,
        'binary-file',
        'this is a binary file, not a manifest: choose a .yaml, .yml or .json file',
      ),
    );
    return;
  }
  const lines = new LineIndex(text);
  const recorder = new PositionRecorder(lines);
  const stacks = new ListenerStacks();
  // Most sources hold neither: one scan of the whole text spares a scan of every document.
  const mayHoldNul = text.includes('\u0000');
  const mayHoldTemplate = text.includes('{{');
  const isKustomization = /(^|\/)kustomization\.ya?ml$/i.test(source.name);

  for (const document of splitDocuments(text)) {
    const firstLine = lines.lineOf(lines.skipBlank(document.offset));
    const input = yamlInput(text, document);
    const nul = mayHoldNul ? input.text.indexOf('\u0000') : -1;
    if (nul >= 0) {
      const at = input.offset + nul;
      diagnostics.push(
        problem(
          source.name,
          document.number,
          lines.lineOf(at),
          lines.columnOf(at),
          'nul-byte',
          'this document holds a NUL byte (\\0), which YAML does not allow: remove it (was the file cut or corrupted?); this document was skipped, the other documents are still read',
        ),
      );
      continue;
    }
    const helmLine = mayHoldTemplate ? findHelmTemplateLine(input.text) : undefined;
    if (helmLine !== undefined) {
      const line = lines.lineOf(document.offset) + helmLine - 1;
      diagnostics.push(
        problem(
          source.name,
          document.number,
          line,
          1,
          'helm-template',
          'this is a Helm template ({{ ... }}), not a manifest: run `helm template RELEASE CHART` and paste its output',
        ),
      );
      continue;
    }
    let value: unknown;
    const firstNode = recorder.count;
    const now = recordsPositionsNow(input.text);
    try {
      value = yaml.load(input.text, {
        filename: source.name,
        listener: now
          ? documentListener(input.text, input.offset, lines, recorder, undefined, stacks)
          : rootListener(input.offset, recorder),
      });
    } catch (error) {
      diagnostics.push(
        error instanceof AliasBudgetExceeded
          ? aliasProblem(error, source.name, document.number, lines)
          : yamlProblem(error, source.name, document.number, input, lines),
      );
      continue;
    }
    const endLine = lines.lineOf(lines.skipBlankBack(document.offset + document.text.length));
    const ref: SourceRef = { source: source.name, doc: document.number, line: firstLine, endLine };
    const lastNode = recorder.count;
    const root = value;
    const positions = now
      ? recorder.view(firstNode)
      : recorder.view(firstNode, lastNode, () =>
          recordPositionsAgain(input, root, recorder, [firstNode, lastNode]),
        );
    collectObjects(value, ref, positions, '', isKustomization, objects, diagnostics);
  }
}

function collectObjects(
  value: unknown,
  ref: SourceRef,
  positions: PositionMap,
  pathPrefix: string,
  isKustomizationFile: boolean,
  objects: ParsedObject[],
  diagnostics: Diagnostic[],
): void {
  if (value === null || value === undefined) return;
  if (pathPrefix === '' && isListOfObjects(value)) {
    // A JSON array of objects (what some tools write instead of a `kind: List`).
    for (const [i, item] of value.entries()) {
      const range = positions.rangeOf(item);
      const itemRef = range ? { ...ref, line: range.line, endLine: range.endLine } : ref;
      collectObjects(item, itemRef, positions, `[${i}].`, false, objects, diagnostics);
    }
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push({
      ...problem(
        ref.source,
        ref.doc,
        ref.line,
        1,
        'not-an-object',
        'this document is not a Kubernetes object (expected a mapping with apiVersion and kind); it was skipped',
      ),
      severity: 'warning',
    });
    return;
  }
  const object = value as Record<string, unknown>;
  const kind = object.kind;
  if (kind === 'Kustomization' || (isKustomizationFile && kind === undefined)) {
    diagnostics.push(
      problem(
        ref.source,
        ref.doc,
        ref.line,
        1,
        'kustomization',
        'this is a kustomization, not a manifest: run `kustomize build DIR` (or `kubectl kustomize DIR`) and paste its output',
      ),
    );
    return;
  }
  if (typeof kind !== 'string' || kind === '') {
    diagnostics.push({
      ...problem(
        ref.source,
        ref.doc,
        positions.rangeOf(object)?.line ?? ref.line,
        1,
        'missing-kind',
        'this document has no `kind`, so it is not a Kubernetes object; it was skipped',
      ),
      path: pathPrefix || undefined,
      severity: 'warning',
    } as Diagnostic);
    return;
  }
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(object.items))) {
    const items = Array.isArray(object.items) ? object.items : [];
    for (const [i, item] of items.entries()) {
      const range = positions.rangeOf(item);
      const itemRef = range ? { ...ref, line: range.line, endLine: range.endLine } : ref;
      collectObjects(item, itemRef, positions, `${pathPrefix}items[${i}].`, false, objects, diagnostics);
    }
    return;
  }
  const range = positions.rangeOf(object);
  objects.push({ value: object, ref: range ? { ...ref, ...range } : ref, positions, pathPrefix });
}

function isListOfObjects(value: unknown): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item) && 'kind' in item)
  );
}

/** 1-based line of the first `{{ ... }}` outside a comment; only lines holding `{{` are looked at. */
function findHelmTemplateLine(text: string): number | undefined {
  for (let open = text.indexOf('{{'); open >= 0; ) {
    const lineStart = text.lastIndexOf('\n', open) + 1;
    const newline = text.indexOf('\n', open);
    const lineEnd = newline < 0 ? text.length : newline;
    if (hasTemplateAction(withoutComment(text.slice(lineStart, lineEnd)))) {
      let line = 1;
      for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
      return line;
    }
    if (newline < 0) return undefined;
    open = text.indexOf('{{', lineEnd);
  }
  return undefined;
}

/** The line up to a `#` that starts a comment (at the start or after a blank). */
function withoutComment(line: string): string {
  for (let i = line.indexOf('#'); i >= 0; i = line.indexOf('#', i + 1)) {
    if (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t') return line.slice(0, i);
  }
  return line;
}

/**
 * Whether the line holds `{{ ... }}` with no `}` inside, in one pass: a regular expression for
 * this backtracks quadratically on a long line of `{{`.
 */
function hasTemplateAction(line: string): boolean {
  let open = line.indexOf('{{');
  while (open >= 0) {
    const close = line.indexOf('}', open + 2);
    if (close < 0) return false;
    if (line[close + 1] === '}') return true;
    open = line.indexOf('{{', close + 1);
  }
  return false;
}

/**
 * A real binary file (image, archive, UTF-16 text) shows several NUL bytes or many control and
 * undecodable characters in its first kilobyte. A text file with one stray NUL is not binary: its
 * document with the NUL is reported, the others are read.
 */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 1024);
  let nul = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) nul++;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) odd++;
  }
  return nul >= BINARY_NUL_COUNT || (sample.length > 0 && odd / sample.length > 0.1);
}

/** NULs in the first kilobyte that mark a file as binary (a PNG has three in its first 12 bytes). */
const BINARY_NUL_COUNT = 3;

function yamlProblem(
  error: unknown,
  source: string,
  doc: number,
  input: YamlInput,
  lines: LineIndex,
): Diagnostic {
  const mark = (error as { mark?: { position?: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? String(error);
  const offset = input.offset + Math.min(mark?.position ?? 0, input.text.length);
  return problem(
    source,
    doc,
    lines.lineOf(offset),
    lines.columnOf(offset),
    'yaml-syntax',
    `this document is not valid YAML (${clip(reason, 200)}); it was skipped, the other documents are still read`,
  );
}

function aliasProblem(error: AliasBudgetExceeded, source: string, doc: number, lines: LineIndex): Diagnostic {
  return problem(
    source,
    doc,
    lines.lineOf(error.offset),
    lines.columnOf(error.offset),
    'alias-budget',
    `aliases expand to more than ${error.budget.toLocaleString('en-US')} nodes (a YAML alias bomb?): write the values out or use fewer nested aliases; this document was skipped, the other documents are still read`,
  );
}

function problem(
  source: string,
  doc: number,
  line: number,
  column: number,
  code: string,
  message: string,
): Diagnostic {
  return { severity: 'error', source, doc, line, column, code, message, dropsObject: true };
}
