import { asRecord, type ObjectContext } from '../../model/objectContext.ts';
import type { IpRange } from '../../model/types.ts';
import { ALL, and, type Expr, not } from '../../policy/expr.ts';
import { IPV4_MAX, parseCidr, subtractRanges } from '../../policy/ipv4.ts';
import { mergeRanges } from '../../policy/ranges.ts';
import { INVALID, type Read, readMapping, readSelectorField, readStringList } from './readSelectorField.ts';

/** A service a rule names (`services: {name, namespace}`), resolved later against the model. */
export interface ServiceRef {
  name: string;
  namespace: string;
}

/** An EntityRule (`source` / `destination`) without its ports, compiled. */
export interface Entity {
  /** In-cluster endpoints it matches. */
  endpoints: Expr;
  /** External IPv4 ranges it matches. */
  external: readonly IpRange[];
  /** False when the entity has no match field at all (`source: {}` matches everything). */
  restricts: boolean;
  label: string;
  /** ServiceAccount names it requires (for findings). */
  serviceAccountNames?: readonly string[];
  service?: ServiceRef;
  /** Whether endpoints are matched by address (`nets` / `notNets`), which rests on known pod IPs. */
  byAddress?: boolean;
  /** How the entity picks by labels, which network sets also answer to: a positive match, or notSelector alone. */
  selects?: 'labels' | 'notSelector';
}

const EVERYWHERE: readonly IpRange[] = [{ start: 0, end: IPV4_MAX }];

/**
 * Compiles an EntityRule as Calico's datastore conversion does. In a namespaced policy, a
 * `selector`, `notSelector` or `serviceAccounts` applies to endpoints of the policy's namespace
 * unless `namespaceSelector` picks namespaces; `nets`-only entities are not namespace-bound. Any
 * label match (selector, namespaceSelector, serviceAccounts, services) leaves out external
 * addresses, which carry no labels; `nets` / `notNets` restrict both endpoints (by their IPs) and
 * external addresses. All fields are ANDed.
 */
export function readEntity(
  ctx: ObjectContext,
  node: unknown,
  path: string,
  policyNamespace: string | undefined,
): Read<Entity> {
  if (node === undefined || node === null)
    return { endpoints: ALL, external: EVERYWHERE, restricts: false, label: 'anyone' };
  const entity = asRecord(node);
  if (!entity) {
    ctx.report('error', node, undefined, path, 'source and destination must be mappings', true);
    return INVALID;
  }
  const selector = readSelectorField(ctx, entity, 'selector', path, 'endpoint');
  const notSelector = readSelectorField(ctx, entity, 'notSelector', path, 'endpoint');
  const namespaceSelector = readSelectorField(ctx, entity, 'namespaceSelector', path, 'namespace');
  const nets = readNets(ctx, entity, 'nets', path);
  const notNets = readNets(ctx, entity, 'notNets', path);
  const accounts = readServiceAccounts(ctx, entity, path);
  const service = readServices(ctx, entity, path, policyNamespace);
  const parts = [selector, notSelector, namespaceSelector, nets, notNets, accounts, service];
  if (parts.includes(INVALID)) return INVALID;
  const sel = selector as Expr | undefined;
  const notSel = notSelector as Expr | undefined;
  const nsSel = namespaceSelector as Expr | undefined;
  const netRanges = nets as IpRange[] | undefined;
  const notNetRanges = notNets as IpRange[] | undefined;
  const account = accounts as { expr: Expr; names?: string[] } | undefined;
  const svc = service as ServiceRef | undefined;

  const labelled = sel !== undefined || nsSel !== undefined || account !== undefined || svc !== undefined;
  const scoped = labelled || (notSel !== undefined && policyNamespace !== undefined);
  const namespaceScope: Expr =
    nsSel ?? (policyNamespace !== undefined ? { op: 'namespace', names: [policyNamespace] } : ALL);
  const endpoints = and(
    scoped && !svc ? namespaceScope : ALL,
    sel ?? ALL,
    account?.expr ?? ALL,
    notSel ? not(notSel) : ALL,
    netRanges ? { op: 'ip', ranges: netRanges } : ALL,
    notNetRanges ? not({ op: 'ip', ranges: notNetRanges }) : ALL,
  );
  let external: IpRange[] = [];
  if (!scoped) {
    external = [...(netRanges ?? EVERYWHERE)];
    if (notNetRanges) external = external.flatMap((r) => subtractRanges(r, notNetRanges));
  }
  const words = Object.entries(entity)
    .filter(([key]) => key !== 'ports' && key !== 'notPorts')
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return {
    endpoints: svc ? { op: 'none' } : endpoints,
    external,
    restricts: parts.some((p) => p !== undefined),
    label: words.join(', ') || 'anyone',
    ...(account?.names ? { serviceAccountNames: account.names } : {}),
    ...(svc ? { service: svc } : {}),
    ...(netRanges || notNetRanges ? { byAddress: true } : {}),
    ...(scoped && !svc
      ? { selects: 'labels' as const }
      : !scoped && notSel
        ? { selects: 'notSelector' as const }
        : {}),
  };
}

export function readNets(
  ctx: ObjectContext,
  entity: Record<string, unknown>,
  key: string,
  path: string,
): Read<IpRange[]> {
  const list = readStringList(ctx, entity, key, path);
  if (list === INVALID || list === undefined) return list;
  const ranges: IpRange[] = [];
  for (const [i, text] of list.entries()) {
    const cidr = parseCidr(text.includes('/') ? text : `${text}${text.includes(':') ? '/128' : '/32'}`);
    if (!cidr) {
      ctx.report(
        'error',
        entity,
        key,
        `${path}.${key}[${i}]`,
        `"${text}" is not a CIDR such as 10.0.0.0/8`,
        true,
      );
      return INVALID;
    }
    if (cidr.family === 4) ranges.push(cidr.range);
  }
  return mergeRanges(ranges.map((r) => [r.start, r.end] as const)).map(([start, end]) => ({ start, end }));
}

function readServiceAccounts(
  ctx: ObjectContext,
  entity: Record<string, unknown>,
  path: string,
): Read<{ expr: Expr; names?: string[] }> {
  const record = readMapping(ctx, entity, 'serviceAccounts', path);
  if (record === INVALID || record === undefined) return record;
  const at = `${path}.serviceAccounts`;
  const names = readStringList(ctx, record, 'names', at);
  const selector = readSelectorField(ctx, record, 'selector', at, 'serviceAccount');
  if (names === INVALID || selector === INVALID) return INVALID;
  const expr = and(names ? { op: 'serviceAccount', names } : ALL, selector ?? ALL);
  return names ? { expr, names } : { expr };
}

function readServices(
  ctx: ObjectContext,
  entity: Record<string, unknown>,
  path: string,
  policyNamespace: string | undefined,
): Read<ServiceRef> {
  const record = readMapping(ctx, entity, 'services', path);
  if (record === INVALID || record === undefined) return record;
  const at = `${path}.services`;
  const name = record.name;
  const namespace = record.namespace ?? policyNamespace;
  if (typeof name !== 'string' || name === '') {
    ctx.report('error', record, 'name', `${at}.name`, 'services needs the name of a Service', true);
    return INVALID;
  }
  if (typeof namespace !== 'string' || namespace === '') {
    ctx.report(
      'error',
      record,
      'namespace',
      `${at}.namespace`,
      'services in a GlobalNetworkPolicy needs the namespace of the Service',
      true,
    );
    return INVALID;
  }
  const others = ['selector', 'notSelector', 'namespaceSelector', 'serviceAccounts', 'nets', 'notNets'];
  const clash = others.filter((k) => Object.hasOwn(entity, k));
  if (clash.length > 0) {
    ctx.report('error', entity, 'services', at, `services cannot be combined with ${clash.join(', ')}`, true);
    return INVALID;
  }
  return { name, namespace };
}
