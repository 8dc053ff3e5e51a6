import { ALL, and, type Expr, NONE, or } from '../../policy/expr.ts';

/**
 * Istio identities as selector expressions. A workload in the mesh presents the principal
 * `<trustDomain>/ns/<namespace>/sa/<serviceAccount>` over mutual TLS; a source outside the mesh
 * presents none, so principal and namespace tests never match it. Istio string matches are exact,
 * prefix (`abc*`), suffix (`*abc`) or presence (`*`).
 */

export const MESH: Expr = { op: 'mesh' };
const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A match the selector language cannot state exactly (a ServiceAccount name prefix): `expr` is
 * the widest set it could match and `inexact` says, in words, what else must hold.
 */
export interface IdentityMatch {
  expr: Expr;
  inexact?: string;
}

type Shape = { kind: 'exact' | 'prefix' | 'suffix'; text: string } | { kind: 'any' };

/** How an Istio string match pattern reads. */
export function patternShape(pattern: string): Shape {
  if (pattern === '*') return { kind: 'any' };
  if (pattern.endsWith('*')) return { kind: 'prefix', text: pattern.slice(0, -1) };
  if (pattern.startsWith('*')) return { kind: 'suffix', text: pattern.slice(1) };
  return { kind: 'exact', text: pattern };
}

/** Whether a plain string matches an Istio string pattern. */
export function matchesPattern(pattern: string, value: string): boolean {
  const shape = patternShape(pattern);
  if (shape.kind === 'any') return value !== '';
  if (shape.kind === 'prefix') return value.startsWith(shape.text);
  if (shape.kind === 'suffix') return value.endsWith(shape.text);
  return value === shape.text;
}

/** Whether a pattern is valid Istio syntax: at most one `*`, at the start or the end. */
export function validPattern(pattern: string): boolean {
  const stars = pattern.split('*').length - 1;
  if (stars === 0) return pattern !== '';
  return stars === 1 && (pattern.startsWith('*') || pattern.endsWith('*'));
}

/** Pods of namespaces whose name matches the pattern (mesh membership not included). */
export function namespacePattern(pattern: string): Expr {
  const shape = patternShape(pattern);
  if (shape.kind === 'any') return ALL;
  if (shape.kind === 'exact') return { op: 'namespace', names: [shape.text] };
  if (shape.text === '') return ALL;
  const test = shape.kind === 'prefix' ? 'startsWith' : 'endsWith';
  return { op: 'label', scope: 'namespace', key: NAME_LABEL, test: { is: test, value: shape.text } };
}

/** Mesh workloads whose identity namespace matches one of the patterns. */
export function namespacesExpr(patterns: readonly string[]): Expr {
  return and(MESH, or(...patterns.map(namespacePattern)));
}

/**
 * Mesh workloads whose principal matches the pattern, given the mesh's trust domain. The principal
 * is split into its five segments (trust domain, `ns`, namespace, `sa`, account) and the pattern
 * is aligned with them from the start (prefix), the end (suffix) or whole (exact); the one partial
 * segment becomes a prefix or suffix test.
 */
export function principalMatch(pattern: string, trustDomain: string): IdentityMatch {
  const shape = patternShape(pattern);
  if (shape.kind === 'any') return { expr: MESH };
  const segments = shape.text.split('/');
  if (segments.length > 5) return { expr: NONE };
  const offset = shape.kind === 'suffix' ? 5 - segments.length : 0;
  if (shape.kind === 'exact' && segments.length !== 5) return { expr: NONE };
  const partialAt = shape.kind === 'prefix' ? segments.length - 1 : shape.kind === 'suffix' ? 0 : -1;
  const parts: Expr[] = [MESH];
  let inexact: string | undefined;
  for (const [i, text] of segments.entries()) {
    const position = i + offset;
    const partial: 'startsWith' | 'endsWith' | undefined =
      i === partialAt ? (shape.kind === 'prefix' ? 'startsWith' : 'endsWith') : undefined;
    const fits = (actual: string) =>
      partial === 'startsWith'
        ? actual.startsWith(text)
        : partial === 'endsWith'
          ? actual.endsWith(text)
          : actual === text;
    if (position === 0 || position === 1 || position === 3) {
      const actual = position === 0 ? trustDomain : position === 1 ? 'ns' : 'sa';
      if (!fits(actual)) return { expr: NONE };
    } else if (position === 2) {
      if (partial && text !== '')
        parts.push({ op: 'label', scope: 'namespace', key: NAME_LABEL, test: { is: partial, value: text } });
      else if (!partial) parts.push(text === '' ? NONE : { op: 'namespace', names: [text] });
    } else if (partial && text !== '') {
      inexact = `the source's ServiceAccount name ${partial === 'startsWith' ? 'starts' : 'ends'} with "${text}" (principal ${pattern})`;
    } else if (!partial) parts.push(text === '' ? NONE : { op: 'serviceAccount', names: [text] });
  }
  return inexact ? { expr: and(...parts), inexact } : { expr: and(...parts) };
}

/** A pod's principal. */
export function principalOf(
  trustDomain: string,
  namespace: string,
  serviceAccount: string | undefined,
): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount || 'default'}`;
}
