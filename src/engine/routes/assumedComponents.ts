import { withNameLabel } from '../model/buildModel.ts';
import { type ClusterModel, type Labels, labelValue, type Protocol, type Workload } from '../model/types.ts';
import type { ClusterSettings } from './settings.ts';

const ASSUMED_REF = { source: '(assumed)', doc: 0, line: 0, endLine: 0 };
export const DNS_LABELS = { 'k8s-app': 'kube-dns' };

/** Workloads that run the ingress controller: the configured namespace and labels. */
export function ingressControllers(model: ClusterModel, settings: ClusterSettings): Workload[] {
  const { namespace, labels } = settings.ingressController;
  return model.workloads.filter(
    (w) =>
      w.namespace === namespace && Object.entries(labels).every(([k, v]) => labelValue(w.labels, k) === v),
  );
}

/** The cluster DNS pods (kube-dns or CoreDNS): `k8s-app: kube-dns` in kube-system. */
export function dnsServers(model: ClusterModel): Workload[] {
  return model.workloads.filter(
    (w) => w.namespace === 'kube-system' && labelValue(w.labels, 'k8s-app') === 'kube-dns',
  );
}

/** A workload Reachlab assumes (not in the manifests), marked by its `(assumed)` source. */
function assumedWorkload(
  namespace: string,
  name: string,
  labels: Labels,
  replicas: number,
  ports: [string, number, Protocol][],
): Workload {
  return {
    id: `${namespace}/${name}`,
    namespace,
    name,
    kind: 'Deployment',
    labels,
    ports: ports.map(([portName, port, protocol]) => ({ name: portName, port, protocol, container: name })),
    replicas,
    hostNetwork: false,
    nodeSelector: {},
    podIPs: [],
    ref: ASSUMED_REF,
  };
}

function addWorkload(model: ClusterModel, workload: Workload): ClusterModel {
  const hasNamespace = model.namespaces.some((n) => n.name === workload.namespace);
  return {
    ...model,
    namespaces: hasNamespace
      ? model.namespaces
      : [
          ...model.namespaces,
          { name: workload.namespace, labels: withNameLabel({}, workload.namespace), defined: false },
        ],
    workloads: [...model.workloads, workload],
  };
}

/**
 * Adds what a real cluster has but the manifests may leave out, marked `(assumed)`: the ingress
 * controller (from the settings) and the standard kube-dns, each only when asked for and absent.
 * Says what it assumed, so the interface can tell the user.
 */
export function withAssumedComponents(
  model: ClusterModel,
  settings: ClusterSettings,
  wanted: { controller: boolean; dns: boolean },
): { model: ClusterModel; notes: string[] } {
  let result = model;
  const notes: string[] = [];
  if (wanted.controller && ingressControllers(model, settings).length === 0) {
    const { namespace, labels } = settings.ingressController;
    result = addWorkload(
      result,
      assumedWorkload(namespace, 'ingress-controller', labels, 1, [
        ['http', 80, 'TCP'],
        ['https', 443, 'TCP'],
      ]),
    );
    notes.push(
      `No ingress controller in the input: assumed one in namespace ${namespace} with labels ${Object.entries(
        labels,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')} (change it in the settings).`,
    );
  }
  if (wanted.dns && dnsServers(model).length === 0) {
    result = addWorkload(
      result,
      assumedWorkload('kube-system', 'kube-dns', DNS_LABELS, 2, [
        ['dns', 53, 'UDP'],
        ['dns-tcp', 53, 'TCP'],
      ]),
    );
    notes.push(
      'No cluster DNS in the input: assumed the standard kube-dns pods (k8s-app=kube-dns in kube-system, UDP and TCP 53).',
    );
  }
  return { model: result, notes };
}

export function isAssumed(workload: Workload): boolean {
  return workload.ref.source === ASSUMED_REF.source;
}
