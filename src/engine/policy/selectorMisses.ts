import { type LabelSelector, type Labels, labelValue } from '../model/types.ts';
import { matchRequirement } from './matchSelector.ts';

/**
 * The parts of a selector that some labels fail, each as a short phrase:
 * `needs app=web, has app=job`. Empty when the selector matches.
 */
export function selectorMisses(selector: LabelSelector, labels: Labels): string[] {
  const misses: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    const actual = labelValue(labels, key);
    if (actual !== value)
      misses.push(
        `needs ${key}=${value}, ${actual === undefined ? `has no ${key} label` : `has ${key}=${actual}`}`,
      );
  }
  for (const requirement of selector.matchExpressions) {
    if (matchRequirement(requirement, labels)) continue;
    const actual = labelValue(labels, requirement.key);
    const has = actual === undefined ? `has no ${requirement.key} label` : `has ${requirement.key}=${actual}`;
    const values = requirement.values.join(',');
    switch (requirement.operator) {
      case 'In':
        misses.push(`needs ${requirement.key} in (${values}), ${has}`);
        break;
      case 'NotIn':
        misses.push(`needs ${requirement.key} not in (${values}), ${has}`);
        break;
      case 'Exists':
        misses.push(`needs a ${requirement.key} label, has none`);
        break;
      case 'DoesNotExist':
        misses.push(`needs no ${requirement.key} label, ${has}`);
        break;
    }
  }
  return misses;
}
