import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.ts';

const NAMESPACE_B = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n';

/**
 * Inputs the mutation properties found, kept as fixed cases so each reads as the rule it checks:
 * one bad document must not lose the good ones (house rule; YAML separates documents at `---`).
 */
const CASES: [rule: string, text: string, expected: string][] = [
  [
    'a stray NUL in the first document\'s comment leaves the next document readable (found by "NUL at 0")',
    `# title\u0000 with a NUL\n---\n${NAMESPACE_B}`,
    'b',
  ],
  [
    'a first document in flow style ({...}) does not turn the whole stream into one JSON document',
    `{apiVersion: v1, kind: Namespace, metadata: {name: a}}\n---\n${NAMESPACE_B}`,
    'b',
  ],
  [
    'an unclosed flow collection in the first document loses only that document (found by "flip at 0 to [")',
    `[ title: not closed\n---\n${NAMESPACE_B}`,
    'b',
  ],
];

describe('documents next to a broken one are kept', () => {
  it.each(CASES)('%s', (_rule, text, expected) => {
    const { model } = analyze([{ name: 'upload.yaml', text }]);
    expect(model.namespaces.filter((n) => n.defined).map((n) => n.name)).toContain(expected);
  });
});
