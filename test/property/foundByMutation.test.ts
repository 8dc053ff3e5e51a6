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

/** Four levels of Lists of nine aliases each: 6,561 Pods when every alias is followed. */
function listAliasBomb(levels: number): string {
  const anchors = ['x0: &x0 {apiVersion: v1, kind: Pod, metadata: {name: p}}'];
  for (let i = 1; i <= levels; i++)
    anchors.push(
      `x${i}: &x${i} {kind: List, items: [${Array(9)
        .fill(`*x${i - 1}`)
        .join(', ')}]}`,
    );
  return `apiVersion: v1\nkind: List\nanchors:\n  ${anchors.join('\n  ')}\nitems: [*x${levels}]\n`;
}

describe('aliases never multiply the work (found by "List alias bomb")', () => {
  it('a List whose items alias Lists gives a bounded number of objects and messages, with a located message', () => {
    const text = listAliasBomb(4);
    const { model } = analyze([{ name: 'bomb.yaml', text }]);
    expect(model.diagnostics.length).toBeLessThanOrEqual(text.length / 2 + 100);
    expect(model.diagnostics[0]?.line ?? 0).toBeGreaterThanOrEqual(1);
  });
});

describe('documents next to a broken one are kept', () => {
  it.each(CASES)('%s', (_rule, text, expected) => {
    const { model } = analyze([{ name: 'upload.yaml', text }]);
    expect(model.namespaces.filter((n) => n.defined).map((n) => n.name)).toContain(expected);
  });
});
