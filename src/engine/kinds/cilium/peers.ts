import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import type { Direction, IpRange } from '../../model/types.ts';
import { type Expr, NONE } from '../../policy/expr.ts';
import type { PeerSpec } from '../types.ts';
import { readCidrPeers } from './cidr.ts';
import type { CiliumExtras, ServicePeer } from './facts.ts';
import { endpointPeer, entityPeer, inNamespace, servicePeer } from './peerKinds.ts';

/** Where a rule is read: its policy, namespace (undefined = clusterwide) and what to record. */
export interface RuleScope {
  ctx: ObjectContext;
  policyId: string;
  namespace?: string;
  extras: CiliumExtras;
  direction: Direction;
  ruleIndex: number;
}

/** The L3 fields of each direction, in the order their peers are listed. */
export const L3_FIELDS = {
  ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromNodes', 'fromGroups'],
  egress: [
    'toEndpoints',
    'toEntities',
    'toCIDR',
    'toCIDRSet',
    'toServices',
    'toFQDNs',
    'toNodes',
    'toGroups',
  ],
} as const;

/** What the L3 part of a rule selects: `undefined` peers = everyone; `invalid` drops the policy. */
export type L3Result = { peers?: PeerSpec[]; invalid?: true };

type ServiceRef = Pick<ServicePeer, 'namespace' | 'name' | 'selector'>;
export type PeerInput = {
  endpoints: Expr;
  external: readonly IpRange[];
  label: string;
  note?: string;
  service?: ServiceRef;
};

/**
 * Reads the peers of one rule. No L3 field at all: every peer (`undefined`). A field given as an
 * empty list selects nothing, whatever else the rule says (Cilium: "explicitly empty non-nil
 * slices select no identity"). Otherwise the peers of every field, OR'ed.
 */
export function readPeers(
  scope: RuleScope,
  rule: Record<string, unknown>,
  path: string,
  fields: readonly string[],
): L3Result {
  const present = fields.filter((f) => field(rule, f) !== undefined && field(rule, f) !== null);
  if (present.length === 0) return {};
  const inputs: { input: PeerInput; node: unknown }[] = [];
  let empty = false;
  for (const name of present) {
    const list = asArray(field(rule, name));
    const at = `${path}.${name}`;
    if (!list) {
      scope.ctx.report('error', rule, name, at, `${name} must be a list`, true);
      return { invalid: true };
    }
    if (list.length === 0) empty = true;
    const read = readField(scope, name, list, at);
    if (!read) return { invalid: true };
    inputs.push(...read);
  }
  if (empty) return { peers: [] };
  return {
    peers: inputs.map(({ input: { service, ...input }, node }, index) => {
      if (service) {
        const { policyId, direction, ruleIndex } = scope;
        scope.extras.servicePeers.push({ ...service, policyId, direction, ruleIndex, peerIndex: index });
      }
      return { ...input, index, ref: scope.ctx.refOf(node) };
    }),
  };
}

function readField(
  scope: RuleScope,
  name: string,
  list: readonly unknown[],
  at: string,
): { input: PeerInput; node: unknown }[] | undefined {
  const { ctx } = scope;
  const out: { input: PeerInput; node: unknown }[] = [];
  const push = (input: PeerInput, node: unknown) => out.push({ input, node });
  switch (name) {
    case 'fromEndpoints':
    case 'toEndpoints':
      for (const [i, node] of list.entries()) {
        const input = endpointPeer(scope, node, `${at}[${i}]`);
        if (!input) return undefined;
        push(input, node);
      }
      return out;
    case 'fromEntities':
    case 'toEntities':
      for (const [i, node] of list.entries()) {
        const input = entityPeer(ctx, String(node), list, `${at}[${i}]`);
        if (!input) return undefined;
        push(input, list);
      }
      return out;
    case 'fromCIDR':
    case 'toCIDR':
    case 'fromCIDRSet':
    case 'toCIDRSet': {
      const peers = readCidrPeers(ctx, list, at, name.endsWith('Set'));
      return peers?.map(({ node, ...input }) => ({ input, node }));
    }
    case 'toServices':
      return list.map((node, i) => ({ input: servicePeer(scope, node, `${at}[${i}]`), node }));
    case 'toFQDNs': {
      const names = list.map(
        (node) =>
          asString(field(asRecord(node), 'matchName')) ??
          asString(field(asRecord(node), 'matchPattern')) ??
          '?',
      );
      scope.extras.fqdnRules.push({
        policyId: scope.policyId,
        ...inNamespace(scope.namespace),
        names,
        ref: ctx.refOf(list),
      });
      ctx.report(
        'info',
        list,
        undefined,
        at,
        `toFQDNs (${names.join(', ')}): Cilium learns these addresses from DNS answers at run time; Reachlab knows no IP for them, so this peer matches no address here`,
      );
      return names.map((n) => ({
        input: {
          endpoints: NONE,
          external: [],
          label: `FQDN ${n}`,
          note: 'a DNS name: its addresses are learnt at run time, not known here',
        },
        node: list,
      }));
    }
    default: {
      const what = name.endsWith('Nodes')
        ? 'nodes are not modelled'
        : 'cloud provider groups are not modelled';
      ctx.report('warning', list, undefined, at, `${name}: ${what}; this peer matches nothing here`);
      return list.map((node) => ({
        input: { endpoints: NONE, external: [], label: `${name} (not modelled)` },
        node,
      }));
    }
  }
}
