import { clip } from '../diagnostics.ts';
import type { ObjectContext } from './objectContext.ts';
import { PROTOCOLS, type Protocol } from './types.ts';

/** IANA_SVC_NAME: up to 15 lowercase letters, digits and '-', at least one letter, no '--'. */
const PORT_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;

export function isPortName(value: string): boolean {
  return PORT_NAME.test(value);
}

/** Reads a protocol (default TCP); reports and returns undefined for anything but TCP/UDP/SCTP. */
export function readProtocol(
  ctx: ObjectContext,
  parent: object,
  value: unknown,
  path: string,
  dropsObject: boolean,
): Protocol | undefined {
  if (value === undefined || value === null) return 'TCP';
  if (typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value)) return value as Protocol;
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  const hint = (PROTOCOLS as readonly string[]).includes(upper)
    ? ` (protocols are upper case: ${upper})`
    : '';
  ctx.report(
    'error',
    parent,
    'protocol',
    `${path}.protocol`,
    `"${clip(String(value))}" is not a protocol Kubernetes accepts: use TCP, UDP or SCTP${hint}`,
    dropsObject,
    'invalid-enum',
  );
  return undefined;
}

/** Port number 1-65535 or a port name; reports and returns undefined otherwise. */
export function readPortValue(
  ctx: ObjectContext,
  parent: object,
  key: string,
  value: unknown,
  path: string,
  dropsObject: boolean,
  allowName = true,
): number | string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535) return value;
  if (typeof value === 'string' && allowName && isPortName(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    ctx.report(
      'error',
      parent,
      key,
      `${path}.${key}`,
      `port "${clip(value)}" is a quoted number: write it without quotes`,
      dropsObject,
      'wrong-type',
    );
    return undefined;
  }
  const what =
    typeof value === 'number'
      ? `${value} is out of range: ports are 1 to 65535`
      : `${clip(JSON.stringify(value) ?? String(value))} is not a valid port: use a number 1-65535${allowName ? ' or a port name (up to 15 lowercase letters, digits and -)' : ''}`;
  ctx.report('error', parent, key, `${path}.${key}`, what, dropsObject, 'invalid-port');
  return undefined;
}
