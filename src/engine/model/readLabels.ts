import { clip } from '../diagnostics.ts';
import { labelKeyProblem, labelValueProblem } from './labelSyntax.ts';
import { asRecord, type ObjectContext } from './objectContext.ts';
import type { Labels } from './types.ts';

/** Plain scalars that YAML 1.1 (which kubectl uses) reads as booleans. */
const YAML11_BOOLEANS = new Set(
  'y Y yes Yes YES n N no No NO on On ON off Off OFF true True TRUE false False FALSE'.split(' '),
);
/**
 * The YAML 1.1 booleans that the parser (YAML 1.2) also reads as booleans: a string spelled so
 * was quoted, so its spelling needs no look (which would cost locating the key in the text).
 */
const YAML12_BOOLEANS = new Set('true True TRUE false False FALSE'.split(' '));

/** Labels read from a map, and whether Kubernetes would accept every one of them. */
export interface CheckedLabels {
  labels: Labels;
  valid: boolean;
}

/**
 * Reads a label map (metadata.labels, matchLabels, a Service selector). Values that Kubernetes
 * would reject (booleans, numbers, or unquoted yes/no/on/off that kubectl reads as booleans) are
 * reported at their line and left out; keys and values with invalid syntax are reported as errors
 * (Kubernetes rejects the object) and kept.
 */
export function readLabels(ctx: ObjectContext, node: unknown, path: string): Labels {
  return readCheckedLabels(ctx, node, path).labels;
}

/** {@link readLabels}, also saying whether the map is valid (a selector with a bad label is dropped). */
export function readCheckedLabels(
  ctx: ObjectContext,
  node: unknown,
  path: string,
  dropsObject = false,
): CheckedLabels {
  if (node === undefined || node === null) return { labels: {}, valid: true };
  const record = asRecord(node);
  if (!record) {
    ctx.report(
      'error',
      node,
      undefined,
      path,
      'labels must be a mapping of key: value; ignored',
      dropsObject,
      'wrong-type',
    );
    return { labels: {}, valid: false };
  }
  const labels: [string, string][] = [];
  let valid = true;
  for (const [key, value] of Object.entries(record)) {
    const at = `${path}.${clip(key)}`;
    if (typeof value !== 'string') {
      valid = false;
      const shown = typeof value === 'object' && value !== null ? undefined : String(value);
      const hint =
        (typeof value === 'boolean' || typeof value === 'number') && shown !== undefined
          ? `YAML reads ${clip(shown)} as a ${typeof value}, and Kubernetes rejects non-string label values: write it quoted, "${clip(shown)}"`
          : 'a label value must be a string';
      ctx.report('error', record, key, at, `${hint}; this label is ignored`, dropsObject, 'wrong-type');
      continue;
    }
    if (YAML11_BOOLEANS.has(value) && !YAML12_BOOLEANS.has(value) && isUnquoted(ctx, record, key, value)) {
      valid = false;
      ctx.report(
        'error',
        record,
        key,
        at,
        `kubectl reads the unquoted value ${value} as a boolean and the API server rejects it: write it quoted, "${value}"; this label is ignored`,
        dropsObject,
        'yaml11-boolean',
      );
      continue;
    }
    const keyProblem = labelKeyProblem(key);
    const valueProblem = keyProblem ? undefined : labelValueProblem(value);
    if (keyProblem) {
      valid = false;
      ctx.report(
        'error',
        record,
        key,
        at,
        `"${clip(key)}" is not a valid label key: it ${keyProblem}; Kubernetes would reject this object`,
        dropsObject,
        'invalid-label-key',
      );
    } else if (valueProblem) {
      valid = false;
      ctx.report(
        'error',
        record,
        key,
        at,
        `"${clip(value)}" is not a valid label value: it ${valueProblem}; Kubernetes would reject this object`,
        dropsObject,
        'invalid-label-value',
      );
    }
    labels.push([key, value]);
  }
  return { labels: Object.fromEntries(labels), valid };
}

/** Whether `key: value` is written with the value unquoted (so YAML 1.1 reads it as a boolean). */
function isUnquoted(ctx: ObjectContext, record: object, key: string, value: string): boolean {
  const { line, column } = ctx.locate(record, key);
  const text = ctx.lineText(line);
  let i = column - 1;
  const quote = text[i];
  i += quote === '"' || quote === "'" ? key.length + 2 : key.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== ':') return false;
  i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (!text.startsWith(value, i)) return false;
  const after = text.slice(i + value.length).trimStart();
  return after === '' || after[0] === ',' || after[0] === '}' || after[0] === '#';
}
