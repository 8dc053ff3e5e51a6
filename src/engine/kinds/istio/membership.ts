import {
  type ClusterModel,
  type Labels,
  labelValue,
  type Namespace,
  type Workload,
} from '../../model/types.ts';
import type { EngineSettings } from '../../settings.ts';
import { readIstioExtras } from './extras.ts';

/**
 * Mesh membership. A pod is in the mesh when Istio injects a sidecar (namespace label
 * `istio-injection=enabled` or `istio.io/rev`, unless the pod or namespace says `disabled` /
 * `false`: either side disabling wins, as in Istio's injector) or when it runs in ambient mode
 * (`istio.io/dataplane-mode=ambient` on the pod or its namespace, `none` on the pod opts out).
 * Istio's own gateway pods are proxies themselves and always count.
 */

const INJECT = 'sidecar.istio.io/inject';
const DATAPLANE = 'istio.io/dataplane-mode';

/** What the markers say about one pod: in, out, or nothing (no marker applies). */
export function markerMembership(workload: Workload, namespace: Namespace | undefined): boolean | undefined {
  const nsLabels: Labels = namespace?.labels ?? {};
  const annotations: Labels = workload.annotations ?? {};
  if (isGatewayProxy(workload.labels)) return true;
  const podMode = labelValue(workload.labels, DATAPLANE);
  if (podMode === 'none') return false;
  if (podMode === 'ambient') return true;
  const podInject = labelValue(workload.labels, INJECT) ?? labelValue(annotations, INJECT);
  const nsInject = labelValue(nsLabels, 'istio-injection');
  if (podInject === 'false' || nsInject === 'disabled') return ambientNamespace(nsLabels);
  if (podInject === 'true' || nsInject === 'enabled') return true;
  if (labelValue(nsLabels, 'istio.io/rev') !== undefined) return true;
  if (ambientNamespace(nsLabels)) return true;
  return podInject !== undefined || nsInject !== undefined ? false : undefined;
}

function ambientNamespace(labels: Labels): boolean {
  return labelValue(labels, DATAPLANE) === 'ambient';
}

/** Istio ingress/egress gateway pods and the pods Istio deploys for Gateway API Gateways. */
export function isGatewayProxy(labels: Labels): boolean {
  const istio = labelValue(labels, 'istio');
  return (
    (istio !== undefined && /gateway$/.test(istio)) ||
    labelValue(labels, 'gateway.networking.k8s.io/gateway-name') !== undefined ||
    labelValue(labels, 'gateway.istio.io/managed') !== undefined
  );
}

const assumptionCache = new WeakMap<ClusterModel, boolean>();

/**
 * Whether membership is assumed for every pod: setting `auto`, Istio policies present, and no
 * injection or ambient marker anywhere in the manifests (namespaces, pods, pod annotations).
 */
export function meshAssumed(model: ClusterModel, settings: EngineSettings): boolean {
  if (settings.mesh.membership !== 'auto') return false;
  const cached = assumptionCache.get(model);
  if (cached !== undefined) return cached;
  const extras = readIstioExtras(model.extras);
  const hasPolicies =
    (extras?.authorizationPolicies.length ?? 0) + (extras?.peerAuthentications.length ?? 0) > 0;
  if (!hasPolicies) return false;
  const marked =
    model.namespaces.some((ns) =>
      ['istio-injection', 'istio.io/rev', DATAPLANE].some((k) => labelValue(ns.labels, k) !== undefined),
    ) ||
    model.workloads.some(
      (w) =>
        !isGatewayProxy(w.labels) &&
        [INJECT, DATAPLANE].some(
          (k) => labelValue(w.labels, k) !== undefined || labelValue(w.annotations ?? {}, k) !== undefined,
        ),
    );
  const assumed = hasPolicies && !marked;
  assumptionCache.set(model, assumed);
  return assumed;
}

/** Whether a workload is in the mesh under the settings (what-if overrides first). */
export function inMesh(
  workload: Workload,
  namespace: Namespace | undefined,
  model: ClusterModel,
  settings: EngineSettings,
): boolean {
  if (workload.inMesh !== undefined) return workload.inMesh;
  if (workload.host) return false;
  if (settings.mesh.membership === 'all') return true;
  const marked = markerMembership(workload, namespace);
  if (marked !== undefined) return marked;
  return meshAssumed(model, settings);
}
