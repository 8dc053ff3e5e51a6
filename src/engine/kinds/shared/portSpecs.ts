import type { ContainerPort } from '../../model/types.ts';
import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  isEmpty,
  NO_CONNECTIONS,
  subtract,
  union,
} from '../../policy/connectionSet.ts';
import type { NamedPort, PortSpec } from '../types.ts';

/** Every connection: a rule that names no ports. */
export const ANY_PORT: PortSpec = { fixed: ALL_CONNECTIONS, named: [] };

/**
 * Resolves a named port against a destination's container ports: every container port with that
 * name (and protocol, when the policy gives one; AdminNetworkPolicy names carry none). A name the
 * destination lacks, or an external destination (`undefined`), resolves to nothing.
 */
export function resolveNamedPort(
  port: NamedPort,
  destinationPorts: readonly ContainerPort[] | undefined,
): ConnectionSet {
  let set = NO_CONNECTIONS;
  for (const container of destinationPorts ?? []) {
    if (container.name !== port.name) continue;
    if (port.protocol && container.protocol !== port.protocol) continue;
    set = union(set, {
      ...NO_CONNECTIONS,
      [container.protocol]: [[container.port, container.port]],
    });
  }
  return set;
}

/** Whether a port spec's connections depend on the destination (named ports). */
export function dependsOnDestination(spec: PortSpec): boolean {
  return spec.named.length > 0 || (spec.except?.named.length ?? 0) > 0;
}

/** The connections a port spec matches towards a destination with these container ports. */
export function resolvePortSpec(
  spec: PortSpec,
  destinationPorts: readonly ContainerPort[] | undefined,
): ConnectionSet {
  let set = spec.fixed;
  for (const port of spec.named) set = union(set, resolveNamedPort(port, destinationPorts));
  if (spec.except) {
    let excluded = spec.except.fixed;
    for (const port of spec.except.named)
      excluded = union(excluded, resolveNamedPort(port, destinationPorts));
    if (!isEmpty(excluded)) set = subtract(set, excluded);
  }
  return set;
}
