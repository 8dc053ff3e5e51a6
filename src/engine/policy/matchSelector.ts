import {
  type LabelSelector,
  type LabelSelectorRequirement,
  type Labels,
  labelValue,
} from '../model/types.ts';

/**
 * Whether a label selector selects an object with these labels: every matchLabels pair and every
 * matchExpression must hold (AND). An empty selector selects everything. NotIn and DoesNotExist
 * hold for objects that lack the key.
 */
export function matchSelector(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (labelValue(labels, key) !== value) return false;
  }
  return selector.matchExpressions.every((requirement) => matchRequirement(requirement, labels));
}

export function matchRequirement(requirement: LabelSelectorRequirement, labels: Labels): boolean {
  const value = labelValue(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
  }
}

/** `app=web, tier in (a,b), !debug`: a selector as people write it. `{}` selects everything. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions) {
    if (r.operator === 'In') parts.push(`${r.key} in (${r.values.join(',')})`);
    else if (r.operator === 'NotIn') parts.push(`${r.key} notin (${r.values.join(',')})`);
    else if (r.operator === 'Exists') parts.push(r.key);
    else parts.push(`!${r.key}`);
  }
  return parts.length ? parts.join(', ') : '{} (everything)';
}
