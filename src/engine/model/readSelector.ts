import { clip } from '../diagnostics.ts';
import { labelKeyProblem, labelValueProblem } from './labelSyntax.ts';
import { asArray, asRecord, asString, field, type ObjectContext } from './objectContext.ts';
import { readCheckedLabels } from './readLabels.ts';
import type { LabelSelector, LabelSelectorRequirement } from './types.ts';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * Reads a LabelSelector. Returns undefined (after reporting why) when Kubernetes validation would
 * reject it: an invalid matchLabels key or value, an invalid expression key, an unknown operator,
 * In/NotIn without values, Exists/DoesNotExist with values, values that are not strings or not
 * valid label values.
 */
export function readSelector(ctx: ObjectContext, node: unknown, path: string): LabelSelector | undefined {
  if (node === null || node === undefined) return { matchLabels: {}, matchExpressions: [] };
  const record = asRecord(node);
  if (!record) {
    ctx.report(
      'error',
      node,
      undefined,
      path,
      'a label selector must be a mapping with matchLabels and/or matchExpressions',
      true,
    );
    return undefined;
  }
  const checked = readCheckedLabels(ctx, field(record, 'matchLabels'), `${path}.matchLabels`, true);
  if (!checked.valid) return undefined;
  const matchLabels = checked.labels;
  const expressions: LabelSelectorRequirement[] = [];
  const rawExpressions = field(record, 'matchExpressions');
  if (rawExpressions !== undefined && rawExpressions !== null && !asArray(rawExpressions)) {
    ctx.report(
      'error',
      record,
      'matchExpressions',
      `${path}.matchExpressions`,
      'matchExpressions must be a list',
      true,
      'wrong-type',
    );
    return undefined;
  }
  for (const [i, raw] of (asArray(rawExpressions) ?? []).entries()) {
    const at = `${path}.matchExpressions[${i}]`;
    const expression = asRecord(raw);
    const key = asString(field(expression, 'key'));
    const operator = asString(field(expression, 'operator'));
    if (!expression || !key) {
      ctx.report(
        'error',
        expression ?? rawExpressions,
        expression ? 'key' : undefined,
        at,
        'each match expression needs a key',
        true,
        'missing-field',
      );
      return undefined;
    }
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) {
      ctx.report(
        'error',
        expression,
        'key',
        `${at}.key`,
        `"${clip(key)}" is not a valid label key: it ${keyProblem}; Kubernetes would reject this selector`,
        true,
        'invalid-label-key',
      );
      return undefined;
    }
    const values = readValues(ctx, expression, at);
    if (!values) return undefined;
    if (!operator || !OPERATORS.has(operator)) {
      ctx.report(
        'error',
        expression,
        'operator',
        `${at}.operator`,
        `"${clip(operator ?? '')}" is not a selector operator: use In, NotIn, Exists or DoesNotExist`,
        true,
        'invalid-enum',
      );
      return undefined;
    }
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      ctx.report(
        'error',
        expression,
        'operator',
        `${at}.values`,
        `${operator} needs at least one value in values`,
        true,
        'missing-field',
      );
      return undefined;
    }
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      ctx.report(
        'error',
        expression,
        'values',
        `${at}.values`,
        `${operator} takes no values: remove values`,
        true,
        'unexpected-field',
      );
      return undefined;
    }
    expressions.push({ key, operator: operator as LabelSelectorRequirement['operator'], values });
  }
  return { matchLabels, matchExpressions: expressions };
}

/** The values of one expression: strings that are valid label values, or undefined after a report. */
function readValues(
  ctx: ObjectContext,
  expression: Record<string, unknown>,
  at: string,
): string[] | undefined {
  const raw = field(expression, 'values');
  if (raw === undefined || raw === null) return [];
  const list = asArray(raw);
  if (!list) {
    ctx.report(
      'error',
      expression,
      'values',
      `${at}.values`,
      'values must be a list of strings, such as [a, b]; Kubernetes would reject this selector',
      true,
      'wrong-type',
    );
    return undefined;
  }
  const values: string[] = [];
  for (const [i, value] of list.entries()) {
    if (typeof value !== 'string') {
      const what =
        value === null
          ? 'null is not a value'
          : typeof value === 'object'
            ? 'a nested list or mapping is not a value'
            : `YAML reads ${clip(String(value))} as a ${typeof value}, not a string: write it quoted, "${clip(String(value))}"`;
      ctx.report(
        'error',
        expression,
        'values',
        `${at}.values[${i}]`,
        `${what}; Kubernetes rejects non-string values, so it would reject this selector`,
        true,
        'wrong-type',
      );
      return undefined;
    }
    const problem = labelValueProblem(value);
    if (problem) {
      ctx.report(
        'error',
        expression,
        'values',
        `${at}.values[${i}]`,
        `"${clip(value)}" is not a valid label value: it ${problem}; Kubernetes would reject this selector`,
        true,
        'invalid-label-value',
      );
      return undefined;
    }
    values.push(value);
  }
  return values;
}
