import type { IpRange } from '../../model/types.ts';
import { type Expr, NONE, not } from '../../policy/expr.ts';
import { IPV4_MAX } from '../../policy/ipv4.ts';

/** What an entity covers here: in-cluster endpoints, external addresses, and why not more. */
export interface EntityMeaning {
  endpoints: Expr;
  external: readonly IpRange[];
  /** Set for entities Reachlab does not model (nodes, the API server, Cilium's own endpoints). */
  notModelled?: string;
}

const EVERY_ADDRESS: readonly IpRange[] = [{ start: 0, end: IPV4_MAX }];
/** Pods; Calico host endpoints are no Cilium endpoints. */
const PODS: Expr = not({ op: 'host' });

/**
 * Cilium's entities (pkg/policy/api/entity.go): `world` is everything outside the cluster,
 * `cluster` every in-cluster endpoint, `all` both. The others name things the manifests do not
 * describe (nodes, the API server, health and ingress proxies, endpoints still initialising or
 * not managed by Cilium): they match nothing here, and the reader says so.
 */
export const ENTITIES: Readonly<Record<string, EntityMeaning>> = {
  all: { endpoints: PODS, external: EVERY_ADDRESS },
  world: { endpoints: NONE, external: EVERY_ADDRESS },
  'world-ipv4': { endpoints: NONE, external: EVERY_ADDRESS },
  'world-ipv6': { endpoints: NONE, external: [], notModelled: 'IPv6 addresses are not modelled' },
  cluster: { endpoints: PODS, external: [] },
  none: { endpoints: NONE, external: [] },
  host: notModelled('the local node (host) is not modelled'),
  'remote-node': notModelled('other nodes (remote-node) are not modelled'),
  'kube-apiserver': notModelled('the Kubernetes API server (kube-apiserver) is not modelled'),
  health: notModelled("Cilium's health endpoints are not modelled"),
  init: notModelled('endpoints that are still initialising (init) are not modelled'),
  ingress: notModelled("Cilium's ingress proxy (Envoy) is not modelled"),
  unmanaged: notModelled('endpoints not managed by Cilium (unmanaged) are not modelled'),
};

function notModelled(why: string): EntityMeaning {
  return { endpoints: NONE, external: [], notModelled: why };
}

/** Whether `name` is an entity Cilium knows. */
export function isEntity(name: string): boolean {
  return Object.hasOwn(ENTITIES, name);
}
