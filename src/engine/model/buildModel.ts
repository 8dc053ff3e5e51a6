import type { Diagnostic } from '../diagnostics.ts';
import { networkPoliciesOf } from '../kinds/networkpolicy/index.ts';
import type { ModelDraft } from '../kinds/plugin.ts';
import { kindFor, looksLikeTrafficPolicy, POLICY_KINDS } from '../kinds/registry.ts';
import type { CompiledPolicy, Tier } from '../kinds/types.ts';
import { ADMIN_TIER, BASELINE_TIER, DEFAULT_TIER } from '../kinds/types.ts';
import type { ParsedObject } from '../parse/parseSources.ts';
import type { EngineSettings } from '../settings.ts';
import { asRecord, asString, field, ObjectContext } from './objectContext.ts';
import { readEndpointSlice, readEndpoints } from './readEndpoints.ts';
import { readIngress } from './readIngress.ts';
import { readLabels } from './readLabels.ts';
import { readService } from './readService.ts';
import { controllerOwner, type PodTemplate, readPodTemplate, WORKLOAD_KINDS } from './readWorkload.ts';
import type {
  ClusterModel,
  Ingress,
  Labels,
  Namespace,
  Service,
  ServiceAccount,
  ServiceEndpoints,
  UnsupportedPolicy,
  Workload,
  WorkloadKind,
} from './types.ts';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Kinds that live outside namespaces; everything else without a namespace goes to `default`. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
]);

interface PendingWorkload {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  template: PodTemplate;
  ctx: ObjectContext;
  /** Pods grouped under this workload by owner reference. */
  pods: number;
  /** The controller that owns this controller (a Deployment's ReplicaSet, a CronJob's Job). */
  owner?: { kind: string; name: string };
}

/**
 * Turns parsed Kubernetes objects into the cluster model: Namespaces (defined or implied, each
 * with `kubernetes.io/metadata.name`), workloads (Pods with a controller owner join the owner's
 * workload, which may be absent from the input), Services, Ingresses and NetworkPolicies. Other
 * kinds are counted in `ignored`. Invalid fields become diagnostics; never throws.
 */
export function buildModel(
  objects: readonly ParsedObject[],
  parseDiagnostics: readonly Diagnostic[] = [],
  settings?: EngineSettings,
): ClusterModel {
  const diagnostics: Diagnostic[] = [...parseDiagnostics];
  const namespaces = new Map<string, Namespace>();
  const workloads = new Map<string, PendingWorkload>();
  const services = new Map<string, Service>();
  const ingresses = new Map<string, Ingress>();
  const endpoints: ServiceEndpoints[] = [];
  const serviceAccounts = new Map<string, ServiceAccount>();
  const unsupported: UnsupportedPolicy[] = [];
  const ignored: Record<string, number> = {};
  const policies = new Map<string, CompiledPolicy>();
  const tiers = new Map<string, Tier>([ADMIN_TIER, DEFAULT_TIER, BASELINE_TIER].map((t) => [t.key, t]));
  const extraWorkloads = new Map<string, Workload>();
  const draft: ModelDraft = {
    addPolicy: (policy) => {
      policies.delete(policy.id);
      policies.set(policy.id, policy);
    },
    addTier: (tier) => {
      tiers.set(tier.key, tier);
    },
    addWorkload: (workload) => {
      extraWorkloads.set(workload.id, workload);
    },
    extras: {},
    diagnostics,
    ...(settings ? { settings } : {}),
  };

  for (const object of objects) {
    const ctx = new ObjectContext(object, diagnostics);
    try {
      readObject(ctx);
    } catch (error) {
      ctx.report(
        'error',
        object.value,
        undefined,
        '',
        `could not read ${ctx.describe()}: ${String(error)}; it was skipped`,
        true,
      );
    }
  }

  function readObject(ctx: ObjectContext): void {
    const value = ctx.object.value;
    const kind = String(field(value, 'kind'));
    const metadata = asRecord(field(value, 'metadata'));
    const name = asString(field(metadata, 'name'));
    if (!name) {
      const generated = asString(field(metadata, 'generateName'));
      ctx.report(
        'error',
        metadata ?? value,
        metadata ? 'name' : 'metadata',
        'metadata.name',
        `this ${kind} has no metadata.name${generated ? ' (generateName is only resolved by the API server)' : ''}; it was skipped`,
        true,
      );
      return;
    }
    if (kind === 'Namespace') {
      const labels = readLabels(ctx, field(metadata, 'labels'), 'metadata.labels');
      namespaces.set(name, { name, labels: withNameLabel(labels, name), defined: true, ref: ctx.object.ref });
      return;
    }
    const apiVersion = asString(field(value, 'apiVersion')) ?? '';
    const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] as string) : '';
    const policyKind = kindFor(group, kind);
    if (policyKind) {
      const clusterScoped = policyKind.clusterScoped(kind);
      const namespace = clusterScoped ? undefined : asString(field(metadata, 'namespace')) || 'default';
      if (namespace) implyNamespace(namespace);
      const identity = { apiVersion, group, kind, name, ...(namespace ? { namespace } : {}) };
      policyKind.read(ctx, identity, draft);
      return;
    }
    if (looksLikeTrafficPolicy(group, kind)) {
      const namespace = asString(field(metadata, 'namespace'));
      const id = namespace ? `${namespace}/${name}` : name;
      unsupported.push({ apiVersion, kind, id, ref: ctx.object.ref });
      ctx.report(
        'warning',
        value,
        'kind',
        'kind',
        `${kind} ${id} (${apiVersion || 'no apiVersion'}) is a policy kind Reachlab does not evaluate: the verdicts ignore it, so traffic it would block or allow is shown as if it were absent`,
      );
      return;
    }
    if (CLUSTER_SCOPED.has(kind)) {
      ignored[kind] = (ignored[kind] ?? 0) + 1;
      return;
    }
    const namespace = asString(field(metadata, 'namespace')) || 'default';
    implyNamespace(namespace);
    const key = `${namespace}/${name}`;
    if (WORKLOAD_KINDS.has(kind)) {
      readWorkloadObject(ctx, kind as WorkloadKind, namespace, name);
    } else if (kind === 'Service') {
      const service = readService(ctx, namespace, name);
      if (service) services.set(key, service);
    } else if (kind === 'Endpoints') {
      endpoints.push(readEndpoints(ctx, namespace, name));
    } else if (kind === 'EndpointSlice') {
      endpoints.push(readEndpointSlice(ctx, namespace, name));
    } else if (kind === 'Ingress') {
      ingresses.set(key, readIngress(ctx, namespace, name));
    } else if (kind === 'ServiceAccount') {
      const labels = readLabels(ctx, field(metadata, 'labels'), 'metadata.labels');
      serviceAccounts.set(key, { namespace, name, labels, ref: ctx.object.ref });
    } else {
      const label = kind === 'NetworkPolicy' ? `NetworkPolicy (${apiVersion})` : kind;
      ignored[label] = (ignored[label] ?? 0) + 1;
    }
  }

  function readWorkloadObject(ctx: ObjectContext, kind: WorkloadKind, namespace: string, name: string): void {
    const template = readPodTemplate(ctx, kind);
    const owner = controllerOwner(ctx.object.value);
    if (kind === 'Pod' && owner) {
      const key = `${namespace}/${owner.name}`;
      const existing = workloads.get(key);
      if (existing) {
        if (existing.pods > 0 || existing.kind === 'Pod') {
          if (!sameLabels(existing.template.labels, template.labels)) {
            ctx.report(
              'warning',
              ctx.object.value,
              'metadata',
              'metadata.labels',
              `Pod ${name} has other labels than the rest of ${owner.kind} ${owner.name}; the first Pod's labels are used for the workload`,
            );
          }
          existing.pods += 1;
          existing.template.podIPs.push(...template.podIPs);
        }
        return;
      }
      const ownerKind = WORKLOAD_KINDS.has(owner.kind) ? (owner.kind as WorkloadKind) : 'Pod';
      workloads.set(key, { kind: ownerKind, namespace, name: owner.name, template, ctx, pods: 1 });
      return;
    }
    const key = `${namespace}/${name}`;
    const existing = workloads.get(key);
    if (existing && existing.pods === 0) {
      ctx.report(
        'warning',
        ctx.object.value,
        'metadata',
        'metadata.name',
        `${kind} ${key} appears twice: the later one is used`,
      );
    }
    // A controller defined in the input describes its pods better than Pods grouped under its name.
    workloads.set(
      key,
      owner
        ? { kind, namespace, name, template, ctx, pods: 0, owner }
        : { kind, namespace, name, template, ctx, pods: 0 },
    );
  }

  function implyNamespace(name: string): void {
    if (!namespaces.has(name))
      namespaces.set(name, { name, labels: withNameLabel({}, name), defined: false });
  }

  foldOwnedControllers(workloads);

  const workloadList: Workload[] = [...workloads.values()].map((pending) => {
    const { template } = pending;
    const workload: Workload = {
      id: `${pending.namespace}/${pending.name}`,
      namespace: pending.namespace,
      name: pending.name,
      kind: pending.kind,
      labels: template.labels,
      ports: template.ports,
      replicas: pending.pods > 0 ? pending.pods : template.replicas,
      hostNetwork: template.hostNetwork,
      nodeSelector: template.nodeSelector,
      podIPs: template.podIPs,
      ref: pending.ctx.object.ref,
    };
    if (template.serviceAccountName) workload.serviceAccountName = template.serviceAccountName;
    if (template.annotations) workload.annotations = template.annotations;
    return workload;
  });

  for (const workload of extraWorkloads.values()) {
    if (workload.namespace) implyNamespace(workload.namespace);
    workloadList.push(workload);
  }

  const model: ClusterModel = {
    namespaces: [...namespaces.values()].sort((a, b) => a.name.localeCompare(b.name)),
    workloads: workloadList.sort((a, b) => compareIds(a.id, b.id)),
    services: [...services.values()],
    ingresses: [...ingresses.values()],
    endpoints,
    serviceAccounts: [...serviceAccounts.values()],
    policies: [...policies.values()],
    networkPolicies: [...networkPoliciesOf(draft).values()],
    tiers: [...tiers.values()].sort((a, b) => a.order - b.order),
    unsupported,
    extras: draft.extras,
    ignored,
    diagnostics,
  };
  // Some peers name other objects (Cilium toServices): each kind resolves its own once all are read.
  let resolved = model.policies;
  for (const kind of POLICY_KINDS) if (kind.resolve) resolved = kind.resolve(resolved, model);
  return resolved === model.policies ? model : { ...model, policies: resolved };
}

/**
 * In `kubectl get all` dumps a Deployment comes with its ReplicaSets (and a CronJob with its
 * Jobs), all describing the same pods: a controller owned by another controller in the input is
 * folded into its top owner, so the pods appear once, under the name people use.
 */
function foldOwnedControllers(workloads: Map<string, PendingWorkload>): void {
  for (const [key, pending] of [...workloads.entries()]) {
    let top: PendingWorkload | undefined;
    let owner = pending.owner;
    for (let depth = 0; owner && depth < 5; depth++) {
      const next = WORKLOAD_KINDS.has(owner.kind)
        ? workloads.get(`${pending.namespace}/${owner.name}`)
        : undefined;
      if (!next || next === pending) break;
      top = next;
      owner = next.owner;
    }
    if (top) workloads.delete(key);
  }
}

/** Adds the label every namespace carries since Kubernetes 1.21. */
export function withNameLabel(labels: Labels, name: string): Labels {
  return { ...labels, [NAMESPACE_NAME_LABEL]: name };
}

function sameLabels(a: Labels, b: Labels): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
