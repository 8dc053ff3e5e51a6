import { asRecord } from '../../model/objectContext.ts';
import type { PolicyKind } from '../plugin.ts';
import { compileSpec, specsOf } from './compilePolicy.ts';
import { type CiliumExtras, ciliumExtras } from './facts.ts';
import { ciliumFindings } from './findings.ts';
import { resolveCiliumServices } from './services.ts';

const KINDS = new Set(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']);

/**
 * Cilium's policies (cilium.io/v2 CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy),
 * compiled into the default tier beside NetworkPolicy: allows of both add up, a policy that turns
 * default deny on isolates, and deny rules (ingressDeny / egressDeny) sit before every allow.
 */
export const ciliumKind: PolicyKind = {
  id: 'cilium',
  label: 'Cilium',
  impliesPlugin: 'cilium',
  findings: (model) => ciliumFindings(model),
  reads: (group, kind) => group === 'cilium.io' && KINDS.has(kind),
  clusterScoped: (kind) => kind === 'CiliumClusterwideNetworkPolicy',
  read(ctx, object, draft) {
    const value = asRecord(ctx.object.value) ?? {};
    const specs = specsOf(ctx, value);
    if (!specs) return;
    const extras = ciliumExtras(draft.extras);
    const where = object.namespace === undefined ? object.name : `${object.namespace}/${object.name}`;
    const baseId = `${object.kind} ${where}`;
    const compiled = [];
    const before = lengthsOf(extras);
    for (const { spec, path } of specs) {
      const id = specs.length === 1 && path === 'spec' ? baseId : `${baseId} ${path}`;
      const policies = compileSpec(ctx, object, spec, path, id, extras);
      if (!policies) {
        // Cilium rejects the whole object when one of its rules is invalid: forget its facts too.
        restoreLengths(extras, before);
        return;
      }
      compiled.push(...policies);
    }
    for (const policy of compiled) draft.addPolicy(policy);
  },
  resolve: resolveCiliumServices,
};

type Lengths = Record<keyof CiliumExtras, number>;

function lengthsOf(extras: CiliumExtras): Lengths {
  const out = {} as Lengths;
  for (const key of Object.keys(extras) as (keyof CiliumExtras)[]) out[key] = extras[key].length;
  return out;
}

function restoreLengths(extras: CiliumExtras, lengths: Lengths): void {
  for (const key of Object.keys(lengths) as (keyof CiliumExtras)[]) extras[key].length = lengths[key];
}
