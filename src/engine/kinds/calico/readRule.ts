import { asRecord, type ObjectContext } from '../../model/objectContext.ts';
import type { Direction } from '../../model/types.ts';
import { ALL_CONNECTIONS, type ConnectionSet, NO_CONNECTIONS, union } from '../../policy/connectionSet.ts';
import type { Expr } from '../../policy/expr.ts';
import type { CompiledRule, NamedPort, PeerSpec, PortSpec, RuleAction } from '../types.ts';
import { type Entity, readEntity, type ServiceRef } from './readEntity.ts';
import { readHttpCondition } from './readHttp.ts';
import {
  type PortEntry,
  portEntriesSet,
  type RuleProtocol,
  readIcmp,
  readPortList,
  readRuleProtocol,
} from './readProtocol.ts';
import { INVALID, type Read } from './readSelectorField.ts';

const BY_ADDRESS =
  'pods match nets by their IP: status.podIP from the manifests, or the pod network CIDR setting';

const ACTIONS: Readonly<Record<string, RuleAction>> = {
  Allow: 'allow',
  Deny: 'deny',
  Pass: 'pass',
  Log: 'log',
};

/** A rule compiled, with what it asks of the local endpoint and what findings need. */
export interface ReadRule {
  rule: CompiledRule;
  /**
   * The rule's condition on the policy's own endpoint: `destination` match fields of an ingress
   * rule, `source` ones of an egress rule (ALL when there are none).
   */
  local: Expr;
  serviceAccountNames?: readonly string[];
  service?: ServiceRef;
  /** The peer picks by labels, so network sets may match it too. */
  peerSelects?: 'labels' | 'notSelector';
}

/**
 * Compiles one Calico Rule. Ingress: `source` is the peer, `destination` the policy's endpoint;
 * egress the other way round. Ports always come from `destination.ports` / `notPorts` (the
 * destination port of the connection). `protocol`, `notProtocol`, `icmp`, `notICMP` and the port
 * fields combine into the rule's connections; `http` makes an Allow conditional. Returns
 * undefined for a rule the engine cannot evaluate (reported), INVALID for one the API server
 * rejects (reported).
 */
export function readRule(
  ctx: ObjectContext,
  node: unknown,
  path: string,
  index: number,
  direction: Direction,
  policyNamespace: string | undefined,
): Read<ReadRule> {
  const rule = asRecord(node);
  if (!rule) {
    ctx.report('error', node, undefined, path, 'a rule must be a mapping with an action', true);
    return INVALID;
  }
  const actionText = rule.action;
  const action =
    typeof actionText === 'string' && Object.hasOwn(ACTIONS, actionText) ? ACTIONS[actionText] : undefined;
  if (!action) {
    ctx.report(
      'error',
      rule,
      'action',
      `${path}.action`,
      actionText === undefined
        ? 'a rule needs an action: Allow, Deny, Pass or Log'
        : `${JSON.stringify(actionText)} is not an action: use Allow, Deny, Pass or Log (capitalised)`,
      true,
    );
    return INVALID;
  }
  const protocol = readRuleProtocol(ctx, rule, 'protocol', path);
  const notProtocol = readRuleProtocol(ctx, rule, 'notProtocol', path);
  const proto = protocol === INVALID ? undefined : protocol;
  const icmp = readIcmp(ctx, rule, 'icmp', path, proto);
  const notIcmp = readIcmp(ctx, rule, 'notICMP', path, proto);
  const source = readEntity(ctx, rule.source, `${path}.source`, policyNamespace);
  const destination = readEntity(ctx, rule.destination, `${path}.destination`, policyNamespace);
  const destinationRecord = asRecord(rule.destination) ?? {};
  const ports = readPortList(ctx, destinationRecord, 'ports', `${path}.destination`);
  const notPorts = readPortList(ctx, destinationRecord, 'notPorts', `${path}.destination`);
  const condition = readHttpCondition(ctx, rule, path, action, direction);
  const all = [protocol, notProtocol, icmp, notIcmp, source, destination, ports, notPorts, condition];
  if (all.includes(INVALID)) return INVALID;
  for (const [key, list] of [
    ['ports', ports],
    ['notPorts', notPorts],
  ] as const) {
    if (list && !proto?.portAxis && proto?.name !== 'UDPLite') {
      ctx.report(
        'error',
        destinationRecord,
        key,
        `${path}.destination.${key}`,
        `destination ${key} need protocol TCP, UDP, SCTP or UDPLite on the rule${proto ? `, not ${proto.name}` : ''}`,
        true,
      );
      return INVALID;
    }
  }
  if (!checkSourcePorts(ctx, rule, path)) return undefined;
  if (rule.ipVersion === 6) {
    ctx.report(
      'info',
      rule,
      'ipVersion',
      `${path}.ipVersion`,
      'this rule matches IPv6 only; Reachlab models IPv4, so it is left out',
    );
    return undefined;
  }
  const portSpec = buildPorts(
    ctx,
    rule,
    path,
    proto,
    icmp as ConnectionSet | undefined,
    ports as PortEntry[] | undefined,
    {
      protocol: notProtocol as RuleProtocol | undefined,
      icmp: notIcmp as ConnectionSet | undefined,
      ports: notPorts as PortEntry[] | undefined,
    },
  );
  const peerEntity = (direction === 'ingress' ? source : destination) as Entity;
  const localEntity = (direction === 'ingress' ? destination : source) as Entity;
  const ref = ctx.refOf(rule);
  const peers: PeerSpec[] | undefined = peerEntity.restricts
    ? [
        {
          endpoints: peerEntity.endpoints,
          external: peerEntity.external,
          label: peerEntity.label,
          index: 0,
          ref,
          ...(peerEntity.byAddress ? { note: BY_ADDRESS } : {}),
        },
      ]
    : undefined;
  const compiled: CompiledRule = {
    index,
    action,
    ports: portSpec,
    ref,
    ...(peers ? { peers } : {}),
    ...(typeof condition === 'string' ? { condition } : {}),
  };
  return {
    rule: compiled,
    local: localEntity.restricts ? localEntity.endpoints : { op: 'all' },
    ...(peerEntity.serviceAccountNames ? { serviceAccountNames: peerEntity.serviceAccountNames } : {}),
    ...(peerEntity.service ? { service: peerEntity.service } : {}),
    ...(peerEntity.selects ? { peerSelects: peerEntity.selects } : {}),
  };
}

/** Source ports cannot be modelled (clients pick them); such a rule is reported and left out. */
function checkSourcePorts(ctx: ObjectContext, rule: Record<string, unknown>, path: string): boolean {
  const source = asRecord(rule.source);
  for (const key of ['ports', 'notPorts']) {
    if (source && Object.hasOwn(source, key)) {
      ctx.report(
        'warning',
        source,
        key,
        `${path}.source.${key}`,
        'source ports depend on the client and are not modelled: this rule is left out of the evaluation',
      );
      return false;
    }
  }
  return true;
}

function buildPorts(
  ctx: ObjectContext,
  rule: Record<string, unknown>,
  path: string,
  protocol: RuleProtocol | undefined,
  icmp: ConnectionSet | undefined,
  ports: readonly PortEntry[] | undefined,
  not: {
    protocol: RuleProtocol | undefined;
    icmp: ConnectionSet | undefined;
    ports: readonly PortEntry[] | undefined;
  },
): PortSpec {
  const [fixed, named] = portsFor(ctx, rule, path, protocol, icmp, ports);
  let exceptFixed: ConnectionSet = NO_CONNECTIONS;
  let exceptNamed: NamedPort[] = [];
  if (not.protocol) exceptFixed = union(exceptFixed, not.protocol.all);
  if (not.icmp) exceptFixed = union(exceptFixed, not.icmp);
  if (not.ports && protocol) {
    const [notFixed, notNamed] = portsFor(ctx, rule, path, protocol, undefined, not.ports);
    exceptFixed = union(exceptFixed, notFixed);
    exceptNamed = notNamed;
  }
  const hasExcept = not.protocol || not.icmp || not.ports;
  return { fixed, named, ...(hasExcept ? { except: { fixed: exceptFixed, named: exceptNamed } } : {}) };
}

function portsFor(
  ctx: ObjectContext,
  rule: Record<string, unknown>,
  path: string,
  protocol: RuleProtocol | undefined,
  icmp: ConnectionSet | undefined,
  ports: readonly PortEntry[] | undefined,
): [ConnectionSet, NamedPort[]] {
  if (!protocol) return [ALL_CONNECTIONS, []];
  if (icmp) return [icmp, []];
  if (!ports) return [protocol.all, []];
  if (!protocol.portAxis) {
    ctx.report(
      'warning',
      rule,
      'protocol',
      `${path}.protocol`,
      `${protocol.name} ports are not modelled: the rule is taken to match every ${protocol.name} packet`,
    );
    return [protocol.all, []];
  }
  const axis = protocol.portAxis;
  const fixed = portEntriesSet(ports, axis).reduce(union, NO_CONNECTIONS);
  const named = ports.flatMap((p) => ('name' in p ? [{ name: p.name, protocol: axis }] : []));
  return [fixed, named];
}
