import type { Protocol, Service, ServicePort, Workload } from '../model/types.ts';

/**
 * The pod port a Service port sends to on one backend: a number as written, or a name looked up
 * in that pod's container ports (same protocol), so one Service port can reach different numbers
 * on different pods. Undefined when the pod has no such named port.
 */
export function resolveTargetPort(
  servicePort: ServicePort,
  backend: Workload,
): { port: number; protocol: Protocol } | undefined {
  if (typeof servicePort.targetPort === 'number')
    return { port: servicePort.targetPort, protocol: servicePort.protocol };
  const match = backend.ports.find(
    (p) => p.name === servicePort.targetPort && p.protocol === servicePort.protocol,
  );
  return match ? { port: match.port, protocol: match.protocol } : undefined;
}

/** A Service port by number (`80`) or name (`http`); the only port when none is asked for. */
export function findServicePort(service: Service, wanted: string | undefined): ServicePort | undefined {
  if (wanted === undefined) return service.ports[0];
  if (/^\d+$/.test(wanted)) return service.ports.find((p) => p.port === Number(wanted));
  return service.ports.find((p) => p.name === wanted);
}
