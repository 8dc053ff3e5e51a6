import type { ClusterModel, IpRange, Service } from '../../model/types.ts';
import {
  ALL_CONNECTIONS,
  connectionKey,
  NO_CONNECTIONS,
  portsOf,
  union,
} from '../../policy/connectionSet.ts';
import { and, type Expr, NONE } from '../../policy/expr.ts';
import { parseIpv4 } from '../../policy/ipv4.ts';
import type { CompiledPolicy, CompiledRule, NamedPort, PortSpec } from '../types.ts';
import type { CalicoExtras } from './tiers.ts';

/**
 * Rules that name a Kubernetes Service (`services: {name, namespace}`) match the Service's
 * endpoints: the pods its selector picks in its namespace, or the addresses of its Endpoints when
 * it has no selector. An egress rule without ports of its own is also limited to the Service's
 * target ports, as Calico matches the endpoints' IP and port pairs. Services are objects of the
 * core model, read in any order with the policies, so they are resolved once the model is
 * complete (the kind's resolve step).
 */
export function resolveCalicoServices(
  policies: readonly CompiledPolicy[],
  model: ClusterModel,
): CompiledPolicy[] {
  const extras = model.extras.calico as CalicoExtras | undefined;
  if (!extras || extras.serviceRules.length === 0) return [...policies];
  return policies.map((policy) => {
    const refs = extras.serviceRules.filter(
      (r) => policy.id === r.policyId || policy.id.startsWith(`${r.policyId} #`),
    );
    if (refs.length === 0) return policy;
    const next: CompiledPolicy = { ...policy };
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = policy[direction];
      if (!rules) continue;
      next[direction] = {
        ...rules,
        rules: rules.rules.map((rule) => {
          const ref = refs.find((r) => r.direction === direction && r.ruleIndex === rule.index);
          if (!ref) return rule;
          const service = model.services.find((s) => s.namespace === ref.namespace && s.name === ref.name);
          return resolveRule(rule, service, model, direction === 'egress', `${ref.namespace}/${ref.name}`);
        }),
      };
    }
    return next;
  });
}

function resolveRule(
  rule: CompiledRule,
  service: Service | undefined,
  model: ClusterModel,
  egress: boolean,
  name: string,
): CompiledRule {
  const peer = rule.peers?.[0];
  if (!peer) return rule;
  const { endpoints, external } = serviceMembers(service, model);
  const resolved = {
    ...peer,
    endpoints,
    external,
    label: service ? `Service ${name}` : `Service ${name} (not in the manifests: matches nothing)`,
  };
  const ports = egress && service && isEveryPort(rule.ports) ? targetPorts(service, rule.ports) : rule.ports;
  return { ...rule, peers: [resolved], ports };
}

function serviceMembers(
  service: Service | undefined,
  model: ClusterModel,
): { endpoints: Expr; external: IpRange[] } {
  if (!service) return { endpoints: NONE, external: [] };
  if (service.selector) {
    const labels: Expr[] = Object.entries(service.selector).map(([key, value]) => ({
      op: 'label',
      scope: 'pod',
      key,
      test: { is: 'eq', value },
    }));
    return { endpoints: and({ op: 'namespace', names: [service.namespace] }, ...labels), external: [] };
  }
  const addresses = model.endpoints
    .filter((e) => e.serviceId === service.id)
    .flatMap((e) => e.addresses)
    .map((a) => parseIpv4(a))
    .filter((n): n is number => n !== undefined);
  const ranges = addresses.map((ip) => ({ start: ip, end: ip }));
  return { endpoints: ranges.length ? { op: 'ip', ranges } : NONE, external: ranges };
}

function isEveryPort(ports: PortSpec): boolean {
  return (
    ports.named.length === 0 && !ports.except && connectionKey(ports.fixed) === connectionKey(ALL_CONNECTIONS)
  );
}

/** The Service's target ports: numbers as they are, names resolved on each endpoint. */
function targetPorts(service: Service, original: PortSpec): PortSpec {
  let fixed = NO_CONNECTIONS;
  const named: NamedPort[] = [];
  for (const port of service.ports) {
    if (typeof port.targetPort === 'number') fixed = union(fixed, portsOf(port.protocol, port.targetPort));
    else named.push({ name: port.targetPort, protocol: port.protocol });
  }
  return service.ports.length ? { fixed, named } : original;
}
