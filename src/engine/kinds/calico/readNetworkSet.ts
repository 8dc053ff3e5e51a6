import { asRecord, field, type ObjectContext } from '../../model/objectContext.ts';
import { readLabels } from '../../model/readLabels.ts';
import type { ModelDraft, ObjectIdentity } from '../plugin.ts';
import { readNets } from './readEntity.ts';
import { INVALID } from './readSelectorField.ts';
import { calicoExtras } from './tiers.ts';

/**
 * Reads a NetworkSet or GlobalNetworkSet: labelled external networks that rule selectors match
 * as well as endpoints (finishCalico adds their nets to the peers that select them).
 */
export function readNetworkSet(ctx: ObjectContext, identity: ObjectIdentity, draft: ModelDraft): void {
  const metadata = asRecord(field(ctx.object.value, 'metadata'));
  const spec = asRecord(field(ctx.object.value, 'spec')) ?? {};
  const labels = readLabels(ctx, field(metadata, 'labels'), 'metadata.labels');
  const ranges = readNets(ctx, spec, 'nets', 'spec');
  if (ranges === INVALID) return;
  const global = identity.kind === 'GlobalNetworkSet';
  calicoExtras(draft).networkSets.push({
    name: identity.name,
    labels,
    ranges: ranges ?? [],
    ...(global ? {} : { namespace: identity.namespace ?? 'default' }),
  });
}
