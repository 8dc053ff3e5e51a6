import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import type { Protocol } from '../../model/types.ts';
import {
  type ConnectionSet,
  icmpOf,
  NO_CONNECTIONS,
  portsOf,
  protocolNumberOf,
  union,
} from '../../policy/connectionSet.ts';
import type { NamedPort, PortSpec } from '../types.ts';
import { readL7Condition } from './l7.ts';

/** The ports of one `toPorts` entry (or the `icmps` of a rule) and the L7 condition on them. */
export interface PortGroup {
  ports: PortSpec;
  condition?: string;
}

const L4_PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
/** Protocols Cilium accepts in toPorts beyond TCP/UDP/SCTP/ANY, by IP protocol number. */
const OTHER_PROTOCOLS: Readonly<Record<string, number>> = { VRRP: 112, IGMP: 2 };
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/i;

/**
 * Reads `toPorts` entries: `port` is a number or a container port name (empty or "0" = every
 * port), `endPort` makes a range, `protocol` is TCP, UDP, SCTP or ANY (the default: all three).
 * Returns undefined when a value is one the API server rejects (reported at the field).
 */
export function readToPorts(
  ctx: ObjectContext,
  node: unknown,
  path: string,
  allowL7: boolean,
): PortGroup[] | undefined {
  const groups: PortGroup[] = [];
  for (const [i, raw] of (asArray(node) ?? []).entries()) {
    const at = `${path}[${i}]`;
    const entry = asRecord(raw);
    if (!entry) {
      ctx.report(
        'error',
        raw ?? node,
        undefined,
        at,
        'each toPorts entry must be a mapping with ports (and rules)',
        true,
      );
      return undefined;
    }
    const portList = asArray(field(entry, 'ports'));
    let fixed: ConnectionSet = NO_CONNECTIONS;
    const named: NamedPort[] = [];
    if (!portList || portList.length === 0) fixed = ALL_L4;
    for (const [j, rawPort] of (portList ?? []).entries()) {
      const read = readPortProtocol(ctx, rawPort, `${at}.ports[${j}]`, portList);
      if (!read) return undefined;
      fixed = union(fixed, read.fixed);
      named.push(...read.named);
    }
    const rulesNode = field(entry, 'rules');
    if (rulesNode !== undefined && !allowL7) {
      ctx.report(
        'warning',
        entry,
        'rules',
        `${at}.rules`,
        'deny rules take no L7 rules: Cilium ignores them, and the whole port is denied',
      );
    }
    const condition = allowL7 ? readL7Condition(ctx, rulesNode, `${at}.rules`) : undefined;
    groups.push(condition ? { ports: { fixed, named }, condition } : { ports: { fixed, named } });
  }
  return groups;
}

const ALL_L4: ConnectionSet = union(portsOf('TCP'), union(portsOf('UDP'), portsOf('SCTP')));

function readPortProtocol(
  ctx: ObjectContext,
  raw: unknown,
  at: string,
  parent: unknown,
): { fixed: ConnectionSet; named: NamedPort[] } | undefined {
  const entry = asRecord(raw);
  if (!entry) {
    ctx.report(
      'error',
      raw ?? parent,
      undefined,
      at,
      'each port must be a mapping with port and protocol',
      true,
    );
    return undefined;
  }
  const protocolText = asString(field(entry, 'protocol')) || 'ANY';
  const otherNumber = OTHER_PROTOCOLS[protocolText];
  const protocols = protocolText === 'ANY' ? L4_PROTOCOLS : L4_PROTOCOLS.filter((p) => p === protocolText);
  if (protocols.length === 0 && otherNumber === undefined) {
    ctx.report(
      'error',
      entry,
      'protocol',
      `${at}.protocol`,
      `"${protocolText}" is not a toPorts protocol: use TCP, UDP, SCTP or ANY (ICMP goes in icmps)`,
      true,
    );
    return undefined;
  }
  if (otherNumber !== undefined) return { fixed: protocolNumberOf(otherNumber), named: [] };
  const portValue = field(entry, 'port');
  // The CRD types port as a string and endPort as an integer: the API server rejects the others.
  if (typeof portValue === 'number') {
    ctx.report(
      'error',
      entry,
      'port',
      `${at}.port`,
      `Cilium's port is a string: write it quoted, "${portValue}" (the API server rejects a number)`,
      true,
    );
    return undefined;
  }
  const portText = portValue === undefined || portValue === null ? '' : String(portValue).trim();
  const endPort = field(entry, 'endPort');
  if (portText !== '' && !/^\d+$/.test(portText)) {
    if (!PORT_NAME.test(portText) || portText.length > 15) {
      ctx.report(
        'error',
        entry,
        'port',
        `${at}.port`,
        `"${portText}" is neither a port number (1-65535) nor a port name`,
        true,
      );
      return undefined;
    }
    const named =
      protocolText === 'ANY'
        ? [{ name: portText }]
        : [{ name: portText, protocol: protocolText as Protocol }];
    return { fixed: NO_CONNECTIONS, named };
  }
  const port = portText === '' ? 0 : Number(portText);
  if (port > 65535) {
    ctx.report(
      'error',
      entry,
      'port',
      `${at}.port`,
      `port ${port} is out of range: use 1-65535 (0 or empty means every port)`,
      true,
    );
    return undefined;
  }
  let end = port;
  if (endPort !== undefined && endPort !== null) {
    end = typeof endPort === 'number' ? endPort : Number.NaN;
    if (!Number.isInteger(end) || end < port || end > 65535 || port === 0) {
      ctx.report(
        'error',
        entry,
        'endPort',
        `${at}.endPort`,
        `endPort ${String(endPort)} must be a number from port (${port}) to 65535, and needs a port`,
        true,
      );
      return undefined;
    }
  }
  let fixed: ConnectionSet = NO_CONNECTIONS;
  for (const protocol of protocols)
    fixed = union(fixed, port === 0 ? portsOf(protocol) : portsOf(protocol, port, end));
  return { fixed, named: [] };
}

const ICMP_TYPES: Readonly<Record<string, number>> = {
  EchoReply: 0,
  DestinationUnreachable: 3,
  Redirect: 5,
  EchoRequest: 8,
  Echo: 8,
  RouterAdvertisement: 9,
  RouterSelection: 10,
  TimeExceeded: 11,
  ParameterProblem: 12,
  Timestamp: 13,
  TimestampReply: 14,
};
const ICMPV6_TYPES: Readonly<Record<string, number>> = {
  DestinationUnreachable: 1,
  PacketTooBig: 2,
  TimeExceeded: 3,
  ParameterProblem: 4,
  EchoRequest: 128,
  EchoReply: 129,
  MulticastListenerQuery: 130,
  MulticastListenerReport: 131,
  MulticastListenerDone: 132,
  RouterSolicitation: 133,
  RouterAdvertisement: 134,
  NeighborSolicitation: 135,
  NeighborAdvertisement: 136,
  RedirectMessage: 137,
};

/**
 * Reads `icmps: [{fields: [{type, family}]}]`: ICMP (family IPv4, the default) or ICMPv6
 * messages of one type, any code. A type is a number (0-255) or a message name.
 */
export function readIcmps(ctx: ObjectContext, node: unknown, path: string): ConnectionSet | undefined {
  let set: ConnectionSet = NO_CONNECTIONS;
  for (const [i, raw] of (asArray(node) ?? []).entries()) {
    for (const [j, rawField] of (asArray(field(asRecord(raw), 'fields')) ?? []).entries()) {
      const at = `${path}[${i}].fields[${j}]`;
      const entry = asRecord(rawField);
      const family = asString(field(entry, 'family')) ?? 'IPv4';
      if (family !== 'IPv4' && family !== 'IPv6') {
        ctx.report(
          'error',
          entry ?? raw,
          'family',
          `${at}.family`,
          `family "${family}" must be IPv4 or IPv6`,
          true,
        );
        return undefined;
      }
      const typeValue = field(entry, 'type');
      const names = family === 'IPv4' ? ICMP_TYPES : ICMPV6_TYPES;
      const type =
        typeof typeValue === 'number'
          ? typeValue
          : /^\d+$/.test(String(typeValue))
            ? Number(typeValue)
            : names[String(typeValue)];
      if (type === undefined || !Number.isInteger(type) || type < 0 || type > 255) {
        ctx.report(
          'error',
          entry ?? raw,
          'type',
          `${at}.type`,
          `ICMP type "${String(typeValue)}" is neither a number 0-255 nor a known ${family} message name`,
          true,
        );
        return undefined;
      }
      set = union(set, icmpOf(family === 'IPv4' ? 'ICMP' : 'ICMPv6', type));
    }
  }
  return set;
}
