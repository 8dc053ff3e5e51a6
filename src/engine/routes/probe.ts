// The mesh's own ingress path (Istio Gateway/VirtualService, Gateway API) is the Istio kind's to read.
import { type MeshPath, meshPath } from '../kinds/istio/meshPath.ts';
import type { ClusterModel, IpRange, Service, Workload } from '../model/types.ts';
import { parseIpv4 } from '../policy/ipv4.ts';
import { Reachability } from '../reach/reachability.ts';
import { dnsServers, ingressControllers, withAssumedComponents } from './assumedComponents.ts';
import { type Hop, judgeHop } from './hopVerdict.ts';
import { matchIngress } from './matchIngress.ts';
import { serviceBackends } from './serviceBackends.ts';
import { applyEnforcement, type ClusterSettings } from './settings.ts';
import { findServicePort, resolveTargetPort } from './targetPorts.ts';

export type ProbeSource = 'internet' | string;

export interface ProbeResult {
  verdict: 'allowed' | 'denied';
  /** What the target resolved to, in words ("Service shop/api port 80 -> 2 pods"). */
  resolved: string;
  hops: Hop[];
  /** Assumptions and caveats (assumed kube-dns, plugin that does not enforce, ...). */
  notes: string[];
}

export type ProbeOutcome = { ok: true; result: ProbeResult } | { ok: false; error: string };

/** A public documentation address (TEST-NET-3) standing for "somewhere on the Internet". */
const INTERNET_ADDRESS = parseIpv4('203.0.113.10') as number;
const INTERNET: IpRange = { start: INTERNET_ADDRESS, end: INTERNET_ADDRESS };

interface Context {
  model: ClusterModel;
  analysis: { model: ClusterModel; reach: Reachability };
  source: ProbeSource;
  sourceWorkload: Workload | undefined;
  hops: Hop[];
  notes: string[];
}

/**
 * Follows a request the way Kubernetes routes it and judges every hop with the engine: a DNS
 * name (`svc`, `svc.ns`, `svc.ns.svc.cluster.local`, with `:port` or a port name), a pod or
 * external IP, or an Ingress URL. From a workload, a DNS name first needs a lookup at kube-dns
 * (UDP 53). A Service hop is judged on each backend pod at its resolved target port, since
 * policies see pod ports after the Service's translation. Never throws.
 */
export function probe(
  baseModel: ClusterModel,
  settings: ClusterSettings,
  source: ProbeSource,
  target: string,
): ProbeOutcome {
  try {
    const isUrl = /^[a-z]+:\/\//i.test(target.trim());
    const assumed = withAssumedComponents(baseModel, settings, {
      controller: isUrl || baseModel.ingresses.length > 0,
      dns: source !== 'internet',
    });
    const enforced = applyEnforcement(assumed.model, settings);
    const model = enforced.model;
    const notes = [...assumed.notes, ...(enforced.note ? [enforced.note] : [])];
    const sourceWorkload = source === 'internet' ? undefined : model.workloads.find((w) => w.id === source);
    if (source !== 'internet' && !sourceWorkload)
      return {
        ok: false,
        error: `no workload ${source} in the input (write it as namespace/name, or "internet")`,
      };
    const analysis = { model, reach: Reachability.evaluate(model, settings) };
    const ctx: Context = { model, analysis, source, sourceWorkload, hops: [], notes };
    const text = target.trim();
    let resolved: string | ProbeOutcome;
    if (isUrl) resolved = probeUrl(ctx, settings, text);
    else if (parseIpv4(text.split(':')[0] ?? '') !== undefined) resolved = probeAddress(ctx, text);
    else resolved = probeName(ctx, settings, text);
    if (typeof resolved !== 'string') return resolved;
    const verdict =
      ctx.hops.length > 0 && ctx.hops.every((h) => h.verdict === 'allowed') ? 'allowed' : 'denied';
    return { ok: true, result: { verdict, resolved, hops: ctx.hops, notes: ctx.notes } };
  } catch (error) {
    return { ok: false, error: `could not probe ${target}: ${String(error)}` };
  }
}

function fail(error: string): ProbeOutcome {
  return { ok: false, error };
}

function splitPort(text: string): { host: string; port: string | undefined } {
  const match = /^(.*?)(?::([A-Za-z0-9-]+))?$/.exec(text);
  return { host: match?.[1] ?? text, port: match?.[2] };
}

/** The lookup a pod makes before it can use a name: UDP 53 to the cluster DNS pods. */
function dnsHop(ctx: Context, name: string): void {
  if (!ctx.sourceWorkload) return;
  const servers = dnsServers(ctx.model);
  const server = servers[0];
  if (!server) return;
  const hop = judgeHop(ctx.analysis, ctx.sourceWorkload.id, server.id, 'UDP', 53, {
    from: ctx.sourceWorkload.id,
    to: `${server.id} (DNS lookup of ${name})`,
  });
  ctx.hops.push({ ...hop, protocol: 'DNS' });
}

function probeName(ctx: Context, settings: ClusterSettings, text: string): string | ProbeOutcome {
  const { host, port } = splitPort(text);
  const name = host.replace(/\.$/, '');
  const domain = `.svc.${settings.clusterDomain}`;
  const parts = (
    name.endsWith(domain) ? name.slice(0, -domain.length) : name.endsWith('.svc') ? name.slice(0, -4) : name
  ).split('.');
  let service: Service | undefined;
  if (parts.length === 1) {
    if (!ctx.sourceWorkload)
      return fail(`${name} is a short name: from the Internet, use an Ingress URL or a full name`);
    const namespace = ctx.sourceWorkload.namespace;
    service = ctx.model.services.find((s) => s.namespace === namespace && s.name === parts[0]);
    if (!service)
      return fail(
        `${name} does not resolve: there is no Service ${parts[0]} in namespace ${namespace} (the source's search path)`,
      );
  } else if (parts.length === 2) {
    service = ctx.model.services.find((s) => s.name === parts[0] && s.namespace === parts[1]);
    if (!service)
      return fail(`${name} does not resolve: there is no Service ${parts[0]} in namespace ${parts[1]}`);
  } else {
    return fail(
      `${name} does not resolve inside the cluster (expected svc, svc.namespace or svc.namespace.svc.${settings.clusterDomain})`,
    );
  }
  if (ctx.source === 'internet')
    return fail(
      `${name} is a cluster-internal name: the Internet reaches Services through an Ingress URL or a LoadBalancer`,
    );
  dnsHop(ctx, name);
  return serviceHops(ctx, service, port, ctx.source);
}

function serviceHops(
  ctx: Context,
  service: Service,
  wantedPort: string | undefined,
  from: string,
): string | ProbeOutcome {
  if (service.type === 'ExternalName') {
    ctx.notes.push(
      `${service.id} is an ExternalName for ${service.externalName ?? '?'}: traffic leaves the cluster, judged here as egress to a public address.`,
    );
    const port = Number(wantedPort) || service.ports[0]?.port || 443;
    ctx.hops.push(
      judgeHop(ctx.analysis, from, INTERNET, 'TCP', port, {
        from,
        to: service.externalName ?? 'external name',
      }),
    );
    return `ExternalName ${service.id} -> ${service.externalName ?? '?'}`;
  }
  const servicePort = findServicePort(service, wantedPort);
  if (!servicePort) {
    const known =
      service.ports.map((p) => (p.name ? `${p.port} (${p.name})` : `${p.port}`)).join(', ') || 'none';
    if (service.ports.length === 0)
      return fail(
        `Service ${service.id} has no valid ports (see its diagnostics), so nothing can be reached through it`,
      );
    return fail(`Service ${service.id} has no port ${wantedPort}; its ports: ${known}`);
  }
  if (wantedPort === undefined && service.ports.length > 1)
    ctx.notes.push(`No port given: probed ${servicePort.port}, the first of ${service.id}'s ports.`);
  if (!service.selector) return endpointHops(ctx, service, servicePort.port, from);
  const backends = serviceBackends(service, ctx.model.workloads);
  if (backends.length === 0)
    return fail(
      `Service ${service.id} selects no pods (selector ${Object.entries(service.selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}), so nothing answers`,
    );
  for (const backend of backends) {
    const target = resolveTargetPort(servicePort, backend);
    if (!target) {
      ctx.hops.push({
        from,
        to: backend.id,
        protocol: servicePort.protocol,
        port: servicePort.port,
        verdict: 'denied',
        reason: `${backend.id} has no ${servicePort.protocol} container port named ${String(servicePort.targetPort)}`,
      });
      continue;
    }
    ctx.hops.push(
      judgeHop(ctx.analysis, from, backend.id, target.protocol, target.port, { from, to: backend.id }),
    );
  }
  const translated =
    typeof servicePort.targetPort === 'string'
      ? ` -> targetPort ${servicePort.targetPort}`
      : servicePort.targetPort !== servicePort.port
        ? ` -> ${servicePort.targetPort}`
        : '';
  return `Service ${service.id}${service.headless ? ' (headless)' : ''} port ${servicePort.port}/${servicePort.protocol}${translated} -> ${backends.length} workload${backends.length === 1 ? '' : 's'}`;
}

function endpointHops(ctx: Context, service: Service, port: number, from: string): string | ProbeOutcome {
  const endpoints = ctx.model.endpoints.filter((e) => e.serviceId === service.id);
  const addresses = endpoints.flatMap((e) => e.addresses);
  if (addresses.length === 0)
    return fail(`Service ${service.id} has no selector and no Endpoints in the input, so nothing answers`);
  for (const address of addresses) {
    const pod = ctx.model.workloads.find((w) => w.podIPs.includes(address));
    const value = parseIpv4(address);
    if (pod) ctx.hops.push(judgeHop(ctx.analysis, from, pod.id, 'TCP', port, { from, to: pod.id }));
    else if (value !== undefined)
      ctx.hops.push(
        judgeHop(ctx.analysis, from, { start: value, end: value }, 'TCP', port, { from, to: address }),
      );
  }
  return `Service ${service.id} (no selector) -> endpoints ${addresses.join(', ')}`;
}

function probeAddress(ctx: Context, text: string): string | ProbeOutcome {
  const { host, port } = splitPort(text);
  const number = port ? Number(port) : Number.NaN;
  const pod = ctx.model.workloads.find((w) => w.podIPs.includes(host));
  const service = ctx.model.services.find((s) => s.clusterIP === host);
  if (service) return serviceHops(ctx, service, port, ctx.source);
  if (ctx.source === 'internet') {
    if (!pod)
      return fail(
        `${host} is not a pod or Service address in the input, and both ends would be outside the cluster`,
      );
    ctx.hops.push(
      judgeHop(ctx.analysis, INTERNET, pod.id, 'TCP', number || 80, { from: 'internet', to: pod.id }),
    );
    return `pod IP of ${pod.id}`;
  }
  if (!Number.isInteger(number) || number < 1 || number > 65535)
    return fail(`give a port with the address, like ${host}:443`);
  if (pod) {
    ctx.hops.push(
      judgeHop(ctx.analysis, ctx.source, pod.id, 'TCP', number, { from: ctx.source, to: pod.id }),
    );
    return `pod IP of ${pod.id}`;
  }
  const value = parseIpv4(host) as number;
  ctx.hops.push(
    judgeHop(ctx.analysis, ctx.source, { start: value, end: value }, 'TCP', number, {
      from: ctx.source,
      to: host,
    }),
  );
  return `external address ${host}`;
}

function probeUrl(ctx: Context, settings: ClusterSettings, text: string): string | ProbeOutcome {
  // A small parser instead of URL, which the engine's Worker-and-Node runtime contract leaves out.
  const parsed = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)/i.exec(text);
  if (!parsed) return fail(`${text} is not an http(s) URL`);
  const url = {
    protocol: `${(parsed[1] as string).toLowerCase()}:`,
    hostname: (parsed[2] as string).toLowerCase(),
    pathname: parsed[4] || '/',
  };
  const match = matchIngress(ctx.model.ingresses, url.hostname, url.pathname);
  if (!match) {
    const mesh = meshPath(ctx.model, text);
    if (mesh.hops.some((h) => h.kind === 'gateway')) return probeMeshPath(ctx, mesh);
    return fail(`no Ingress rule or mesh Gateway matches host ${url.hostname} and path ${url.pathname}`);
  }
  const service = ctx.model.services.find(
    (s) => s.namespace === match.ingress.namespace && s.name === match.backend.name,
  );
  if (!service)
    return fail(
      `Ingress ${match.ingress.id} sends ${url.hostname}${url.pathname} to Service ${match.backend.name}, which is not in namespace ${match.ingress.namespace}`,
    );
  const controller = ingressControllers(ctx.model, settings)[0];
  if (!controller) return fail('no ingress controller: set its namespace and labels in the settings');
  const entryPort = url.protocol === 'https:' ? 443 : 80;
  if (ctx.source === 'internet') {
    ctx.hops.push(
      judgeHop(ctx.analysis, INTERNET, controller.id, 'TCP', entryPort, {
        from: 'internet',
        to: `${controller.id} (ingress controller)`,
      }),
    );
  } else {
    ctx.hops.push(
      judgeHop(ctx.analysis, ctx.source, controller.id, 'TCP', entryPort, {
        from: ctx.source,
        to: `${controller.id} (ingress controller)`,
      }),
    );
  }
  const wanted = match.backend.port === '' ? undefined : String(match.backend.port);
  const outcome = serviceHops(ctx, service, wanted, controller.id);
  if (typeof outcome !== 'string') return outcome;
  return `Ingress ${match.ingress.id} (${match.rule}) -> ${outcome}`;
}

/**
 * A URL served by a mesh ingress gateway (Istio Gateway and VirtualService, or Gateway API):
 * the caller to a gateway pod on the Gateway's port, then each destination Service's backends at
 * their target ports, every hop judged by the network policies and by the destination's mesh
 * policies (AuthorizationPolicy, PeerAuthentication).
 */
function probeMeshPath(ctx: Context, mesh: MeshPath): string | ProbeOutcome {
  const gateway = mesh.hops.find((h) => h.kind === 'gateway');
  const gatewayPod = gateway?.pods[0];
  if (!gateway || !gatewayPod)
    return fail(`${gateway?.id ?? 'the Gateway'} selects no gateway pods in the input`);
  const from = ctx.source === 'internet' ? INTERNET : ctx.source;
  ctx.hops.push(
    judgeHop(ctx.analysis, from, gatewayPod, 'TCP', mesh.port, {
      from: ctx.source,
      to: `${gatewayPod} (${gateway.id})`,
    }),
  );
  const route = mesh.hops.find((h) => h.kind === 'route');
  const described: string[] = [`${gateway.id}${route ? ` -> ${route.id} ${route.label}` : ''}`];
  for (const hop of mesh.hops.filter((h) => h.kind === 'service')) {
    const service = ctx.model.services.find((s) => s.id === hop.id);
    if (!service) continue;
    const outcome = serviceHops(
      ctx,
      service,
      hop.port === undefined ? undefined : String(hop.port),
      gatewayPod,
    );
    if (typeof outcome !== 'string') return outcome;
    described.push(outcome);
  }
  for (const problem of mesh.problems) ctx.notes.push(problem);
  return described.join(' -> ');
}
