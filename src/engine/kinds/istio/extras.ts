import type { SourceRef } from '../../diagnostics.ts';
import type { Labels } from '../../model/types.ts';
import type { Expr } from '../../policy/expr.ts';

/** What the Istio kind keeps in `model.extras.istio` for findings, the mesh path and views. */
export interface IstioExtras {
  authorizationPolicies: AuthorizationPolicyInfo[];
  peerAuthentications: PeerAuthenticationInfo[];
  gateways: MeshGateway[];
  routes: MeshRoute[];
  destinationRules: DestinationRuleInfo[];
  serviceEntries: ServiceEntryInfo[];
  /**
   * Policies aimed at a Service (targetRef), resolved once Services are read: the policy id, its
   * subject without the Services, and the Services whose pods it adds.
   */
  serviceTargets: { policyId: string; subject: Expr; services: { namespace: string; name: string }[] }[];
}

export type AuthorizationAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

export interface AuthorizationPolicyInfo {
  id: string;
  namespace: string;
  name: string;
  action: AuthorizationAction;
  provider?: string;
  /** The workloads it applies to (before mesh membership). */
  subject: Expr;
  /** In the root namespace without selector: every workload of the mesh. */
  meshWide: boolean;
  ruleCount: number;
  principals: { value: string; ref: SourceRef }[];
  namespaces: { value: string; ref: SourceRef }[];
  neverMatches: { ref: SourceRef; why: string }[];
  ref: SourceRef;
}

export type MtlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

export interface PeerAuthenticationInfo {
  id: string;
  namespace: string;
  name: string;
  mode: MtlsMode;
  ports: { port: number; mode: MtlsMode }[];
  selector?: Labels;
  ref: SourceRef;
}

/** An Istio Gateway (networking.istio.io) or a Gateway API Gateway. */
export interface MeshGateway {
  id: string;
  api: 'istio' | 'gateway-api';
  namespace: string;
  name: string;
  /** Istio: pods selected by labels (any namespace); Gateway API: pods of the deployment Istio makes. */
  selector: Labels;
  servers: { port: number; protocol: string; hosts: string[]; name?: string | undefined }[];
  ref: SourceRef;
}

export interface RouteMatch {
  path?: { kind: 'exact' | 'prefix' | 'regex'; value: string };
  method?: string;
  headers: { name: string; kind: 'exact' | 'prefix' | 'regex'; value: string }[];
}

export interface RouteDestination {
  host: string;
  port?: number;
  subset?: string | undefined;
  weight?: number;
  /** Gateway API backendRef namespace. */
  namespace?: string;
}

export interface MeshRouteRule {
  index: number;
  name?: string;
  /** Empty: matches every request. Entries OR. */
  matches: RouteMatch[];
  destinations: RouteDestination[];
  ref: SourceRef;
}

/** A VirtualService or an HTTPRoute, in one form. */
export interface MeshRoute {
  id: string;
  kind: 'VirtualService' | 'HTTPRoute';
  namespace: string;
  name: string;
  hosts: string[];
  /** Gateways it binds to as `namespace/name`; `mesh` for sidecars. */
  gateways: string[];
  http: MeshRouteRule[];
  ref: SourceRef;
}

export interface DestinationRuleInfo {
  id: string;
  namespace: string;
  name: string;
  host: string;
  subsets: { name: string; labels: Labels }[];
  ref: SourceRef;
}

/** A ServiceEntry: named external endpoints. */
export interface ServiceEntryInfo {
  id: string;
  namespace: string;
  name: string;
  hosts: string[];
  addresses: string[];
  ports: { number: number; protocol?: string; name?: string }[];
  location?: string;
  ref: SourceRef;
}

/** The Istio extras of a draft, created on first use. */
export function istioExtras(extras: Record<string, unknown>): IstioExtras {
  const existing = extras.istio as IstioExtras | undefined;
  if (existing) return existing;
  const created: IstioExtras = {
    authorizationPolicies: [],
    peerAuthentications: [],
    gateways: [],
    routes: [],
    destinationRules: [],
    serviceEntries: [],
    serviceTargets: [],
  };
  extras.istio = created;
  return created;
}

/** The Istio extras of a model, if any Istio object was read. */
export function readIstioExtras(extras: Readonly<Record<string, unknown>>): IstioExtras | undefined {
  return extras.istio as IstioExtras | undefined;
}
