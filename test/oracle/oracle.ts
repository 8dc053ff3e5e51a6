/**
 * An independent NetworkPolicy oracle (networking.k8s.io/v1), written from the Kubernetes API
 * reference and nothing else. It shares no code and no types with src/: it reads the YAML itself
 * and answers one question at a time, "may this source reach this destination on this protocol
 * and port?", walking every policy and rule. Slow on purpose; obvious on purpose.
 *
 * Reads Namespaces, Pods and NetworkPolicies; everything else is ignored.
 */
import yaml from 'js-yaml';

export type OracleProtocol = 'TCP' | 'UDP' | 'SCTP';
type LabelMap = Record<string, string>;

interface Requirement {
  key: string;
  operator: string;
  values: string[];
}
/** A label selector as written; `undefined` means the field was absent. */
interface Selector {
  matchLabels: LabelMap;
  matchExpressions: Requirement[];
}

export interface OraclePod {
  id: string;
  namespace: string;
  labels: LabelMap;
  ports: { name: string | undefined; port: number; protocol: OracleProtocol }[];
}

/** Absent fields are `undefined`: a peer with no namespaceSelector differs from one with `{}`. */
interface PeerSpec {
  podSelector: Selector | undefined;
  namespaceSelector: Selector | undefined;
  ipBlock: { cidr: string; except: string[] } | undefined;
}
interface PortSpec {
  protocol: OracleProtocol;
  port: number | string | undefined;
  endPort: number | undefined;
}
interface RuleSpec {
  peers: PeerSpec[];
  ports: PortSpec[];
}
interface PolicySpec {
  namespace: string;
  podSelector: Selector;
  types: Set<'Ingress' | 'Egress'>;
  ingress: RuleSpec[];
  egress: RuleSpec[];
}

/** Either a pod (by id) or an external IPv4 address (dotted quad). */
export type Endpoint = { pod: OraclePod } | { address: string };

const NAME_LABEL = 'kubernetes.io/metadata.name';

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function stringMap(value: unknown): LabelMap {
  const out: LabelMap = {};
  for (const [k, v] of Object.entries(record(value))) out[k] = String(v);
  return out;
}
function protocolOf(value: unknown): OracleProtocol {
  return value === 'UDP' || value === 'SCTP' ? value : 'TCP';
}

function readSelector(value: unknown): Selector {
  const raw = record(value);
  return {
    matchLabels: stringMap(raw.matchLabels),
    matchExpressions: list(raw.matchExpressions).map((e) => {
      const r = record(e);
      return { key: String(r.key), operator: String(r.operator), values: list(r.values).map(String) };
    }),
  };
}

function readRules(value: unknown, peerField: 'from' | 'to'): RuleSpec[] {
  return list(value).map((rule) => {
    const r = record(rule);
    return {
      peers: list(r[peerField]).map((p) => {
        const peer = record(p);
        const ipBlock = peer.ipBlock === undefined ? undefined : record(peer.ipBlock);
        return {
          podSelector: peer.podSelector === undefined ? undefined : readSelector(peer.podSelector),
          namespaceSelector:
            peer.namespaceSelector === undefined ? undefined : readSelector(peer.namespaceSelector),
          ipBlock: ipBlock && { cidr: String(ipBlock.cidr), except: list(ipBlock.except).map(String) },
        };
      }),
      ports: list(r.ports).map((p) => {
        const port = record(p);
        return {
          protocol: protocolOf(port.protocol),
          port: port.port as number | string | undefined,
          endPort: port.endPort as number | undefined,
        };
      }),
    };
  });
}

/** policyTypes empty or missing: Ingress, plus Egress when the egress list is non-empty. */
function effectiveTypes(spec: Record<string, unknown>): Set<'Ingress' | 'Egress'> {
  const written = list(spec.policyTypes).map(String);
  if (written.length > 0) return new Set(written.filter((t) => t === 'Ingress' || t === 'Egress'));
  const types = new Set<'Ingress' | 'Egress'>(['Ingress']);
  if (list(spec.egress).length !== 0) types.add('Egress');
  return types;
}

export class Oracle {
  readonly pods: OraclePod[] = [];
  private readonly namespaceLabels = new Map<string, LabelMap>();
  private readonly policies: PolicySpec[] = [];

  constructor(text: string) {
    for (const document of yaml.loadAll(text)) {
      const object = record(document);
      const metadata = record(object.metadata);
      const name = String(metadata.name);
      const namespace = metadata.namespace === undefined ? 'default' : String(metadata.namespace);
      if (object.kind === 'Namespace') {
        this.namespaceLabels.set(name, { ...stringMap(metadata.labels), [NAME_LABEL]: name });
      } else if (object.kind === 'Pod') {
        const containers = list(record(object.spec).containers);
        this.pods.push({
          id: `${namespace}/${name}`,
          namespace,
          labels: stringMap(metadata.labels),
          ports: containers.flatMap((c) =>
            list(record(c).ports).map((p) => {
              const port = record(p);
              return {
                name: port.name === undefined ? undefined : String(port.name),
                port: Number(port.containerPort),
                protocol: protocolOf(port.protocol),
              };
            }),
          ),
        });
      } else if (object.kind === 'NetworkPolicy') {
        const spec = record(object.spec);
        this.policies.push({
          namespace,
          podSelector: readSelector(spec.podSelector),
          types: effectiveTypes(spec),
          ingress: readRules(spec.ingress, 'from'),
          egress: readRules(spec.egress, 'to'),
        });
      }
    }
    // A namespace with pods but no Namespace object still carries its name label.
    for (const pod of this.pods)
      if (!this.namespaceLabels.has(pod.namespace))
        this.namespaceLabels.set(pod.namespace, { [NAME_LABEL]: pod.namespace });
  }

  /** Every ipBlock CIDR and except written in the policies, for sampling addresses. */
  cidrs(): string[] {
    return this.policies.flatMap((p) =>
      [...p.ingress, ...p.egress].flatMap((r) =>
        r.peers.flatMap((peer) => (peer.ipBlock ? [peer.ipBlock.cidr, ...peer.ipBlock.except] : [])),
      ),
    );
  }

  /** Traffic from `source` to `destination` on one protocol and port: both sides must allow it. */
  allows(source: Endpoint, destination: Endpoint, protocol: OracleProtocol, port: number): boolean {
    const egressOk =
      'pod' in source ? this.sideAllows(source.pod, 'Egress', destination, protocol, port) : true;
    const ingressOk =
      'pod' in destination ? this.sideAllows(destination.pod, 'Ingress', source, protocol, port) : true;
    return egressOk && ingressOk;
  }

  /** One side of a connection: `pod` is the selected pod, `peer` the other end. */
  private sideAllows(
    pod: OraclePod,
    type: 'Ingress' | 'Egress',
    peer: Endpoint,
    protocol: OracleProtocol,
    port: number,
  ): boolean {
    const selecting = this.policies.filter(
      (p) => p.namespace === pod.namespace && p.types.has(type) && selectorMatches(p.podSelector, pod.labels),
    );
    if (selecting.length === 0) return true;
    // Named ports resolve against the destination: the selected pod for ingress, the peer for egress.
    const destination = type === 'Ingress' ? pod : 'pod' in peer ? peer.pod : undefined;
    return selecting.some((policy) =>
      (type === 'Ingress' ? policy.ingress : policy.egress).some(
        (rule) =>
          (rule.peers.length === 0 || rule.peers.some((p) => this.peerMatches(p, policy.namespace, peer))) &&
          (rule.ports.length === 0 || rule.ports.some((p) => portMatches(p, destination, protocol, port))),
      ),
    );
  }

  private peerMatches(peer: PeerSpec, policyNamespace: string, endpoint: Endpoint): boolean {
    if (peer.ipBlock) {
      if (!('address' in endpoint)) return false;
      const ip = ipToNumber(endpoint.address);
      return inCidr(ip, peer.ipBlock.cidr) && !peer.ipBlock.except.some((e) => inCidr(ip, e));
    }
    if (!('pod' in endpoint)) return false;
    const pod = endpoint.pod;
    if (peer.namespaceSelector) {
      const labels = this.namespaceLabels.get(pod.namespace) ?? {};
      if (!selectorMatches(peer.namespaceSelector, labels)) return false;
    } else if (pod.namespace !== policyNamespace) return false;
    return peer.podSelector ? selectorMatches(peer.podSelector, pod.labels) : true;
  }
}

function portMatches(
  spec: PortSpec,
  destination: OraclePod | undefined,
  protocol: OracleProtocol,
  port: number,
): boolean {
  if (spec.protocol !== protocol) return false;
  if (spec.port === undefined) return true;
  if (typeof spec.port === 'number') {
    return spec.endPort === undefined ? port === spec.port : port >= spec.port && port <= spec.endPort;
  }
  // A named port: some container port of the destination pod with that name and protocol.
  if (!destination) return false;
  return destination.ports.some((p) => p.name === spec.port && p.protocol === protocol && p.port === port);
}

export function selectorMatches(selector: Selector, labels: LabelMap): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!Object.hasOwn(labels, key) || labels[key] !== value) return false;
  }
  for (const { key, operator, values } of selector.matchExpressions) {
    const has = Object.hasOwn(labels, key);
    const ok =
      operator === 'In'
        ? has && values.includes(labels[key] as string)
        : operator === 'NotIn'
          ? !has || !values.includes(labels[key] as string)
          : operator === 'Exists'
            ? has
            : operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

export function ipToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** First and last address of an IPv4 CIDR. */
export function cidrBounds(cidr: string): [number, number] {
  const [address, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToNumber(address as string) / size) * size;
  return [start, start + size - 1];
}

function inCidr(ip: number, cidr: string): boolean {
  const [start, end] = cidrBounds(cidr);
  return ip >= start && ip <= end;
}
