import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { readPortValue, readProtocol } from '../../model/readPorts.ts';
import { readSelector } from '../../model/readSelector.ts';
import type { Direction, IpRange, NetworkPolicy, Peer, PolicyPort, PolicyRule } from '../../model/types.ts';
import { parseCidr, subtractRanges } from '../../policy/ipv4.ts';

/** Thrown inside this module only, to drop a policy that Kubernetes would reject. */
class Rejected extends Error {}

/**
 * Reads a networking.k8s.io/v1 NetworkPolicy. policyTypes defaults, as the API server's defaulting
 * does, when the list is missing or empty (`len(policyTypes) == 0`): Ingress, plus Egress when the
 * egress list is non-empty (`len(egress) != 0`; `egress: []` isolates nothing). A policy that Kubernetes validation would reject is reported
 * at the offending field and dropped (undefined), so it allows nothing and isolates nothing.
 */
export function readNetworkPolicy(
  ctx: ObjectContext,
  namespace: string,
  name: string,
): NetworkPolicy | undefined {
  const value = ctx.object.value;
  const spec = asRecord(field(value, 'spec'));
  if (!spec) {
    ctx.report('error', value, 'spec', 'spec', `NetworkPolicy ${name} has no spec; it was skipped`, true);
    return undefined;
  }
  try {
    if (field(spec, 'podSelector') === undefined) {
      ctx.report(
        'warning',
        spec,
        undefined,
        'spec.podSelector',
        'spec.podSelector is missing: read as {} (every pod in the namespace)',
      );
    }
    const podSelector = readSelector(ctx, field(spec, 'podSelector'), 'spec.podSelector');
    if (!podSelector) throw new Rejected();
    const ingressNode = field(spec, 'ingress');
    const egressNode = field(spec, 'egress');
    const affects = readPolicyTypes(ctx, spec, (asArray(egressNode)?.length ?? 0) > 0);
    return {
      id: `${namespace}/${name}`,
      namespace,
      name,
      podSelector,
      affects,
      ingress: readRules(ctx, spec, 'ingress', ingressNode),
      egress: readRules(ctx, spec, 'egress', egressNode),
      ref: ctx.object.ref,
    };
  } catch (error) {
    if (error instanceof Rejected) return undefined;
    throw error;
  }
}

function readPolicyTypes(
  ctx: ObjectContext,
  spec: Record<string, unknown>,
  hasEgress: boolean,
): Record<Direction, boolean> {
  const raw = field(spec, 'policyTypes');
  if (raw === undefined || raw === null) return { ingress: true, egress: hasEgress };
  const list = asArray(raw);
  // Kubernetes reads length, not presence: an empty list is defaulted like a missing one.
  if (list && list.length === 0) return { ingress: true, egress: hasEgress };
  if (!list) {
    ctx.report(
      'error',
      spec,
      'policyTypes',
      'spec.policyTypes',
      'policyTypes must be a list of Ingress and/or Egress',
      true,
    );
    throw new Rejected();
  }
  const affects = { ingress: false, egress: false };
  for (const [i, type] of list.entries()) {
    if (type === 'Ingress') affects.ingress = true;
    else if (type === 'Egress') affects.egress = true;
    else {
      ctx.report(
        'error',
        spec,
        'policyTypes',
        `spec.policyTypes[${i}]`,
        `"${String(type)}" is not a policy type: use Ingress or Egress`,
        true,
      );
      throw new Rejected();
    }
  }
  return affects;
}

function readRules(ctx: ObjectContext, spec: object, direction: Direction, node: unknown): PolicyRule[] {
  if (node === undefined || node === null) return [];
  const list = asArray(node);
  if (!list) {
    ctx.report('error', spec, direction, `spec.${direction}`, `${direction} must be a list of rules`, true);
    throw new Rejected();
  }
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  return list.map((raw, index) => {
    const path = `spec.${direction}[${index}]`;
    const rule = asRecord(raw ?? {});
    if (!rule) {
      ctx.report('error', node, undefined, path, 'a rule must be a mapping (use {} for "allow all")', true);
      throw new Rejected();
    }
    const peersNode = field(rule, peersKey);
    const portsNode = field(rule, 'ports');
    const peers = readPeers(ctx, rule, peersKey, peersNode, `${path}.${peersKey}`);
    const ports = readPolicyPorts(ctx, rule, portsNode, `${path}.ports`);
    const result: PolicyRule = { index, ref: ctx.refOf(raw) };
    // An empty list means the same as an absent one: any peer / any port.
    if (peers.length > 0) result.peers = peers;
    if (ports.length > 0) result.ports = ports;
    return result;
  });
}

function readPeers(ctx: ObjectContext, rule: object, key: string, node: unknown, path: string): Peer[] {
  if (node === undefined || node === null) return [];
  const list = asArray(node);
  if (!list) {
    ctx.report('error', rule, key, path, `${key} must be a list of peers`, true);
    throw new Rejected();
  }
  return list.map((raw, index) => readPeer(ctx, list, raw, `${path}[${index}]`, index));
}

function readPeer(ctx: ObjectContext, list: object, raw: unknown, path: string, index: number): Peer {
  const peer = asRecord(raw);
  if (!peer) {
    ctx.report(
      'error',
      list,
      undefined,
      path,
      'a peer must be a mapping with podSelector, namespaceSelector or ipBlock',
      true,
    );
    throw new Rejected();
  }
  const ref = ctx.refOf(peer);
  const ipBlock = field(peer, 'ipBlock');
  const podNode = field(peer, 'podSelector');
  const nsNode = field(peer, 'namespaceSelector');
  if (ipBlock !== undefined) {
    if (podNode !== undefined || nsNode !== undefined) {
      ctx.report(
        'error',
        peer,
        'ipBlock',
        path,
        'a peer with ipBlock cannot also have podSelector or namespaceSelector: split it into two peers',
        true,
      );
      throw new Rejected();
    }
    return readIpBlock(ctx, ipBlock, peer, `${path}.ipBlock`, ref, index);
  }
  if (podNode === undefined && nsNode === undefined) {
    ctx.report(
      'error',
      peer,
      undefined,
      path,
      'this peer is empty: give it a podSelector, a namespaceSelector or an ipBlock ({} selectors select everything)',
      true,
    );
    throw new Rejected();
  }
  const result: Peer = { kind: 'pods', ref, index };
  if (podNode !== undefined) {
    const selector = readSelector(ctx, podNode, `${path}.podSelector`);
    if (!selector) throw new Rejected();
    result.podSelector = selector;
  }
  if (nsNode !== undefined) {
    const selector = readSelector(ctx, nsNode, `${path}.namespaceSelector`);
    if (!selector) throw new Rejected();
    result.namespaceSelector = selector;
  }
  return result;
}

function readIpBlock(
  ctx: ObjectContext,
  node: unknown,
  peer: object,
  path: string,
  ref: Peer['ref'],
  index: number,
): Peer {
  const block = asRecord(node);
  const cidr = asString(field(block, 'cidr'));
  const parsed = cidr === undefined ? undefined : parseCidr(cidr);
  if (!block || !cidr || !parsed) {
    ctx.report(
      'error',
      block ?? peer,
      block ? 'cidr' : 'ipBlock',
      `${path}.cidr`,
      `${JSON.stringify(cidr ?? null)} is not a CIDR: write it like 10.0.0.0/8`,
      true,
    );
    throw new Rejected();
  }
  const exceptNode = field(block, 'except');
  if (exceptNode !== undefined && exceptNode !== null && !asArray(exceptNode)) {
    // Read as a string, the range it names would silently show as allowed.
    ctx.report(
      'error',
      block,
      'except',
      `${path}.except`,
      'except must be a list of CIDRs, e.g. except: [10.1.0.0/16]',
      true,
    );
    throw new Rejected();
  }
  const except: string[] = [];
  for (const [i, entry] of (asArray(exceptNode) ?? []).entries()) {
    if (typeof entry !== 'string') {
      ctx.report(
        'error',
        block,
        'except',
        `${path}.except[${i}]`,
        'each except entry must be a CIDR string',
        true,
      );
      throw new Rejected();
    }
    except.push(entry);
  }
  const holes: IpRange[] = [];
  for (const [i, text] of except.entries()) {
    const hole = parseCidr(text);
    const inside =
      hole &&
      parsed.family === hole.family &&
      (hole.family === 6 ||
        (parsed.family === 4 &&
          hole.range.start >= parsed.range.start &&
          hole.range.end <= parsed.range.end &&
          hole.prefix > parsed.prefix));
    if (!hole || !inside) {
      ctx.report(
        'error',
        block,
        'except',
        `${path}.except[${i}]`,
        `"${text}" must be a CIDR strictly inside ${cidr}`,
        true,
      );
      throw new Rejected();
    }
    if (hole.family === 4) holes.push(hole.range);
  }
  if (parsed.family === 6) {
    ctx.report(
      'info',
      block,
      'cidr',
      `${path}.cidr`,
      `IPv6 block ${cidr} is kept but not drawn: Reachlab models IPv4 external addresses`,
    );
  }
  const ranges = parsed.family === 4 ? subtractRanges(parsed.range, holes) : [];
  return { kind: 'ipBlock', cidr, except, ranges, ref, index };
}

function readPolicyPorts(ctx: ObjectContext, rule: object, node: unknown, path: string): PolicyPort[] {
  if (node === undefined || node === null) return [];
  const list = asArray(node);
  if (!list) {
    ctx.report('error', rule, 'ports', path, 'ports must be a list', true);
    throw new Rejected();
  }
  return list.map((raw, i) => {
    const at = `${path}[${i}]`;
    const entry = asRecord(raw ?? {});
    if (!entry) {
      ctx.report(
        'error',
        list,
        undefined,
        at,
        'a port entry must be a mapping with protocol and/or port',
        true,
      );
      throw new Rejected();
    }
    const protocol = readProtocol(ctx, entry, field(entry, 'protocol'), at, true);
    if (!protocol) throw new Rejected();
    const port: PolicyPort = { protocol, ref: ctx.refOf(entry) };
    const rawPort = field(entry, 'port');
    if (rawPort !== undefined && rawPort !== null) {
      const value = readPortValue(ctx, entry, 'port', rawPort, at, true);
      if (value === undefined) throw new Rejected();
      port.port = value;
    }
    const rawEnd = field(entry, 'endPort');
    if (rawEnd !== undefined && rawEnd !== null) {
      const end = readPortValue(ctx, entry, 'endPort', rawEnd, at, true, false);
      if (end === undefined) throw new Rejected();
      if (typeof port.port !== 'number') {
        ctx.report(
          'error',
          entry,
          'endPort',
          `${at}.endPort`,
          'endPort needs a numeric port to start the range',
          true,
        );
        throw new Rejected();
      }
      if ((end as number) < port.port) {
        ctx.report(
          'error',
          entry,
          'endPort',
          `${at}.endPort`,
          `endPort ${end} is below port ${port.port}`,
          true,
        );
        throw new Rejected();
      }
      port.endPort = end as number;
    }
    return port;
  });
}
