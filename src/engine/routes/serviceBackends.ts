import type { ClusterModel, Ingress, Service, Workload } from '../model/types.ts';
import { labelValue } from '../model/types.ts';

/**
 * Workloads a Service sends traffic to: those in the Service's namespace whose pod labels match
 * every key of its selector. A Service without a selector has no pod backends here.
 */
export function serviceBackends(service: Service, workloads: readonly Workload[]): Workload[] {
  const selector = service.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  return workloads.filter(
    (w) =>
      w.namespace === service.namespace &&
      Object.entries(selector).every(([k, v]) => labelValue(w.labels, k) === v),
  );
}

/** Services an Ingress routes to (rules and default backend), by name in its namespace. */
export function ingressServices(ingress: Ingress, services: readonly Service[]): Service[] {
  const names = new Set<string>();
  for (const rule of ingress.rules)
    for (const path of rule.paths) if (path.backend.service) names.add(path.backend.service.name);
  if (ingress.defaultBackend?.service) names.add(ingress.defaultBackend.service.name);
  return services.filter((s) => s.namespace === ingress.namespace && names.has(s.name));
}

/** Where traffic to a Service leaves the cluster: an ExternalName, or hand-managed endpoints. */
export interface ExternalTarget {
  id: string;
  label: string;
}

/**
 * Service -> workload and Ingress -> Service links of a model, plus links from ExternalName
 * Services to their DNS name and from selector-less Services to their endpoint addresses (pod
 * addresses among them lead to the pod's workload).
 */
export function routeLinks(model: ClusterModel): {
  links: { from: string; to: string; kind: 'service' | 'ingress' }[];
  externals: ExternalTarget[];
} {
  const links: { from: string; to: string; kind: 'service' | 'ingress' }[] = [];
  const externals = new Map<string, ExternalTarget>();
  for (const service of model.services) {
    for (const backend of serviceBackends(service, model.workloads))
      links.push({ from: `svc:${service.id}`, to: backend.id, kind: 'service' });
    if (service.type === 'ExternalName' && service.externalName) {
      const id = `dns:${service.externalName}`;
      externals.set(id, { id, label: `DNS ${service.externalName}` });
      links.push({ from: `svc:${service.id}`, to: id, kind: 'service' });
    }
    if (service.selector) continue;
    for (const endpoints of model.endpoints.filter((e) => e.serviceId === service.id)) {
      for (const address of endpoints.addresses) {
        const pod = model.workloads.find((w) => w.podIPs.includes(address));
        const id = pod ? pod.id : `addr:${address}`;
        if (!pod) externals.set(id, { id, label: `address ${address}` });
        links.push({ from: `svc:${service.id}`, to: id, kind: 'service' });
      }
    }
  }
  for (const ingress of model.ingresses) {
    for (const service of ingressServices(ingress, model.services))
      links.push({ from: `ing:${ingress.id}`, to: `svc:${service.id}`, kind: 'ingress' });
  }
  return { links, externals: [...externals.values()] };
}
