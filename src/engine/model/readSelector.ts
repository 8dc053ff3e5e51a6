import { asArray, asRecord, asString, field, type ObjectContext } from './objectContext.ts';
import { readLabels } from './readLabels.ts';
import type { LabelSelector, LabelSelectorRequirement } from './types.ts';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * Reads a LabelSelector. Returns undefined (after reporting why) when Kubernetes validation would
 * reject it: an unknown operator, In/NotIn without values, Exists/DoesNotExist with values.
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
  const matchLabels = readLabels(ctx, field(record, 'matchLabels'), `${path}.matchLabels`);
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
    );
    return undefined;
  }
  for (const [i, raw] of (asArray(rawExpressions) ?? []).entries()) {
    const at = `${path}.matchExpressions[${i}]`;
    const expression = asRecord(raw);
    const key = asString(field(expression, 'key'));
    const operator = asString(field(expression, 'operator'));
    const rawValues = field(expression, 'values');
    const values = (asArray(rawValues) ?? []).map((v) => (typeof v === 'string' ? v : String(v)));
    if (!expression || !key) {
      ctx.report(
        'error',
        expression ?? rawExpressions,
        expression ? 'key' : undefined,
        at,
        'each match expression needs a key',
        true,
      );
      return undefined;
    }
    if (!operator || !OPERATORS.has(operator)) {
      ctx.report(
        'error',
        expression,
        'operator',
        `${at}.operator`,
        `"${operator ?? ''}" is not a selector operator: use In, NotIn, Exists or DoesNotExist`,
        true,
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
      );
      return undefined;
    }
    expressions.push({ key, operator: operator as LabelSelectorRequirement['operator'], values });
  }
  return { matchLabels, matchExpressions: expressions };
}
