import { clip } from '../diagnostics.ts';
import { asArray, asRecord, asString, field, type ObjectContext } from './objectContext.ts';
import type { Ingress, IngressBackend, IngressPath, IngressRule } from './types.ts';

const PATH_TYPES = new Set(['Exact', 'Prefix', 'ImplementationSpecific']);

/** Reads a networking.k8s.io/v1 Ingress: class, rules (host, paths), default backend, TLS. */
export function readIngress(ctx: ObjectContext, namespace: string, name: string): Ingress {
  const value = ctx.object.value;
  const spec = asRecord(field(value, 'spec')) ?? {};
  const rules: IngressRule[] = [];
  for (const [ri, rawRule] of (asArray(field(spec, 'rules')) ?? []).entries()) {
    const rule = asRecord(rawRule);
    if (!rule) continue;
    const paths: IngressPath[] = [];
    const http = asRecord(field(rule, 'http'));
    for (const [pi, rawPath] of (asArray(field(http, 'paths')) ?? []).entries()) {
      const entry = asRecord(rawPath);
      if (!entry) continue;
      const at = `spec.rules[${ri}].http.paths[${pi}]`;
      const pathType = asString(field(entry, 'pathType')) ?? 'ImplementationSpecific';
      if (!PATH_TYPES.has(pathType)) {
        ctx.report(
          'error',
          entry,
          'pathType',
          `${at}.pathType`,
          `"${clip(pathType)}" is not a pathType: use Exact, Prefix or ImplementationSpecific; this path is ignored`,
          false,
          'invalid-enum',
        );
        continue;
      }
      paths.push({
        path: asString(field(entry, 'path')) ?? '/',
        pathType: pathType as IngressPath['pathType'],
        backend: readBackend(field(entry, 'backend')),
      });
    }
    const ingressRule: IngressRule = { paths };
    const host = asString(field(rule, 'host'));
    if (host) ingressRule.host = host;
    rules.push(ingressRule);
  }
  const tls = (asArray(field(spec, 'tls')) ?? []).flatMap((raw) => {
    const entry = asRecord(raw);
    if (!entry) return [];
    const hosts = (asArray(field(entry, 'hosts')) ?? []).filter((h): h is string => typeof h === 'string');
    const secretName = asString(field(entry, 'secretName'));
    return [secretName ? { hosts, secretName } : { hosts }];
  });
  const ingress: Ingress = { id: `${namespace}/${name}`, namespace, name, rules, tls, ref: ctx.object.ref };
  const className =
    asString(field(spec, 'ingressClassName')) ??
    asString(
      field(
        asRecord(field(asRecord(field(value, 'metadata')), 'annotations')),
        'kubernetes.io/ingress.class',
      ),
    );
  if (className) ingress.ingressClassName = className;
  const defaultBackend = field(spec, 'defaultBackend') ?? field(spec, 'backend');
  if (defaultBackend !== undefined) ingress.defaultBackend = readBackend(defaultBackend);
  return ingress;
}

/** v1 `service: {name, port: {number|name}}`, or the older `serviceName`/`servicePort`. */
function readBackend(node: unknown): IngressBackend {
  const backend = asRecord(node);
  const service = asRecord(field(backend, 'service'));
  if (service) {
    const port = asRecord(field(service, 'port'));
    const number = field(port, 'number');
    const portName = asString(field(port, 'name'));
    return {
      service: {
        name: asString(field(service, 'name')) ?? '',
        port: typeof number === 'number' ? number : (portName ?? ''),
      },
    };
  }
  const legacyName = asString(field(backend, 'serviceName'));
  if (legacyName) {
    const legacyPort = field(backend, 'servicePort');
    return {
      service: {
        name: legacyName,
        port: typeof legacyPort === 'number' || typeof legacyPort === 'string' ? legacyPort : '',
      },
    };
  }
  const resource = asRecord(field(backend, 'resource'));
  return resource
    ? { resource: `${asString(field(resource, 'kind')) ?? ''}/${asString(field(resource, 'name')) ?? ''}` }
    : {};
}
