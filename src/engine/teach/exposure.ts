import type { ClusterModel, Labels } from '../model/types.ts';
import { type ConnectionSet, isEmpty } from '../policy/connectionSet.ts';
import { formatRange } from '../policy/ipv4.ts';
import { mergeRanges } from '../reach/connectionList.ts';
import { NONE_ID } from '../reach/connectionTable.ts';
import { Reachability } from '../reach/reachability.ts';
import { applyGhosts, type Ghost, ghostId } from './ghosts.ts';

/** A peer a new pod would talk with, and on what. */
export interface ExposurePeer {
  /** `namespace/name`, an external range, or `any pod in a new namespace`. */
  peer: string;
  set: ConnectionSet;
}

/** What a new pod in one namespace would accept and reach. */
export interface NamespaceExposure {
  namespace: string;
  /** Whether some policy isolates the new pod, per direction (false: open to everything). */
  isolated: { ingress: boolean; egress: boolean };
  acceptsFrom: ExposurePeer[];
  reaches: ExposurePeer[];
}

/** Name of the stand-in for "a pod nobody has written yet, in a namespace nobody has created". */
export const NEW_NAMESPACE_PEER = 'any pod in a new namespace';
const PROBE_NAMESPACE = 'reachlab-new-namespace-probe';
const PROBE_NAME = 'reachlab-new-pod';

/**
 * For every namespace: what a new pod with `labels` (none by default) would accept traffic from
 * and could reach. Each namespace gets a ghost pod; a second ghost with no labels in a namespace
 * that does not exist stands for everyone who could be deployed later, so that rules open to any
 * namespace show up even when no workload matches them today. This is how to find policies that
 * leave new workloads open.
 */
export function exposureReport(model: ClusterModel, labels: Labels = {}): NamespaceExposure[] {
  const namespaces = model.namespaces.map((n) => n.name).filter((n) => n !== PROBE_NAMESPACE);
  const ghosts: Ghost[] = namespaces.map((namespace) => ({
    namespace,
    name: uniqueName(model, namespace),
    labels,
  }));
  const outsider: Ghost = { namespace: PROBE_NAMESPACE, name: PROBE_NAME, labels: {} };
  const withGhosts = applyGhosts(model, [...ghosts, outsider]);
  const reach = Reachability.evaluate(withGhosts);
  const outsiderId = ghostId(outsider);
  const ghostIds = new Set(ghosts.map(ghostId));
  return ghosts.map((ghost) => {
    const id = ghostId(ghost);
    const acceptsFrom: ExposurePeer[] = [];
    const reaches: ExposurePeer[] = [];
    for (const w of withGhosts.workloads) {
      if (w.id === id || (ghostIds.has(w.id) && w.id !== id)) continue;
      const peer = w.id === outsiderId ? NEW_NAMESPACE_PEER : w.id;
      const inbound = reach.between(w.id, id);
      const outbound = reach.between(id, w.id);
      if (!isEmpty(inbound)) acceptsFrom.push({ peer, set: inbound });
      if (!isEmpty(outbound)) reaches.push({ peer, set: outbound });
    }
    const external = reach.externalIds(id);
    if (external) {
      for (const s of mergeRanges(reach.addressRanges, external[0]))
        if (s.id !== NONE_ID) acceptsFrom.push({ peer: formatRange(s.range), set: reach.table.get(s.id) });
      for (const s of mergeRanges(reach.addressRanges, external[1]))
        if (s.id !== NONE_ID) reaches.push({ peer: formatRange(s.range), set: reach.table.get(s.id) });
    }
    return {
      namespace: ghost.namespace,
      isolated: { ingress: reach.isIsolated(id, 'ingress'), egress: reach.isIsolated(id, 'egress') },
      acceptsFrom,
      reaches,
    };
  });
}

function uniqueName(model: ClusterModel, namespace: string): string {
  let name = 'new-pod';
  for (let i = 2; model.workloads.some((w) => w.id === `${namespace}/${name}`); i++) name = `new-pod-${i}`;
  return name;
}
