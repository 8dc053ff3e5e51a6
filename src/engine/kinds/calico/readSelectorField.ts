import { asArray, asRecord, type ObjectContext } from '../../model/objectContext.ts';
import type { Expr } from '../../policy/expr.ts';
import { type SelectorScope, selectorToExpr, selectorWarnings } from './selectorExpr.ts';
import { parseSelector } from './selectorParser.ts';

/** What reading a field gave: a value, nothing (absent), or a problem already reported. */
export const INVALID = Symbol('invalid');
export type Read<T> = T | undefined | typeof INVALID;

/**
 * Reads a selector field of `parent` as an Expr in `scope`. Absent or null: undefined. Not a
 * string, or not Calico selector syntax: reported at the field with the column inside the
 * selector, and INVALID (the API server rejects such a policy).
 */
export function readSelectorField(
  ctx: ObjectContext,
  parent: Record<string, unknown>,
  key: string,
  path: string,
  scope: SelectorScope,
): Read<Expr> {
  const value = Object.hasOwn(parent, key) ? parent[key] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    ctx.report(
      'error',
      parent,
      key,
      `${path}.${key}`,
      `${key} must be a selector string such as "app == 'web'"`,
      true,
    );
    return INVALID;
  }
  const parsed = parseSelector(value);
  if (!parsed.ok) {
    ctx.report(
      'error',
      parent,
      key,
      `${path}.${key}`,
      `invalid selector "${value}" at column ${parsed.column}: ${parsed.message}. Calico selectors look like app == 'web' && has(tier); values are quoted`,
      true,
    );
    return INVALID;
  }
  for (const warning of selectorWarnings(parsed.node, scope))
    ctx.report('warning', parent, key, `${path}.${key}`, warning);
  return selectorToExpr(parsed.node, scope);
}

/** Reads a list of strings; reports a non-list or a non-string item and returns INVALID. */
export function readStringList(
  ctx: ObjectContext,
  parent: Record<string, unknown>,
  key: string,
  path: string,
): Read<string[]> {
  const value = Object.hasOwn(parent, key) ? parent[key] : undefined;
  if (value === undefined || value === null) return undefined;
  const list = asArray(value);
  if (!list || list.some((item) => typeof item !== 'string')) {
    ctx.report('error', parent, key, `${path}.${key}`, `${key} must be a list of strings`, true);
    return INVALID;
  }
  return list as string[];
}

/** Reads a mapping field; reports anything else and returns INVALID. */
export function readMapping(
  ctx: ObjectContext,
  parent: Record<string, unknown>,
  key: string,
  path: string,
): Read<Record<string, unknown>> {
  const value = Object.hasOwn(parent, key) ? parent[key] : undefined;
  if (value === undefined || value === null) return undefined;
  const record = asRecord(value);
  if (!record) {
    ctx.report('error', parent, key, `${path}.${key}`, `${key} must be a mapping`, true);
    return INVALID;
  }
  return record;
}
