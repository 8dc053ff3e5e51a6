import { asArray, asRecord, asString, field, type ObjectContext } from './objectContext.ts';
import { readLabels } from './readLabels.ts';
import { readPortValue, readProtocol } from './readPorts.ts';
import type { ContainerPort, Labels, WorkloadKind } from './types.ts';

export const WORKLOAD_KINDS: ReadonlySet<string> = new Set<WorkloadKind>([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Pod',
]);

/** What a workload object says about its pods, before Pods are grouped by owner. */
export interface PodTemplate {
  labels: Labels;
  ports: ContainerPort[];
  replicas: number;
  serviceAccountName?: string;
  hostNetwork: boolean;
  nodeSelector: Labels;
  podIPs: string[];
  /** Pod template annotations with string values (sidecar injection markers). */
  annotations?: Labels;
}

/**
 * Reads the pod template of a workload object: `spec.template` for controllers,
 * `spec.jobTemplate.spec.template` for a CronJob, and the object itself for a Pod.
 */
export function readPodTemplate(ctx: ObjectContext, kind: WorkloadKind): PodTemplate {
  const value = ctx.object.value;
  const spec = asRecord(field(value, 'spec'));
  let templatePath: string;
  let template: Record<string, unknown> | undefined;
  if (kind === 'Pod') {
    templatePath = '';
    template = value;
  } else if (kind === 'CronJob') {
    templatePath = 'spec.jobTemplate.spec.template.';
    template = asRecord(field(asRecord(field(asRecord(field(spec, 'jobTemplate')), 'spec')), 'template'));
  } else {
    templatePath = 'spec.template.';
    template = asRecord(field(spec, 'template'));
  }
  if (!template) {
    ctx.report(
      'warning',
      spec ?? value,
      'template',
      `${templatePath.slice(0, -1)}`,
      `${kind} has no pod template: its pods have no labels or ports here`,
      false,
      'missing-field',
    );
  }
  const metadata = asRecord(field(template, 'metadata'));
  const podSpec = asRecord(field(template, 'spec'));
  const labels = readLabels(ctx, field(metadata, 'labels'), `${templatePath}metadata.labels`);
  const ports = readContainerPorts(ctx, podSpec, `${templatePath}spec`);
  const result: PodTemplate = {
    labels,
    ports,
    replicas: readReplicas(kind, spec),
    hostNetwork: field(podSpec, 'hostNetwork') === true,
    nodeSelector: readLabels(ctx, field(podSpec, 'nodeSelector'), `${templatePath}spec.nodeSelector`),
    podIPs: kind === 'Pod' ? readPodIPs(value) : [],
  };
  const account =
    asString(field(podSpec, 'serviceAccountName')) ?? asString(field(podSpec, 'serviceAccount'));
  if (account) result.serviceAccountName = account;
  const annotations = Object.entries(asRecord(field(metadata, 'annotations')) ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  if (annotations.length > 0) result.annotations = Object.fromEntries(annotations);
  return result;
}

function readReplicas(kind: WorkloadKind, spec: Record<string, unknown> | undefined): number {
  if (kind === 'Pod') return 1;
  const key = kind === 'Job' ? 'parallelism' : 'replicas';
  const raw = field(spec, key);
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 1;
}

function readPodIPs(pod: Record<string, unknown>): string[] {
  const status = asRecord(field(pod, 'status'));
  const ips = new Set<string>();
  const single = asString(field(status, 'podIP'));
  if (single) ips.add(single);
  for (const entry of asArray(field(status, 'podIPs')) ?? []) {
    const ip = asString(field(asRecord(entry), 'ip'));
    if (ip) ips.add(ip);
  }
  return [...ips];
}

/** Container ports of init (sidecar) and regular containers, with names and protocols. */
function readContainerPorts(
  ctx: ObjectContext,
  podSpec: Record<string, unknown> | undefined,
  path: string,
): ContainerPort[] {
  const ports: ContainerPort[] = [];
  for (const listKey of ['containers', 'initContainers']) {
    for (const [ci, rawContainer] of (asArray(field(podSpec, listKey)) ?? []).entries()) {
      const container = asRecord(rawContainer);
      const containerName = asString(field(container, 'name')) ?? `#${ci}`;
      for (const [pi, rawPort] of (asArray(field(container, 'ports')) ?? []).entries()) {
        const at = `${path}.${listKey}[${ci}].ports[${pi}]`;
        const entry = asRecord(rawPort);
        if (!entry) continue;
        const number = readPortValue(
          ctx,
          entry,
          'containerPort',
          field(entry, 'containerPort'),
          at,
          false,
          false,
        );
        const protocol = readProtocol(ctx, entry, field(entry, 'protocol'), at, false);
        if (typeof number !== 'number' || !protocol) continue;
        const port: ContainerPort = { port: number, protocol, container: containerName };
        const name = asString(field(entry, 'name'));
        if (name) port.name = name;
        ports.push(port);
      }
    }
  }
  return ports;
}

/** The controller owner of an object (`ownerReferences[].controller: true`), if any. */
export function controllerOwner(value: Record<string, unknown>): { kind: string; name: string } | undefined {
  const metadata = asRecord(field(value, 'metadata'));
  for (const raw of asArray(field(metadata, 'ownerReferences')) ?? []) {
    const owner = asRecord(raw);
    const name = asString(field(owner, 'name'));
    // A controller reference without a kind still groups the Pod under its owner's name.
    const kind = asString(field(owner, 'kind')) ?? 'Pod';
    if (field(owner, 'controller') === true && name && kind !== 'Node') return { kind, name };
  }
  return undefined;
}
