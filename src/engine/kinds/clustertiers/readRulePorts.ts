import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import type { Protocol } from '../../model/types.ts';
import { type ConnectionSet, NO_CONNECTIONS, portsOf, union } from '../../policy/connectionSet.ts';
import { ANY_PORT } from '../shared/portSpecs.ts';
import type { NamedPort, PortSpec } from '../types.ts';
import { RejectedPolicy } from './readPeers.ts';

const PROTOCOLS: Readonly<Record<string, Protocol>> = { TCP: 'TCP', UDP: 'UDP', SCTP: 'SCTP' };

/**
 * v1alpha1 `ports`: portNumber {protocol, port}, portRange {protocol, start, end}, namedPort (a
 * name only: it resolves against container ports of any protocol). Absent: every port.
 */
export function readV1alpha1Ports(ctx: ObjectContext, rule: Record<string, unknown>, path: string): PortSpec {
  const node = field(rule, 'ports');
  if (node === undefined || node === null) return ANY_PORT;
  const list = asArray(node);
  if (!list || list.length === 0) {
    ctx.report('error', rule, 'ports', `${path}.ports`, 'ports must be a list of 1 to 100 entries', true);
    throw new RejectedPolicy();
  }
  let fixed: ConnectionSet = NO_CONNECTIONS;
  const named: NamedPort[] = [];
  for (const [i, raw] of list.entries()) {
    const at = `${path}.ports[${i}]`;
    const entry = asRecord(raw);
    const number = asRecord(field(entry, 'portNumber'));
    const range = asRecord(field(entry, 'portRange'));
    const name = asString(field(entry, 'namedPort'));
    if (number) {
      const protocol = readProtocol(ctx, number, at);
      const port = readPortNumber(ctx, number, 'port', `${at}.portNumber`);
      fixed = union(fixed, portsOf(protocol, port));
    } else if (range) {
      const protocol = readProtocol(ctx, range, at);
      const start = readPortNumber(ctx, range, 'start', `${at}.portRange`);
      const end = readPortNumber(ctx, range, 'end', `${at}.portRange`);
      if (end < start) {
        ctx.report('error', range, 'end', `${at}.portRange.end`, `end ${end} is below start ${start}`, true);
        throw new RejectedPolicy();
      }
      fixed = union(fixed, portsOf(protocol, start, end));
    } else if (name) {
      named.push({ name });
    } else {
      ctx.report(
        'error',
        list,
        undefined,
        at,
        'a port entry needs one of portNumber, portRange or namedPort',
        true,
      );
      throw new RejectedPolicy();
    }
  }
  return { fixed, named };
}

/**
 * v1alpha2 `protocols`: `tcp`/`udp`/`sctp` with an optional destinationPort {number | range}
 * (absent: every port of that protocol), or `destinationNamedPort`. Absent: every port.
 */
export function readV1alpha2Protocols(
  ctx: ObjectContext,
  rule: Record<string, unknown>,
  path: string,
): PortSpec {
  const node = field(rule, 'protocols');
  if (node === undefined || node === null) return ANY_PORT;
  const list = asArray(node);
  if (!list || list.length === 0) {
    ctx.report(
      'error',
      rule,
      'protocols',
      `${path}.protocols`,
      'protocols must be a list of 1 to 100 entries',
      true,
    );
    throw new RejectedPolicy();
  }
  let fixed: ConnectionSet = NO_CONNECTIONS;
  const named: NamedPort[] = [];
  for (const [i, raw] of list.entries()) {
    const at = `${path}.protocols[${i}]`;
    const entry = asRecord(raw);
    const name = asString(field(entry, 'destinationNamedPort'));
    if (name) {
      named.push({ name });
      continue;
    }
    const key = ['tcp', 'udp', 'sctp'].find((k) => field(entry, k) !== undefined);
    if (!entry || !key) {
      ctx.report(
        'error',
        list,
        undefined,
        at,
        'a protocols entry needs one of tcp, udp, sctp or destinationNamedPort',
        true,
      );
      throw new RejectedPolicy();
    }
    const protocol = key.toUpperCase() as Protocol;
    const destination = asRecord(field(asRecord(field(entry, key)), 'destinationPort'));
    if (!destination) {
      fixed = union(fixed, portsOf(protocol));
      continue;
    }
    const range = asRecord(field(destination, 'range'));
    if (range) {
      const start = readPortNumber(ctx, range, 'start', `${at}.${key}.destinationPort.range`);
      const end = readPortNumber(ctx, range, 'end', `${at}.${key}.destinationPort.range`);
      if (end < start) {
        ctx.report(
          'error',
          range,
          'end',
          `${at}.${key}.destinationPort.range.end`,
          `end ${end} is below start ${start}`,
          true,
        );
        throw new RejectedPolicy();
      }
      fixed = union(fixed, portsOf(protocol, start, end));
    } else {
      fixed = union(
        fixed,
        portsOf(protocol, readPortNumber(ctx, destination, 'number', `${at}.${key}.destinationPort`)),
      );
    }
  }
  return { fixed, named };
}

function readProtocol(ctx: ObjectContext, record: Record<string, unknown>, path: string): Protocol {
  const raw = field(record, 'protocol');
  const protocol = typeof raw === 'string' ? PROTOCOLS[raw] : undefined;
  if (!protocol) {
    const hint =
      typeof raw === 'string' && PROTOCOLS[raw.toUpperCase()] ? `; did you mean ${raw.toUpperCase()}?` : '';
    ctx.report(
      'error',
      record,
      'protocol',
      `${path}.protocol`,
      `protocol must be TCP, UDP or SCTP${hint}`,
      true,
    );
    throw new RejectedPolicy();
  }
  return protocol;
}

function readPortNumber(
  ctx: ObjectContext,
  record: Record<string, unknown>,
  key: string,
  path: string,
): number {
  const value = field(record, key);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    ctx.report(
      'error',
      record,
      key,
      `${path}.${key}`,
      `${key} must be a port number from 1 to 65535, not ${JSON.stringify(value ?? null)}`,
      true,
    );
    throw new RejectedPolicy();
  }
  return value;
}
