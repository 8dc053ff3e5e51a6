import { asRecord, field, type ObjectContext } from '../../model/objectContext.ts';
import { readPatterns, readPortNumbers, readStrings } from './fields.ts';

/** What a `to.operation` matches: TCP ports, and HTTP attributes as a condition. */
export interface OperationMatch {
  /** Undefined: every port. */
  ports?: readonly number[] | undefined;
  notPorts: readonly number[];
  /** HTTP attributes in words (`GET or PUT on /info*`); undefined when there are none. */
  http?: string;
  /** No request can match (a value both listed and excluded). */
  never?: boolean;
}

export const ANY_OPERATION: OperationMatch = { notPorts: [] };

const KNOWN = new Set([
  'hosts',
  'notHosts',
  'ports',
  'notPorts',
  'methods',
  'notMethods',
  'paths',
  'notPaths',
]);

/** Reads `to[i].operation`; unknown fields are reported and ignored. */
export function readOperation(ctx: ObjectContext, node: unknown, path: string): OperationMatch {
  const record = asRecord(node);
  if (!record) {
    if (node !== undefined && node !== null)
      ctx.report(
        'error',
        node,
        undefined,
        path,
        'operation must be a mapping; read as any operation',
        false,
        'istio-operation-not-mapping',
      );
    return ANY_OPERATION;
  }
  for (const key of Object.keys(record))
    if (!KNOWN.has(key))
      ctx.report(
        'warning',
        record,
        key,
        `${path}.${key}`,
        `"${key}" is not an operation field (${[...KNOWN].join(', ')}); ignored`,
        false,
        'istio-unknown-operation-field',
      );
  const ports = readPortNumbers(ctx, record, 'ports', path);
  const notPorts = readPortNumbers(ctx, record, 'notPorts', path) ?? [];
  const methods = readStrings(ctx, record, 'methods', path);
  const notMethods = readStrings(ctx, record, 'notMethods', path);
  const paths = readPatterns(ctx, record, 'paths', path, true);
  const notPaths = readPatterns(ctx, record, 'notPaths', path, true);
  const hosts = readPatterns(ctx, record, 'hosts', path);
  const notHosts = readPatterns(ctx, record, 'notHosts', path);
  // A value listed both ways can never match: `methods: [GET, PUT]` with `notMethods: [GET]` is PUT
  // only, and `methods: [GET]` with `notMethods: [GET]` is no request at all.
  const m = narrow(methods, notMethods, true);
  const p = narrow(paths, notPaths, false);
  const h = narrow(hosts, notHosts, false);
  const never = m.never || p.never || h.never;
  const http = describeHttp({
    methods: m.list,
    notMethods: m.not,
    paths: p.list,
    notPaths: p.not,
    hosts: h.list,
    notHosts: h.not,
  });
  const base: OperationMatch = http === undefined ? { ports, notPorts } : { ports, notPorts, http };
  return never ? { ...base, never } : base;
}

/** A positive list minus identical negative entries; `exact` drops the negatives once applied. */
function narrow(
  list: readonly string[] | undefined,
  not: readonly string[] | undefined,
  exact: boolean,
): { list?: readonly string[] | undefined; not?: readonly string[] | undefined; never: boolean } {
  if (!list || list.length === 0 || !not || not.length === 0) return { list, not, never: false };
  const kept = list.filter((x) => !not.includes(x));
  return {
    list: kept,
    not: exact ? undefined : not.filter((x) => !list.includes(x)),
    never: kept.length === 0,
  };
}

interface HttpFields {
  methods?: readonly string[] | undefined;
  notMethods?: readonly string[] | undefined;
  paths?: readonly string[] | undefined;
  notPaths?: readonly string[] | undefined;
  hosts?: readonly string[] | undefined;
  notHosts?: readonly string[] | undefined;
}

/**
 * HTTP attributes in words: `GET or PUT on /info* to host a.com`, `requests other than GET`.
 * An empty list (present but empty) is read as absent, as Istio does.
 */
export function describeHttp(f: HttpFields): string | undefined {
  const words: string[] = [];
  const some = (list?: readonly string[]) => (list && list.length > 0 ? list : undefined);
  const methods = some(f.methods);
  const notMethods = some(f.notMethods);
  if (methods) words.push(methods.join(' or '));
  else words.push('requests');
  if (notMethods) words.push(`${methods ? 'but not' : 'other than'} ${notMethods.join(' or ')}`);
  const paths = some(f.paths);
  const notPaths = some(f.notPaths);
  if (paths) words.push(`on ${paths.join(' or ')}`);
  if (notPaths) words.push(`not on ${notPaths.join(' or ')}`);
  const hosts = some(f.hosts);
  const notHosts = some(f.notHosts);
  if (hosts) words.push(`to host ${hosts.join(' or ')}`);
  if (notHosts) words.push(`not to host ${notHosts.join(' or ')}`);
  return words.length === 1 && words[0] === 'requests' ? undefined : words.join(' ');
}

/** Whether the operation record names any HTTP attribute (for findings on TCP-only ports). */
export function hasHttpFields(node: unknown): boolean {
  const record = asRecord(node);
  return ['methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'].some(
    (k) => field(record, k) !== undefined,
  );
}
