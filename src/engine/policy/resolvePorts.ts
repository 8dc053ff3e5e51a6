import type { ContainerPort, PolicyPort } from '../model/types.ts';
import { ALL_CONNECTIONS, type ConnectionSet, NO_CONNECTIONS, portsOf, union } from './connectionSet.ts';

/**
 * The connections one policy port entry allows towards a destination with these container ports.
 * A name resolves against the destination's container ports with the same protocol (several
 * containers may use the name); a name the destination lacks allows nothing. For an external
 * destination (`destinationPorts` undefined) names resolve to nothing.
 */
export function resolvePolicyPort(
  entry: PolicyPort,
  destinationPorts: readonly ContainerPort[] | undefined,
): ConnectionSet {
  if (entry.port === undefined) return portsOf(entry.protocol);
  if (typeof entry.port === 'number') return portsOf(entry.protocol, entry.port, entry.endPort ?? entry.port);
  return resolveNamedPort(entry.port, entry.protocol, destinationPorts);
}

export function resolveNamedPort(
  name: string,
  protocol: PolicyPort['protocol'],
  destinationPorts: readonly ContainerPort[] | undefined,
): ConnectionSet {
  let set = NO_CONNECTIONS;
  for (const port of destinationPorts ?? []) {
    if (port.name === name && port.protocol === protocol) set = union(set, portsOf(protocol, port.port));
  }
  return set;
}

/** The connections a rule's `ports` allow towards a destination: any port when the list is absent. */
export function rulePorts(
  ports: readonly PolicyPort[] | undefined,
  destinationPorts: readonly ContainerPort[] | undefined,
): ConnectionSet {
  if (!ports) return ALL_CONNECTIONS;
  let set = NO_CONNECTIONS;
  for (const entry of ports) set = union(set, resolvePolicyPort(entry, destinationPorts));
  return set;
}
