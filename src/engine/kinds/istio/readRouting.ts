import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { readLabels } from '../../model/readLabels.ts';
import type { ModelDraft, ObjectIdentity } from '../plugin.ts';
import type { MeshRouteRule, RouteDestination, RouteMatch } from './extras.ts';
import { istioExtras } from './extras.ts';
import { readList } from './fields.ts';

/**
 * Reads the objects that shape the path through the mesh into `extras.istio` in one typed form:
 * Istio Gateways and VirtualServices, Gateway API Gateways and HTTPRoutes, DestinationRule subsets
 * and ServiceEntries. They decide routing, not permission, so nothing is compiled.
 */
export function readRouting(ctx: ObjectContext, object: ObjectIdentity, draft: ModelDraft): void {
  const extras = istioExtras(draft.extras);
  const namespace = object.namespace ?? 'default';
  const spec = asRecord(field(ctx.object.value, 'spec'));
  const base = { namespace, name: object.name, ref: ctx.refOf(ctx.object.value) };
  const id = `${object.kind} ${namespace}/${object.name}`;
  const strings = (node: unknown) => (asArray(node) ?? []).filter((s): s is string => typeof s === 'string');
  if (object.kind === 'Gateway' && object.group === 'networking.istio.io') {
    const servers = readList(ctx, spec, 'servers', 'spec').map((raw) => {
      const server = asRecord(raw);
      const port = asRecord(field(server, 'port'));
      return {
        port: Number(field(port, 'number') ?? 0),
        protocol: asString(field(port, 'protocol')) ?? 'HTTP',
        hosts: strings(field(server, 'hosts')),
        ...(asString(field(port, 'name')) ? { name: asString(field(port, 'name')) } : {}),
      };
    });
    const selector = readLabels(ctx, field(spec, 'selector'), 'spec.selector');
    extras.gateways.push({ ...base, id, api: 'istio', selector, servers });
  } else if (object.kind === 'Gateway') {
    const servers = readList(ctx, spec, 'listeners', 'spec').map((raw) => {
      const listener = asRecord(raw);
      const hostname = asString(field(listener, 'hostname'));
      return {
        port: Number(field(listener, 'port') ?? 0),
        protocol: asString(field(listener, 'protocol')) ?? 'HTTP',
        hosts: hostname ? [hostname] : ['*'],
        ...(asString(field(listener, 'name')) ? { name: asString(field(listener, 'name')) } : {}),
      };
    });
    const selector = { 'gateway.networking.k8s.io/gateway-name': object.name };
    extras.gateways.push({ ...base, id, api: 'gateway-api', selector, servers });
  } else if (object.kind === 'VirtualService') {
    const gateways = strings(field(spec, 'gateways')).map((g) =>
      g === 'mesh' || g.includes('/') ? g : `${namespace}/${g}`,
    );
    const http = readList(ctx, spec, 'http', 'spec').map((raw, index): MeshRouteRule => {
      const rule = asRecord(raw);
      const matches = readList(ctx, rule, 'match', `spec.http[${index}]`).map(virtualServiceMatch);
      const destinations = readList(ctx, rule, 'route', `spec.http[${index}]`).map((r): RouteDestination => {
        const d = asRecord(field(asRecord(r), 'destination'));
        const port = Number(field(asRecord(field(d, 'port')), 'number'));
        const weight = field(asRecord(r), 'weight');
        return {
          host: asString(field(d, 'host')) ?? '',
          ...(port > 0 ? { port } : {}),
          ...(asString(field(d, 'subset')) ? { subset: asString(field(d, 'subset')) } : {}),
          ...(typeof weight === 'number' ? { weight } : {}),
        };
      });
      const name = asString(field(rule, 'name'));
      return { index, matches, destinations, ref: ctx.refOf(raw), ...(name ? { name } : {}) };
    });
    extras.routes.push({
      ...base,
      id,
      kind: 'VirtualService',
      hosts: strings(field(spec, 'hosts')),
      gateways: gateways.length ? gateways : ['mesh'],
      http,
    });
  } else if (object.kind === 'HTTPRoute') {
    const gateways = readList(ctx, spec, 'parentRefs', 'spec').map((raw) => {
      const parent = asRecord(raw);
      return `${asString(field(parent, 'namespace')) ?? namespace}/${asString(field(parent, 'name')) ?? ''}`;
    });
    const http = readList(ctx, spec, 'rules', 'spec').map((raw, index): MeshRouteRule => {
      const rule = asRecord(raw);
      const matches = readList(ctx, rule, 'matches', `spec.rules[${index}]`).map(httpRouteMatch);
      const destinations = readList(ctx, rule, 'backendRefs', `spec.rules[${index}]`).map(
        (r): RouteDestination => {
          const b = asRecord(r);
          const port = Number(field(b, 'port'));
          const weight = field(b, 'weight');
          const ns = asString(field(b, 'namespace'));
          return {
            host: asString(field(b, 'name')) ?? '',
            ...(port > 0 ? { port } : {}),
            ...(typeof weight === 'number' ? { weight } : {}),
            ...(ns ? { namespace: ns } : {}),
          };
        },
      );
      return { index, matches, destinations, ref: ctx.refOf(raw) };
    });
    extras.routes.push({
      ...base,
      id,
      kind: 'HTTPRoute',
      hosts: strings(field(spec, 'hostnames')),
      gateways,
      http,
    });
  } else if (object.kind === 'DestinationRule') {
    const subsets = readList(ctx, spec, 'subsets', 'spec').map((raw, i) => ({
      name: asString(field(asRecord(raw), 'name')) ?? '',
      labels: readLabels(ctx, field(asRecord(raw), 'labels'), `spec.subsets[${i}].labels`),
    }));
    extras.destinationRules.push({ ...base, id, host: asString(field(spec, 'host')) ?? '', subsets });
  } else if (object.kind === 'ServiceEntry') {
    const ports = readList(ctx, spec, 'ports', 'spec').map((raw) => {
      const p = asRecord(raw);
      const protocol = asString(field(p, 'protocol'));
      const name = asString(field(p, 'name'));
      return {
        number: Number(field(p, 'number') ?? 0),
        ...(protocol ? { protocol } : {}),
        ...(name ? { name } : {}),
      };
    });
    const location = asString(field(spec, 'location'));
    extras.serviceEntries.push({
      ...base,
      id,
      hosts: strings(field(spec, 'hosts')),
      addresses: strings(field(spec, 'addresses')),
      ports,
      ...(location ? { location } : {}),
    });
  }
}

function stringMatch(node: unknown): RouteMatch['path'] {
  const m = asRecord(node);
  for (const kind of ['exact', 'prefix', 'regex'] as const) {
    const value = asString(field(m, kind));
    if (value !== undefined) return { kind, value };
  }
  return undefined;
}

function virtualServiceMatch(raw: unknown): RouteMatch {
  const m = asRecord(raw);
  const path = stringMatch(field(m, 'uri'));
  const method = stringMatch(field(m, 'method'))?.value;
  const headers = Object.entries(asRecord(field(m, 'headers')) ?? {}).flatMap(([name, v]) => {
    const s = stringMatch(v);
    return s ? [{ name, kind: s.kind, value: s.value }] : [];
  });
  return { ...(path ? { path } : {}), ...(method ? { method } : {}), headers };
}

function httpRouteMatch(raw: unknown): RouteMatch {
  const m = asRecord(raw);
  const p = asRecord(field(m, 'path'));
  const type = asString(field(p, 'type')) ?? 'PathPrefix';
  const value = asString(field(p, 'value'));
  const kind = type === 'Exact' ? 'exact' : type === 'RegularExpression' ? 'regex' : 'prefix';
  const method = asString(field(m, 'method'));
  const headers = (asArray(field(m, 'headers')) ?? []).flatMap((h) => {
    const r = asRecord(h);
    const name = asString(field(r, 'name'));
    const v = asString(field(r, 'value'));
    return name && v !== undefined
      ? [
          {
            name,
            kind:
              asString(field(r, 'type')) === 'RegularExpression' ? ('regex' as const) : ('exact' as const),
            value: v,
          },
        ]
      : [];
  });
  return {
    ...(value !== undefined ? { path: { kind, value } } : {}),
    ...(method ? { method } : {}),
    headers,
  };
}
