import { asArray, asRecord, asString, field, type ObjectContext } from './objectContext.ts';
import type { Protocol, ServiceEndpoints } from './types.ts';

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

function readPorts(list: unknown): ServiceEndpoints['ports'] {
  return (asArray(list) ?? []).flatMap((raw) => {
    const entry = asRecord(raw);
    const port = field(entry, 'port');
    const protocol = asString(field(entry, 'protocol')) ?? 'TCP';
    if (typeof port !== 'number' || !PROTOCOLS.has(protocol)) return [];
    const name = asString(field(entry, 'name'));
    return [name ? { name, port, protocol: protocol as Protocol } : { port, protocol: protocol as Protocol }];
  });
}

/** Reads a v1 Endpoints object: the addresses and ports behind the Service of the same name. */
export function readEndpoints(ctx: ObjectContext, namespace: string, name: string): ServiceEndpoints {
  const addresses: string[] = [];
  const ports: ServiceEndpoints['ports'][number][] = [];
  for (const raw of asArray(field(ctx.object.value, 'subsets')) ?? []) {
    const subset = asRecord(raw);
    for (const address of asArray(field(subset, 'addresses')) ?? []) {
      const ip = asString(field(asRecord(address), 'ip'));
      if (ip) addresses.push(ip);
    }
    ports.push(...readPorts(field(subset, 'ports')));
  }
  return { serviceId: `${namespace}/${name}`, addresses, ports, ref: ctx.object.ref };
}

/** Reads a discovery.k8s.io/v1 EndpointSlice; its Service is named by the service-name label. */
export function readEndpointSlice(ctx: ObjectContext, namespace: string, name: string): ServiceEndpoints {
  const labels = asRecord(field(asRecord(field(ctx.object.value, 'metadata')), 'labels'));
  const service = asString(field(labels, 'kubernetes.io/service-name')) ?? name;
  const addresses: string[] = [];
  for (const raw of asArray(field(ctx.object.value, 'endpoints')) ?? []) {
    for (const address of asArray(field(asRecord(raw), 'addresses')) ?? [])
      if (typeof address === 'string') addresses.push(address);
  }
  return {
    serviceId: `${namespace}/${service}`,
    addresses,
    ports: readPorts(field(ctx.object.value, 'ports')),
    ref: ctx.object.ref,
  };
}
