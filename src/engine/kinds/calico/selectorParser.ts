/**
 * Calico's selector language (`app == 'web' && !has(debug) || role in {'a', 'b'}`), parsed into a
 * small tree with no knowledge of what the labels belong to. selectorExpr.ts turns the tree into
 * the engine's Expr for a given scope (endpoints, namespaces, service accounts).
 */

/** A comparison of one label's value. */
export type CompareOp = 'eq' | 'ne' | 'in' | 'notin' | 'contains' | 'startsWith' | 'endsWith';

export type SelectorNode =
  | { t: 'all' }
  | { t: 'global' }
  | { t: 'and'; of: SelectorNode[] }
  | { t: 'or'; of: SelectorNode[] }
  | { t: 'not'; of: SelectorNode }
  | { t: 'has'; key: string }
  | { t: 'compare'; key: string; op: CompareOp; values: string[] };

export type SelectorParse = { ok: true; node: SelectorNode } | { ok: false; column: number; message: string };

interface Token {
  kind: 'punct' | 'word' | 'string' | 'end';
  text: string;
  /** 1-based column in the selector text. */
  column: number;
}

const PUNCTUATION = ['&&', '||', '==', '!=', '(', ')', '{', '}', ',', '!'];
const WORD = /[A-Za-z0-9_./-]/;

class SelectorError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, column: i + 1 });
      i += punct.length;
    } else if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new SelectorError(i + 1, `the string starting here has no closing ${c}`);
      tokens.push({ kind: 'string', text: text.slice(i + 1, close), column: i + 1 });
      i = close + 1;
    } else if (WORD.test(c)) {
      let end = i;
      while (end < text.length && WORD.test(text[end] as string)) end++;
      tokens.push({ kind: 'word', text: text.slice(i, end), column: i + 1 });
      i = end;
    } else {
      throw new SelectorError(i + 1, `unexpected character "${c}"`);
    }
  }
  tokens.push({ kind: 'end', text: '', column: text.length + 1 });
  return tokens;
}

/** Recursive descent over the tokens: or > and > not > primary. */
class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.at++;
    return token;
  }

  private is(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return (token.kind === 'punct' || token.kind === 'word') && token.text === text;
  }

  private expect(text: string, what: string): void {
    const token = this.peek();
    if (!this.is(text))
      throw new SelectorError(token.column, `expected ${what}, found ${describeToken(token)}`);
    this.next();
  }

  parseAll(): SelectorNode {
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'end')
      throw new SelectorError(rest.column, `expected && or || or the end, found ${describeToken(rest)}`);
    return node;
  }

  private parseOr(): SelectorNode {
    const of = [this.parseAnd()];
    while (this.is('||')) {
      this.next();
      of.push(this.parseAnd());
    }
    return of.length === 1 ? (of[0] as SelectorNode) : { t: 'or', of };
  }

  private parseAnd(): SelectorNode {
    const of = [this.parseNot()];
    while (this.is('&&')) {
      this.next();
      of.push(this.parseNot());
    }
    return of.length === 1 ? (of[0] as SelectorNode) : { t: 'and', of };
  }

  private parseNot(): SelectorNode {
    if (this.is('!')) {
      this.next();
      return { t: 'not', of: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): SelectorNode {
    const token = this.peek();
    if (this.is('(')) {
      this.next();
      const inner = this.parseOr();
      this.expect(')', 'a closing )');
      return inner;
    }
    if (token.kind !== 'word')
      throw new SelectorError(
        token.column,
        `expected a label key, has(), all() or (, found ${describeToken(token)}`,
      );
    if ((token.text === 'has' || token.text === 'all' || token.text === 'global') && this.is('(', 1)) {
      this.next();
      this.next();
      if (token.text === 'has') {
        const key = this.peek();
        if (key.kind !== 'word')
          throw new SelectorError(key.column, `has() needs a label key, found ${describeToken(key)}`);
        this.next();
        this.expect(')', 'a closing ) after the label key');
        return { t: 'has', key: key.text };
      }
      this.expect(')', `${token.text}() to take no argument`);
      return { t: token.text as 'all' | 'global' };
    }
    this.next();
    return this.parseComparison(token.text);
  }

  private parseComparison(key: string): SelectorNode {
    const token = this.peek();
    if (this.is('==') || this.is('!=')) {
      this.next();
      return { t: 'compare', key, op: token.text === '==' ? 'eq' : 'ne', values: [this.parseString()] };
    }
    if (this.is('in') || (this.is('not') && this.is('in', 1))) {
      const negated = this.is('not');
      this.next();
      if (negated) this.next();
      return { t: 'compare', key, op: negated ? 'notin' : 'in', values: this.parseSet() };
    }
    if (this.is('contains')) {
      this.next();
      return { t: 'compare', key, op: 'contains', values: [this.parseString()] };
    }
    if ((this.is('starts') || this.is('ends')) && this.is('with', 1)) {
      const op = this.is('starts') ? 'startsWith' : 'endsWith';
      this.next();
      this.next();
      return { t: 'compare', key, op, values: [this.parseString()] };
    }
    throw new SelectorError(
      token.column,
      `expected an operator after "${key}" (==, !=, in, not in, contains, starts with, ends with), found ${describeToken(token)}`,
    );
  }

  private parseString(): string {
    const token = this.peek();
    if (token.kind !== 'string')
      throw new SelectorError(
        token.column,
        `expected a quoted value ('...' or "..."), found ${describeToken(token)}`,
      );
    this.next();
    return token.text;
  }

  private parseSet(): string[] {
    this.expect('{', 'a { to open the set of values');
    const values: string[] = [];
    if (this.is('}')) {
      this.next();
      return values;
    }
    for (;;) {
      values.push(this.parseString());
      if (this.is('}')) {
        this.next();
        return values;
      }
      this.expect(',', 'a , or }');
    }
  }
}

function describeToken(token: Token): string {
  if (token.kind === 'end') return 'the end of the selector';
  if (token.kind === 'string') return `the string '${token.text}'`;
  return `"${token.text}"`;
}

/**
 * Parses a Calico selector. An empty (or blank) selector selects everything, as an absent one does.
 * Errors carry the 1-based column in the selector text and say what was expected.
 *
 * @example parseSelector("app == 'web' && !has(debug)")
 */
export function parseSelector(text: string): SelectorParse {
  try {
    const tokens = tokenize(text);
    if (tokens.length === 1) return { ok: true, node: { t: 'all' } };
    return { ok: true, node: new Parser(tokens).parseAll() };
  } catch (error) {
    if (error instanceof SelectorError) return { ok: false, column: error.column, message: error.message };
    throw error;
  }
}
