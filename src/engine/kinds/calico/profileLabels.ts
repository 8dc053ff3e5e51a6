import type { Workload } from '../../model/types.ts';
import type { ModelDraft } from '../plugin.ts';
import { calicoExtras } from './tiers.ts';

/**
 * Adds a Calico endpoint with the labels its profiles apply (`labelsToApply`, in the order the
 * endpoint lists its profiles; the endpoint's own labels win), and remembers it as read so a
 * profile read later can add its labels too (objects come in any order).
 */
export function addEndpoint(draft: ModelDraft, endpoint: Workload): void {
  const extras = calicoExtras(draft);
  extras.endpoints[endpoint.id] = endpoint;
  draft.addWorkload(withProfileLabels(endpoint, extras.profileLabels));
}

/** Records a profile's labelsToApply and re-adds the endpoints read so far that list it. */
export function addProfileLabels(draft: ModelDraft, profile: string, labels: Workload['labels']): void {
  const extras = calicoExtras(draft);
  extras.profileLabels[profile] = labels;
  for (const endpoint of Object.values(extras.endpoints))
    if (endpoint.profiles?.includes(profile))
      draft.addWorkload(withProfileLabels(endpoint, extras.profileLabels));
}

function withProfileLabels(endpoint: Workload, profileLabels: Record<string, Workload['labels']>): Workload {
  const inherited = (endpoint.profiles ?? []).flatMap((p) =>
    Object.hasOwn(profileLabels, p) ? [profileLabels[p]] : [],
  );
  if (inherited.length === 0) return endpoint;
  return { ...endpoint, labels: Object.assign({}, ...inherited, endpoint.labels) };
}
