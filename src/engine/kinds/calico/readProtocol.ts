import type { ObjectContext } from '../../model/objectContext.ts';
import type { Protocol } from '../../model/types.ts';
import { type ConnectionSet, icmpOf, portsOf, protocolNumberOf } from '../../policy/connectionSet.ts';
import { INVALID, type Read } from './readSelectorField.ts';

/** A protocol as a Calico rule names it, with the connections it covers. */
export interface RuleProtocol {
  /** As people read it: `TCP`, `UDPLite`, `protocol 47`. */
  name: string;
  number: number;
  /** Every connection of this protocol. */
  all: ConnectionSet;
  /** The port axis when the protocol has ports the engine models. */
  portAxis?: Protocol;
  /** The ICMP axis for ICMP and ICMPv6. */
  icmpAxis?: 'ICMP' | 'ICMPv6';
}

const NAMED: Readonly<Record<string, number>> = {
  tcp: 6,
  udp: 17,
  icmp: 1,
  icmpv6: 58,
  sctp: 132,
  udplite: 136,
};
const CANONICAL: Readonly<Record<number, string>> = {
  6: 'TCP',
  17: 'UDP',
  1: 'ICMP',
  58: 'ICMPv6',
  132: 'SCTP',
  136: 'UDPLite',
};

/** The protocol of a number 1-255. */
export function protocolFromNumber(number: number): RuleProtocol {
  const name = CANONICAL[number] ?? `protocol ${number}`;
  const portAxis = number === 6 ? 'TCP' : number === 17 ? 'UDP' : number === 132 ? 'SCTP' : undefined;
  const icmpAxis = number === 1 ? 'ICMP' : number === 58 ? 'ICMPv6' : undefined;
  return {
    name,
    number,
    all: protocolNumberOf(number),
    ...(portAxis ? { portAxis } : {}),
    ...(icmpAxis ? { icmpAxis } : {}),
  };
}

/**
 * Reads `protocol` / `notProtocol`: TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite (any case, as Calico
 * accepts) or a number 1-255. Anything else is reported at the field and INVALID.
 */
export function readRuleProtocol(
  ctx: ObjectContext,
  rule: Record<string, unknown>,
  key: string,
  path: string,
): Read<RuleProtocol> {
  const value = Object.hasOwn(rule, key) ? rule[key] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 255)
    return protocolFromNumber(value);
  if (typeof value === 'string') {
    const number = NAMED[value.toLowerCase()] ?? (/^\d+$/.test(value) ? Number(value) : undefined);
    if (number !== undefined && number >= 1 && number <= 255) return protocolFromNumber(number);
  }
  ctx.report(
    'error',
    rule,
    key,
    `${path}.${key}`,
    `${JSON.stringify(value)} is not a protocol Calico accepts: use TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255`,
    true,
  );
  return INVALID;
}

/**
 * Reads `icmp` / `notICMP` ({type, code}) for an ICMP or ICMPv6 rule. Calico requires the
 * protocol to be ICMP or ICMPv6, type 0-254, code 0-255, and a type whenever a code is given.
 */
export function readIcmp(
  ctx: ObjectContext,
  rule: Record<string, unknown>,
  key: string,
  path: string,
  protocol: RuleProtocol | undefined,
): Read<ConnectionSet> {
  const value = Object.hasOwn(rule, key) ? rule[key] : undefined;
  if (value === undefined || value === null) return undefined;
  const at = `${path}.${key}`;
  const fail = (message: string): typeof INVALID => {
    ctx.report('error', rule, key, at, message, true);
    return INVALID;
  };
  if (typeof value !== 'object' || Array.isArray(value))
    return fail(`${key} must be a mapping with type and code`);
  if (!protocol?.icmpAxis) return fail(`${key} needs protocol ICMP or ICMPv6 on the same rule`);
  const record = value as Record<string, unknown>;
  const type = record.type;
  const code = record.code;
  const isInt = (v: unknown, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
  if (type !== undefined && !isInt(type, 254))
    return fail(`${key}.type must be a number 0-254, not ${JSON.stringify(type)}`);
  if (code !== undefined && !isInt(code, 255))
    return fail(`${key}.code must be a number 0-255, not ${JSON.stringify(code)}`);
  if (code !== undefined && type === undefined) return fail(`${key}.code needs ${key}.type`);
  return icmpOf(protocol.icmpAxis, type as number | undefined, code as number | undefined);
}

/** A port entry: a number, a `lo:hi` range, or a named port. */
export type PortEntry = { from: number; to: number } | { name: string };

/**
 * Reads a `ports` / `notPorts` list: numbers 0-65535, `"lo:hi"` ranges, and port names. Reports
 * each bad entry at the list and returns INVALID.
 */
export function readPortList(
  ctx: ObjectContext,
  entity: Record<string, unknown>,
  key: string,
  path: string,
): Read<PortEntry[]> {
  const value = Object.hasOwn(entity, key) ? entity[key] : undefined;
  if (value === undefined || value === null) return undefined;
  const at = `${path}.${key}`;
  if (!Array.isArray(value)) {
    ctx.report(
      'error',
      entity,
      key,
      at,
      `${key} must be a list of ports (80, "8000:8080" or a port name)`,
      true,
    );
    return INVALID;
  }
  const entries: PortEntry[] = [];
  for (const [i, item] of value.entries()) {
    const entry = readPortEntry(item);
    if (typeof entry === 'string') {
      ctx.report('error', entity, key, `${at}[${i}]`, entry, true);
      return INVALID;
    }
    entries.push(entry);
  }
  return entries;
}

function readPortEntry(item: unknown): PortEntry | string {
  const inRange = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;
  if (typeof item === 'number')
    return inRange(item) ? { from: item, to: item } : `port ${item} is out of range: ports are 0 to 65535`;
  if (typeof item !== 'string')
    return `${JSON.stringify(item)} is not a port: use a number, "lo:hi" or a port name`;
  const range = /^(\d+):(\d+)$/.exec(item);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (!inRange(from) || !inRange(to)) return `port range "${item}" is out of range: ports are 0 to 65535`;
    if (from > to) return `port range "${item}" starts after it ends: write "${to}:${from}"`;
    return { from, to };
  }
  if (/^\d+$/.test(item)) {
    const port = Number(item);
    return inRange(port) ? { from: port, to: port } : `port ${item} is out of range: ports are 0 to 65535`;
  }
  if (/^[a-zA-Z0-9]([-a-zA-Z0-9._]*[a-zA-Z0-9])?$/.test(item) && item.length <= 128) return { name: item };
  return `"${item}" is not a port: use a number, "lo:hi" or a port name`;
}

/** The fixed connections of numeric port entries on one axis (port 0 is never used by traffic). */
export function portEntriesSet(entries: readonly PortEntry[], axis: Protocol): ConnectionSet[] {
  const sets: ConnectionSet[] = [];
  for (const entry of entries) {
    if (!('from' in entry)) continue;
    const from = Math.max(1, entry.from);
    if (from <= entry.to) sets.push(portsOf(axis, from, entry.to));
  }
  return sets;
}
