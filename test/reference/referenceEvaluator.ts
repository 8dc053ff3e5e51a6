/**
 * A reference NetworkPolicy evaluator written for clarity, not speed: pair by pair, policy by
 * policy, rule by rule, straight from the API reference. It shares nothing with the engine but
 * the parsed model, so differential tests can catch mistakes in either.
 */
import type {
  ClusterModel,
  ContainerPort,
  LabelSelector,
  NetworkPolicy,
  Peer,
  PolicyRule,
  Workload,
} from '../../src/engine/index.ts';

type Interval = [protocol: string, from: number, to: number];
/** Allowed ports as intervals, normalised by `normalise`. */
export type PortSet = Interval[];

const EVERYTHING: PortSet = [
  ['SCTP', 1, 65535],
  ['TCP', 1, 65535],
  ['UDP', 1, 65535],
];

function normalise(set: PortSet): PortSet {
  const sorted = [...set].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
  const out: Interval[] = [];
  for (const [protocol, from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] === protocol && from <= last[2] + 1) last[2] = Math.max(last[2], to);
    else out.push([protocol, from, to]);
  }
  return out;
}

function intersectSets(a: PortSet, b: PortSet): PortSet {
  const out: Interval[] = [];
  for (const [pa, fa, ta] of a)
    for (const [pb, fb, tb] of b)
      if (pa === pb && Math.max(fa, fb) <= Math.min(ta, tb))
        out.push([pa, Math.max(fa, fb), Math.min(ta, tb)]);
  return normalise(out);
}

/** `TCP 80-80,8080-8090|UDP 53-53`, comparable with the engine's sets via `describe` below. */
export function describe(set: PortSet): string {
  return normalise(set)
    .map(([p, f, t]) => `${p} ${f}-${t}`)
    .join(', ');
}

function labelsMatch(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  const has = (key: string) => Object.hasOwn(labels, key);
  for (const key of Object.keys(selector.matchLabels)) {
    if (!has(key) || labels[key] !== selector.matchLabels[key]) return false;
  }
  for (const expression of selector.matchExpressions) {
    const present = has(expression.key);
    const value = present ? labels[expression.key] : undefined;
    if (expression.operator === 'In' && !(present && expression.values.includes(value as string)))
      return false;
    if (expression.operator === 'NotIn' && present && expression.values.includes(value as string))
      return false;
    if (expression.operator === 'Exists' && !present) return false;
    if (expression.operator === 'DoesNotExist' && present) return false;
  }
  return true;
}

export class ReferenceEvaluator {
  private readonly namespaceLabels: Map<string, Readonly<Record<string, string>>>;

  constructor(private readonly model: ClusterModel) {
    this.namespaceLabels = new Map(model.namespaces.map((ns) => [ns.name, ns.labels]));
  }

  /** Allowed ports from one workload to another. */
  between(source: Workload, destination: Workload): PortSet {
    const egress = this.side(
      source,
      'egress',
      (peer, policy) => this.peerIsPod(peer, policy, destination),
      destination.ports,
    );
    const ingress = this.side(
      destination,
      'ingress',
      (peer, policy) => this.peerIsPod(peer, policy, source),
      destination.ports,
    );
    return intersectSets(egress, ingress);
  }

  /** Allowed ports from an external IPv4 address to a workload. */
  fromAddress(address: number, destination: Workload): PortSet {
    return this.side(destination, 'ingress', (peer) => this.peerHasAddress(peer, address), destination.ports);
  }

  /** Allowed ports from a workload to an external IPv4 address. */
  toAddress(source: Workload, address: number): PortSet {
    return this.side(source, 'egress', (peer) => this.peerHasAddress(peer, address), undefined);
  }

  private side(
    subject: Workload,
    direction: 'ingress' | 'egress',
    peerMatches: (peer: Peer, policy: NetworkPolicy) => boolean,
    destinationPorts: readonly ContainerPort[] | undefined,
  ): PortSet {
    const selecting = this.model.networkPolicies.filter(
      (policy) =>
        policy.namespace === subject.namespace &&
        policy.affects[direction] &&
        labelsMatch(policy.podSelector, subject.labels),
    );
    if (selecting.length === 0) return EVERYTHING;
    const allowed: Interval[] = [];
    for (const policy of selecting) {
      const rules: readonly PolicyRule[] = direction === 'ingress' ? policy.ingress : policy.egress;
      for (const rule of rules) {
        const anyPeer = !rule.peers || rule.peers.length === 0;
        if (!anyPeer && !rule.peers?.some((peer) => peerMatches(peer, policy))) continue;
        allowed.push(...this.rulePorts(rule, destinationPorts));
      }
    }
    return normalise(allowed);
  }

  private rulePorts(rule: PolicyRule, destinationPorts: readonly ContainerPort[] | undefined): PortSet {
    if (!rule.ports || rule.ports.length === 0) return EVERYTHING;
    const out: Interval[] = [];
    for (const entry of rule.ports) {
      if (entry.port === undefined) out.push([entry.protocol, 1, 65535]);
      else if (typeof entry.port === 'number')
        out.push([entry.protocol, entry.port, entry.endPort ?? entry.port]);
      else {
        for (const container of destinationPorts ?? []) {
          if (container.name === entry.port && container.protocol === entry.protocol)
            out.push([entry.protocol, container.port, container.port]);
        }
      }
    }
    return out;
  }

  private peerIsPod(peer: Peer, policy: NetworkPolicy, pod: Workload): boolean {
    if (peer.kind === 'ipBlock') return false;
    const inNamespace = peer.namespaceSelector
      ? labelsMatch(peer.namespaceSelector, this.namespaceLabels.get(pod.namespace) ?? {})
      : pod.namespace === policy.namespace;
    return inNamespace && (!peer.podSelector || labelsMatch(peer.podSelector, pod.labels));
  }

  private peerHasAddress(peer: Peer, address: number): boolean {
    if (peer.kind !== 'ipBlock') return false;
    const inside = (cidr: string) => {
      const [base, prefix] = cidr.split('/');
      const octets = (base ?? '').split('.').map(Number);
      if (octets.length !== 4) return false;
      const start =
        (((octets[0] ?? 0) * 256 + (octets[1] ?? 0)) * 256 + (octets[2] ?? 0)) * 256 + (octets[3] ?? 0);
      const size = 2 ** (32 - Number(prefix));
      const aligned = start - (start % size);
      return address >= aligned && address < aligned + size;
    };
    return inside(peer.cidr) && !peer.except.some(inside);
  }
}
