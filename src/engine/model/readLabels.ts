import { asRecord, type ObjectContext } from './objectContext.ts';
import type { Labels } from './types.ts';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Plain scalars that YAML 1.1 (which kubectl uses) reads as booleans. */
const YAML11_BOOLEAN =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$/;

/**
 * Reads a label map (metadata.labels, matchLabels, a Service selector). Values that Kubernetes
 * would reject (booleans, numbers, or unquoted yes/no/on/off that kubectl reads as booleans) are
 * reported at their line and left out; keys and values with invalid syntax are reported as warnings.
 */
export function readLabels(ctx: ObjectContext, node: unknown, path: string): Labels {
  const record = asRecord(node);
  const labels: [string, string][] = [];
  if (node === undefined || node === null) return {};
  if (!record) {
    ctx.report('error', node, undefined, path, 'labels must be a mapping of key: value; ignored');
    return {};
  }
  for (const [key, value] of Object.entries(record)) {
    const at = `${path}.${key}`;
    if (typeof value !== 'string') {
      const shown = JSON.stringify(value) ?? String(value);
      const hint =
        typeof value === 'boolean' || typeof value === 'number'
          ? `YAML reads ${shown} as a ${typeof value}, and Kubernetes rejects non-string label values: write it quoted, "${shown}"`
          : 'a label value must be a string';
      ctx.report('error', record, key, at, `${hint}; this label is ignored`);
      continue;
    }
    if (YAML11_BOOLEAN.test(value) && isUnquotedOnItsLine(ctx, record, key, value)) {
      ctx.report(
        'error',
        record,
        key,
        at,
        `kubectl reads the unquoted value ${value} as a boolean and the API server rejects it: write it quoted, "${value}"; this label is ignored`,
      );
      continue;
    }
    if (!isValidLabelKey(key)) {
      ctx.report(
        'warning',
        record,
        key,
        at,
        `"${key}" is not a valid label key (name up to 63 characters, optional DNS prefix/); Kubernetes would reject it`,
      );
    } else if (value.length > 63 || !LABEL_VALUE.test(value)) {
      ctx.report(
        'warning',
        record,
        key,
        at,
        `"${value}" is not a valid label value (up to 63 letters, digits, -, _ or ., starting and ending alphanumeric); Kubernetes would reject it`,
      );
    }
    labels.push([key, value]);
  }
  return Object.fromEntries(labels);
}

export function isValidLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (name.length > 63 || !LABEL_NAME.test(name)) return false;
  return prefix === undefined || (prefix.length <= 253 && LABEL_PREFIX.test(prefix));
}

function isUnquotedOnItsLine(ctx: ObjectContext, record: object, key: string, value: string): boolean {
  const text = ctx.lineText(ctx.lineOf(record, key));
  const escapedKey = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escapedKey}["']?\\s*:\\s*${value}\\s*(,|}|#|$)`).test(text);
}
