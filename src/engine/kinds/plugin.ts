import type { Diagnostic, SourceRef } from '../diagnostics.ts';
import type { ObjectContext } from '../model/objectContext.ts';
import type { ClusterModel, Namespace, ServiceAccount, Workload } from '../model/types.ts';
import type { EngineSettings } from '../settings.ts';
import type { CompiledPolicy, Tier } from './types.ts';

/** A design finding of one policy kind: what is wrong, how to fix it, and where. */
export interface KindFinding {
  severity: 'warning' | 'info';
  /** Stable code: `cilium-selector-scoped`, `calico-rule-shadowed`, ... */
  code: string;
  message: string;
  fix: string;
  ref: SourceRef;
}

/** The identity of an object being read. */
export interface ObjectIdentity {
  apiVersion: string;
  /** API group (`cilium.io`), empty for the core group. */
  group: string;
  kind: string;
  name: string;
  /** Undefined for cluster-scoped objects. */
  namespace?: string;
}

/**
 * What a kind may add to the model while reading its objects. Everything a kind adds is plain
 * data; reach/ folds the policies without knowing their kind.
 */
export interface ModelDraft {
  addPolicy(policy: CompiledPolicy): void;
  /** Registers a tier (Calico Tier objects, the mesh tiers); the same key twice keeps the last. */
  addTier(tier: Tier): void;
  /** An endpoint that is not a pod template (Calico WorkloadEndpoint / HostEndpoint). */
  addWorkload(workload: Workload): void;
  /** Kind-specific data the kind's findings, routes or views read back (`extras[kindId]`). */
  extras: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /**
   * The settings the model is read under, for kinds whose compilation depends on them (Istio's
   * trust domain and root namespace). Absent: DEFAULT_SETTINGS.
   */
  settings?: EngineSettings;
}

/**
 * A policy kind: which objects it reads and how it compiles them to the common rule form. Kinds are
 * listed once in kinds/registry.ts; adding one needs nothing else in reach/, views/ or ui/ beyond
 * its own words.
 */
export interface PolicyKind {
  /** Folder name: `networkpolicy`, `clustertiers`, `calico`, `cilium`, `istio`. */
  id: string;
  /** Name people know: `Calico`. */
  label: string;
  /** Whether this kind reads objects of this group and kind. */
  reads(group: string, kind: string): boolean;
  /** Whether an object of this kind is cluster-scoped (has no namespace). */
  clusterScoped(kind: string): boolean;
  /** Reads one object; reports problems through `ctx` (located) and never throws on bad input. */
  read(ctx: ObjectContext, object: ObjectIdentity, draft: ModelDraft): void;
  /**
   * Facts about an endpoint that depend on other objects, what-if edits or settings (mesh
   * membership from namespace labels, for instance): computed after edits, before evaluation.
   */
  endpointFacts?(
    workload: Workload,
    namespace: Namespace | undefined,
    model: ClusterModel,
    settings: EngineSettings,
  ): { inMesh?: boolean };
  /**
   * After every object is read: rewrites this kind's compiled policies with facts from other
   * objects (Cilium toServices -> the pods behind the Service). Pure; policies of other kinds are
   * returned unchanged.
   */
  resolve?(policies: readonly CompiledPolicy[], model: ClusterModel): readonly CompiledPolicy[];
  /** The network plugin its objects imply when the setting is `auto` (`calico`, `cilium`). */
  impliesPlugin?: string;
  /** The kind's own design findings (lint and the Findings tab list them with the others). */
  findings?(model: ClusterModel, settings?: EngineSettings): KindFinding[];
  /** ServiceAccount facts a kind needs (labels for Calico's serviceAccountSelector). */
  readsServiceAccounts?: boolean;
}

export type { ServiceAccount };
