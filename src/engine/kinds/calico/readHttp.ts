import { asArray, asRecord, type ObjectContext } from '../../model/objectContext.ts';
import type { Direction } from '../../model/types.ts';
import type { RuleAction } from '../types.ts';
import { INVALID, type Read } from './readSelectorField.ts';

/**
 * Reads a rule's `http` match (application layer policy: `methods`, `paths` of `exact` or
 * `prefix`) into the condition text shown for the allowed connections ("only HTTP GET, HEAD to
 * /api/*"). Calico accepts it on ingress Allow rules only; anything else is reported.
 */
export function readHttpCondition(
  ctx: ObjectContext,
  rule: Record<string, unknown>,
  path: string,
  action: RuleAction,
  direction: Direction,
): Read<string> {
  if (!Object.hasOwn(rule, 'http') || rule.http === null) return undefined;
  const at = `${path}.http`;
  const http = asRecord(rule.http);
  const fail = (key: string | undefined, message: string): typeof INVALID => {
    ctx.report('error', key ? http : rule, key ?? 'http', key ? `${at}.${key}` : at, message, true);
    return INVALID;
  };
  if (!http) return fail(undefined, 'http must be a mapping with methods and/or paths');
  if (direction === 'egress') return fail(undefined, 'http matches are only allowed in ingress rules');
  if (action !== 'allow') return fail(undefined, 'a rule with an http match must have action Allow');
  const methods = http.methods === undefined ? [] : asArray(http.methods);
  if (!methods || methods.some((m) => typeof m !== 'string'))
    return fail('methods', 'methods must be a list of HTTP methods');
  const paths: string[] = [];
  const rawPaths = http.paths === undefined ? [] : asArray(http.paths);
  if (!rawPaths) return fail('paths', 'paths must be a list of {exact: ...} or {prefix: ...}');
  for (const raw of rawPaths) {
    const entry = asRecord(raw);
    const exact = entry?.exact;
    const prefix = entry?.prefix;
    if (typeof exact === 'string' && prefix === undefined) paths.push(exact);
    else if (typeof prefix === 'string' && exact === undefined) paths.push(`${prefix}*`);
    else return fail('paths', 'each path must be {exact: "/path"} or {prefix: "/path"}, not both');
  }
  if (methods.length === 0 && paths.length === 0) return undefined;
  const words = ['only HTTP'];
  if (methods.length > 0) words.push((methods as string[]).join(', '));
  if (paths.length > 0) words.push(`to ${paths.join(', ')}`);
  return words.join(' ');
}
