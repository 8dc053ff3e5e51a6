/**
 * Text mutations a hostile or careless upload brings: flipped bytes, cut files, duplicated and
 * lost lines, broken indentation, NULs, huge values, deep nesting and YAML aliases.
 */
import fc from 'fast-check';

/** A change to a text, with a name that counterexamples print. */
export interface Mutation {
  name: string;
  apply(text: string): string;
}

function named(name: string, apply: (text: string) => string): Mutation {
  return { name, apply, [fc.toStringMethod]: () => name } as Mutation;
}

/** Characters that mean something to YAML, and a few that mean trouble to everything else. */
const HOSTILE_CHARS = [
  ':',
  '-',
  '{',
  '}',
  '[',
  ']',
  '&',
  '*',
  '!',
  '|',
  '>',
  '#',
  '"',
  "'",
  '\t',
  ' ',
  '\n',
  '%',
  '@',
  '`',
  ',',
  '?',
  '\u0000',
  '\r',
  '\uFFFD',
  '\u2028',
  '😀',
  '\\',
  '\u00a0',
];

function lines(text: string): string[] {
  return text.split('\n');
}

/**
 * A position as a fraction of the text, so one arbitrary fits texts of every length. Integers
 * spread evenly (fc.double favours values next to 0, which would always hit the first line).
 */
const at = fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1_000_000);

function index(fraction: number, length: number): number {
  return Math.min(length, Math.floor(fraction * (length + 1)));
}

function onLine(fraction: number, text: string, change: (line: string) => string[]): string {
  const all = lines(text);
  const i = Math.min(all.length - 1, Math.floor(fraction * all.length));
  return [...all.slice(0, i), ...change(all[i] ?? ''), ...all.slice(i + 1)].join('\n');
}

const byteFlip = fc.tuple(at, fc.constantFrom(...HOSTILE_CHARS)).map(
  ([f, c]): Mutation =>
    named(`flip at ${f} to ${JSON.stringify(c)}`, (t) => {
      const i = index(f, t.length - 1);
      return t.slice(0, i) + c + t.slice(i + 1);
    }),
);
const truncate = at.map((f) => named(`truncate at ${f}`, (t) => t.slice(0, index(f, t.length))));
const duplicateLine = at.map((f) => named(`duplicate line at ${f}`, (t) => onLine(f, t, (l) => [l, l])));
const removeLine = at.map((f) => named(`remove line at ${f}`, (t) => onLine(f, t, () => [])));
const indent = fc
  .tuple(at, fc.constantFrom('  ', ' ', '\t', '    '), fc.boolean())
  .map(([f, pad, add]) =>
    named(`${add ? 'indent' : 'dedent'} line at ${f} by ${JSON.stringify(pad)}`, (t) =>
      onLine(f, t, (l) => [add ? pad + l : l.replace(/^\s{1,2}/, '')]),
    ),
  );
const injectNul = at.map((f) =>
  named(`NUL at ${f}`, (t) => {
    const i = index(f, t.length);
    return `${t.slice(0, i)}\u0000${t.slice(i)}`;
  }),
);
const hugeValue = fc
  .tuple(at, fc.constantFrom('x'.repeat(200_000), '9'.repeat(400), `"${'a'.repeat(70_000)}"`, '1e999'))
  .map(([f, huge]) =>
    named(`huge value (${huge.length} chars) at ${f}`, (t) =>
      onLine(f, t, (l) => [l.replace(/:\s*\S.*$/, `: ${huge}`)]),
    ),
  );
const deepNesting = fc.tuple(at, fc.integer({ min: 50, max: 3000 }), fc.boolean()).map(([f, depth, flow]) =>
  named(`${flow ? 'flow' : 'block'} nesting ${depth} deep at ${f}`, (t) => {
    const nested = flow
      ? `deep: ${'['.repeat(depth)}${']'.repeat(depth)}`
      : Array.from({ length: Math.min(depth, 400) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    return onLine(f, t, (l) => [l, nested]);
  }),
);
/**
 * An anchor on one line and an alias to it on another; or the exponential "laughs" (nine aliases
 * of nine aliases...) put first and one value replaced by the top alias.
 */
const aliases = fc.tuple(at, at, fc.integer({ min: 1, max: 9 }), fc.boolean()).map(([f, g, levels, bomb]) =>
  named(bomb ? `alias bomb ${levels} levels at ${g}` : `anchor at ${f}, alias at ${g}`, (t) => {
    if (!bomb) {
      const anchored = onLine(f, t, (l) => [l.replace(/:\s*(\S.*)$/, ': &anchor $1')]);
      return onLine(g, anchored, (l) => [l.replace(/:\s*\S.*$/, ': *anchor')]);
    }
    const laughs = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= levels; i++)
      laughs.push(
        `l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    return `${laughs.join('\n')}\n${onLine(g, t, (l) => [l.replace(/:\s*\S.*$/, `: *l${levels}`)])}`;
  }),
);

/**
 * Lists whose items are aliases of Lists: every alias followed, a few hundred bytes become 9^levels
 * objects. Kept to four levels so a run that does expand them stays short.
 */
const listBomb = fc.tuple(at, fc.integer({ min: 2, max: 4 })).map(([f, levels]) =>
  named(`List alias bomb ${levels} levels after line ${f}`, (t) => {
    const anchors = ['x0: &x0 {apiVersion: v1, kind: Pod, metadata: {name: p}}'];
    for (let i = 1; i <= levels; i++)
      anchors.push(
        `x${i}: &x${i} {kind: List, items: [${Array(9)
          .fill(`*x${i - 1}`)
          .join(', ')}]}`,
      );
    const bomb = `---\napiVersion: v1\nkind: List\nanchors:\n  ${anchors.join('\n  ')}\nitems: [*x${levels}]\n---`;
    return onLine(f, t, (l) => [l, bomb]);
  }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  byteFlip,
  truncate,
  duplicateLine,
  removeLine,
  indent,
  injectNul,
  hugeValue,
  deepNesting,
  aliases,
  listBomb,
);

/** One to three mutations, applied in order. */
export const mutations: fc.Arbitrary<Mutation> = fc
  .array(mutation, { minLength: 1, maxLength: 3 })
  .map((list) =>
    named(list.map((m) => m.name).join(', then '), (t) => list.reduce((text, m) => m.apply(text), t)),
  );
