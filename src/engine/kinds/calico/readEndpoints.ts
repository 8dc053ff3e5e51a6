import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { readLabels } from '../../model/readLabels.ts';
import type { ContainerPort, Protocol, Workload } from '../../model/types.ts';
import type { ModelDraft, ObjectIdentity } from '../plugin.ts';
import { addEndpoint } from './profileLabels.ts';
import { LABEL_SERVICE_ACCOUNT } from './selectorExpr.ts';
import { ensureProfileTier } from './tiers.ts';

/**
 * Reads a WorkloadEndpoint (the endpoint `<namespace>/<spec.pod>`, labels from metadata.labels)
 * or a HostEndpoint (the cluster-scoped endpoint `HostEndpoint/<name>`) into a workload with its
 * profile list, named ports and addresses (`ipNetworks`, `expectedIPs`). Either kind is denied
 * by default in Calico, so reading one registers the profile tier.
 */
export function readCalicoEndpoint(ctx: ObjectContext, identity: ObjectIdentity, draft: ModelDraft): void {
  const value = ctx.object.value;
  const metadata = asRecord(field(value, 'metadata'));
  const spec = asRecord(field(value, 'spec')) ?? {};
  const labels = readLabels(ctx, field(metadata, 'labels'), 'metadata.labels');
  const host = identity.kind === 'HostEndpoint';
  const namespace = host ? '' : (identity.namespace ?? 'default');
  const pod = asString(field(spec, 'pod'));
  if (!host && !pod) {
    ctx.report(
      'warning',
      spec,
      'pod',
      'spec.pod',
      `WorkloadEndpoint ${identity.name} has no spec.pod; the endpoint is named after the object`,
    );
  }
  const name = host ? identity.name : (pod ?? identity.name);
  const profiles = (asArray(field(spec, 'profiles')) ?? []).filter((p): p is string => typeof p === 'string');
  const addresses = host ? field(spec, 'expectedIPs') : field(spec, 'ipNetworks');
  const podIPs = (asArray(addresses) ?? [])
    .filter((a): a is string => typeof a === 'string' && !a.includes(':'))
    .map((a) => a.split('/')[0] as string);
  const serviceAccountName = asString(field(spec, 'serviceAccountName')) ?? labels[LABEL_SERVICE_ACCOUNT];
  const workload: Workload = {
    id: host ? `HostEndpoint/${name}` : `${namespace}/${name}`,
    namespace,
    name,
    kind: host ? 'HostEndpoint' : 'WorkloadEndpoint',
    labels,
    ports: readEndpointPorts(ctx, spec),
    replicas: 1,
    hostNetwork: false,
    nodeSelector: {},
    podIPs,
    profiles,
    ref: ctx.object.ref,
    ...(host ? { host: true } : {}),
    ...(serviceAccountName && !host ? { serviceAccountName } : {}),
  };
  addEndpoint(draft, workload);
  ensureProfileTier(draft, ctx.object.ref);
}

const PORT_PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Named ports of an endpoint (`spec.ports`: name, protocol, port), which rules may name. */
function readEndpointPorts(ctx: ObjectContext, spec: Record<string, unknown>): ContainerPort[] {
  const ports: ContainerPort[] = [];
  for (const [i, raw] of (asArray(field(spec, 'ports')) ?? []).entries()) {
    const entry = asRecord(raw);
    const name = asString(field(entry, 'name'));
    const port = field(entry, 'port');
    const protocol = String(field(entry, 'protocol') ?? 'TCP').toUpperCase() as Protocol;
    if (
      !entry ||
      typeof port !== 'number' ||
      port < 1 ||
      port > 65535 ||
      !PORT_PROTOCOLS.includes(protocol)
    ) {
      ctx.report(
        'warning',
        entry ?? spec,
        entry ? 'port' : 'ports',
        `spec.ports[${i}]`,
        'an endpoint port needs a name, a protocol (TCP, UDP or SCTP) and a port 1-65535; it was skipped',
      );
      continue;
    }
    ports.push({ port, protocol, container: 'endpoint', ...(name ? { name } : {}) });
  }
  return ports;
}
