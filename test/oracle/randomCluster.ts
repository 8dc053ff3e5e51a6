/**
 * Seeded random clusters for the oracle's differential tests: Namespaces, Pods and
 * NetworkPolicies that stay valid under the API's validation yet reach every field and every
 * empty-or-missing case (`policyTypes: []`, `egress: []`, `from: []`, `ports: []`, `except: []`,
 * `{}` selectors, no podSelector at all). Independent of src/gen.
 */
import yaml from 'js-yaml';

export type KubeObject = Record<string, unknown>;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  some<T>(items: readonly T[], max = items.length): T[] {
    const pool = [...items];
    const out: T[] = [];
    const count = this.int(0, Math.min(max, pool.length));
    for (let i = 0; i < count; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    return out;
  }
}

const NAMESPACES = ['alpha', 'beta', 'gamma', 'default'];
const KEYS = ['app', 'tier', 'env'];
const VALUES = ['a', 'b', 'c'];
const PORT_NAMES = ['http', 'dns', 'metrics'];
const PORT_NUMBERS = [53, 80, 443, 5353, 8080, 9090];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const CIDRS = ['0.0.0.0/0', '10.0.0.0/8', '172.16.0.0/12', '192.168.1.0/24', '203.0.113.7/32'];

/** Some of the keys, each with a value: pods and namespaces that lack some keys are the point. */
function labels(rng: Rng): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of rng.some(KEYS)) out[key] = rng.pick(VALUES);
  return out;
}

function selector(rng: Rng, keys: readonly string[], values: readonly string[]): KubeObject {
  const out: KubeObject = {};
  if (rng.chance(0.5)) {
    const matchLabels: Record<string, string> = {};
    for (const key of rng.some(keys, 2)) matchLabels[key] = rng.pick(values);
    out.matchLabels = matchLabels;
  }
  if (rng.chance(0.5)) {
    out.matchExpressions = Array.from({ length: rng.int(0, 2) }, () => {
      const operator = rng.pick(['In', 'NotIn', 'Exists', 'DoesNotExist']);
      const requirement: KubeObject = { key: rng.pick(keys), operator };
      if (operator === 'In' || operator === 'NotIn') requirement.values = rng.some(values, 2);
      if ((requirement.values as unknown[] | undefined)?.length === 0)
        requirement.values = [rng.pick(values)];
      return requirement;
    });
  }
  return out;
}

function podSelector(rng: Rng): KubeObject {
  return selector(rng, KEYS, VALUES);
}

function namespaceSelector(rng: Rng): KubeObject {
  return rng.chance(0.3)
    ? selector(rng, ['kubernetes.io/metadata.name'], NAMESPACES)
    : selector(rng, KEYS, VALUES);
}

/** A CIDR strictly inside `cidr`: a longer prefix around a random address in it. */
function innerCidr(rng: Rng, cidr: string): string | undefined {
  const [address, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (bits >= 32) return undefined;
  const size = 2 ** (32 - bits);
  const base = (address as string).split('.').reduce((n, p) => n * 256 + Number(p), 0);
  const inner = rng.int(bits + 1, Math.min(32, bits + 12));
  const innerSize = 2 ** (32 - inner);
  const start = base + Math.floor(rng.next() * (size / innerSize)) * innerSize;
  const ip = [24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join('.');
  return `${ip}/${inner}`;
}

function peer(rng: Rng): KubeObject {
  const kind = rng.int(0, 3);
  if (kind === 0) return { podSelector: podSelector(rng) };
  if (kind === 1) return { namespaceSelector: namespaceSelector(rng) };
  if (kind === 2) return { namespaceSelector: namespaceSelector(rng), podSelector: podSelector(rng) };
  const cidr = rng.pick(CIDRS);
  const block: KubeObject = { cidr };
  if (rng.chance(0.5)) {
    const except = Array.from({ length: rng.int(0, 2) }, () => innerCidr(rng, cidr)).filter(Boolean);
    block.except = except;
  }
  return { ipBlock: block };
}

function policyPort(rng: Rng): KubeObject {
  const out: KubeObject = {};
  if (rng.chance(0.7)) out.protocol = rng.pick(PROTOCOLS);
  const form = rng.int(0, 3);
  if (form === 1) out.port = rng.pick(PORT_NUMBERS);
  if (form === 2) out.port = rng.pick(PORT_NAMES);
  if (form === 3) {
    const port = rng.pick(PORT_NUMBERS);
    out.port = port;
    out.endPort = port + rng.int(0, 600);
  }
  return out;
}

/** A list that is missing, empty, or 1..max items: the three cases the API tells apart. */
function maybeList(rng: Rng, max: number, item: () => unknown): unknown[] | undefined {
  const form = rng.int(0, 3);
  if (form === 0) return undefined;
  if (form === 1) return [];
  return Array.from({ length: rng.int(1, max) }, item);
}

function rules(rng: Rng, peerField: 'from' | 'to'): unknown[] | undefined {
  return maybeList(rng, 3, () => {
    const rule: KubeObject = {};
    const peers = maybeList(rng, 3, () => peer(rng));
    const ports = maybeList(rng, 3, () => policyPort(rng));
    if (peers) rule[peerField] = peers;
    if (ports) rule.ports = ports;
    return rule;
  });
}

function policy(rng: Rng, index: number, namespace: string): KubeObject {
  const spec: KubeObject = {};
  if (rng.chance(0.85)) spec.podSelector = rng.chance(0.3) ? {} : podSelector(rng);
  const types = rng.pick([undefined, [], ['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
  if (types) spec.policyTypes = types;
  const ingress = rules(rng, 'from');
  const egress = rules(rng, 'to');
  if (ingress) spec.ingress = ingress;
  if (egress) spec.egress = egress;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `policy-${index}`, namespace },
    spec,
  };
}

function pod(rng: Rng, index: number, namespace: string): KubeObject {
  const names = [...PORT_NAMES];
  const containers = Array.from({ length: rng.int(1, 2) }, (_, c) => {
    const ports = Array.from({ length: rng.int(0, 3) }, () => {
      const port: KubeObject = { containerPort: rng.pick(PORT_NUMBERS) };
      // Port names are unique within a pod.
      if (names.length > 0 && rng.chance(0.7)) port.name = names.splice(rng.int(0, names.length - 1), 1)[0];
      if (rng.chance(0.6)) port.protocol = rng.pick(PROTOCOLS);
      return port;
    });
    return { name: `c${c}`, image: 'busybox', ...(ports.length > 0 ? { ports } : {}) };
  });
  const metadata: KubeObject = { name: `pod-${index}`, namespace };
  const podLabels = labels(rng);
  if (Object.keys(podLabels).length > 0 || rng.chance(0.5)) metadata.labels = podLabels;
  const object: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers } };
  // A pod IP inside some ipBlocks: ipBlocks still never select pods.
  if (rng.chance(0.3))
    object.status = { podIP: `10.1.2.${index + 1}`, podIPs: [{ ip: `10.1.2.${index + 1}` }] };
  return object;
}

export interface ClusterSize {
  pods: number;
  policies: number;
}

/** A random cluster as Kubernetes objects, fully determined by the seed. */
export function randomCluster(seed: number, size: ClusterSize = { pods: 5, policies: 3 }): KubeObject[] {
  const rng = new Rng(seed);
  const namespaces = rng.some(NAMESPACES, 3);
  if (namespaces.length === 0) namespaces.push(rng.pick(NAMESPACES));
  const objects: KubeObject[] = [];
  for (const name of namespaces) {
    if (rng.chance(0.25)) continue; // implied by its pods only
    const metadata: KubeObject = { name };
    if (rng.chance(0.7)) metadata.labels = labels(rng);
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata });
  }
  const podCount = rng.int(1, size.pods);
  for (let i = 0; i < podCount; i++) objects.push(pod(rng, i, rng.pick(namespaces)));
  const policyCount = rng.int(1, size.policies);
  for (let i = 0; i < policyCount; i++) objects.push(policy(rng, i, rng.pick(namespaces)));
  return objects;
}

/** Multi-document YAML; flow or block style by seed, so both forms reach the parser. */
export function toYaml(objects: readonly KubeObject[], seed = 0): string {
  const flowLevel = seed % 3 === 0 ? 3 : -1;
  return objects.map((o) => yaml.dump(o, { flowLevel, noRefs: true, lineWidth: -1 })).join('---\n');
}
