import { clip } from '../diagnostics.ts';
import { asArray, asRecord, asString, field, type ObjectContext } from './objectContext.ts';
import { readLabels } from './readLabels.ts';
import { readPortValue, readProtocol } from './readPorts.ts';
import type { Service, ServicePort, ServiceType } from './types.ts';

const SERVICE_TYPES = new Set<ServiceType>(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);

/** Reads a v1 Service: type, selector, ports (port, targetPort, nodePort), headless, externalName. */
export function readService(ctx: ObjectContext, namespace: string, name: string): Service | undefined {
  const spec = asRecord(field(ctx.object.value, 'spec')) ?? {};
  const rawType = asString(field(spec, 'type')) ?? 'ClusterIP';
  let type: ServiceType = 'ClusterIP';
  if (SERVICE_TYPES.has(rawType as ServiceType)) type = rawType as ServiceType;
  else
    ctx.report(
      'error',
      spec,
      'type',
      'spec.type',
      `"${clip(rawType)}" is not a Service type: use ClusterIP, NodePort, LoadBalancer or ExternalName; read as ClusterIP`,
      false,
      'invalid-enum',
    );

  const ports: ServicePort[] = [];
  for (const [i, raw] of (asArray(field(spec, 'ports')) ?? []).entries()) {
    const at = `spec.ports[${i}]`;
    const entry = asRecord(raw);
    if (!entry) continue;
    const port = readPortValue(ctx, entry, 'port', field(entry, 'port'), at, false, false);
    const protocol = readProtocol(ctx, entry, field(entry, 'protocol'), at, false);
    if (typeof port !== 'number' || !protocol) continue;
    const rawTarget = field(entry, 'targetPort');
    const target =
      rawTarget === undefined || rawTarget === null
        ? port
        : readPortValue(ctx, entry, 'targetPort', rawTarget, at, false);
    const servicePort: ServicePort = { protocol, port, targetPort: target ?? port };
    const portName = asString(field(entry, 'name'));
    if (portName) servicePort.name = portName;
    const nodePort = field(entry, 'nodePort');
    if (typeof nodePort === 'number') servicePort.nodePort = nodePort;
    ports.push(servicePort);
  }
  const clusterIP = asString(field(spec, 'clusterIP'));
  const service: Service = {
    id: `${namespace}/${name}`,
    namespace,
    name,
    type,
    ports,
    headless: clusterIP === 'None',
    ref: ctx.object.ref,
  };
  const selectorNode = field(spec, 'selector');
  if (selectorNode !== undefined && selectorNode !== null)
    service.selector = readLabels(ctx, selectorNode, 'spec.selector');
  if (clusterIP) service.clusterIP = clusterIP;
  // The Service's own labels: Cilium's toServices.k8sServiceSelector selects Services by them.
  const labels = field(asRecord(field(ctx.object.value, 'metadata')), 'labels');
  if (labels !== undefined && labels !== null) service.labels = readLabels(ctx, labels, 'metadata.labels');
  const externalName = asString(field(spec, 'externalName'));
  if (externalName) service.externalName = externalName;
  return service;
}
