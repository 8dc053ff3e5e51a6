/**
 * Compares the engine's verdicts with the oracle's on one cluster: every ordered pair of distinct
 * pods, and a sample of external addresses in and out of every pod, on every protocol and at
 * every port where a verdict can change (each port number in the cluster, one below and one
 * above, and both ends of the port range). Reads the engine only through `analyze`.
 */
import { analyze } from '../../src/engine/analyze.ts';
import { cidrBounds, type Endpoint, numberToIp, Oracle, type OracleProtocol } from './oracle.ts';
import { type KubeObject, toYaml } from './randomCluster.ts';

const PROTOCOLS: OracleProtocol[] = ['TCP', 'UDP', 'SCTP'];
const MAX_IP = 2 ** 32 - 1;

type Intervals = Readonly<Record<OracleProtocol, readonly (readonly [number, number])[]>>;

export interface Disagreement {
  from: string;
  to: string;
  protocol: OracleProtocol;
  port: number;
  engine: boolean;
  oracle: boolean;
}

export interface Comparison {
  disagreements: Disagreement[];
  /** Engine errors on input the generator meant to be valid (warnings, such as a missing podSelector, are expected). */
  diagnostics: string[];
  pairs: number;
}

function contains(set: Intervals, protocol: OracleProtocol, port: number): boolean {
  return set[protocol].some(([lo, hi]) => port >= lo && port <= hi);
}

/** Port numbers where some verdict may change: every number written in the YAML, and its neighbours. */
function probePorts(text: string): number[] {
  const ports = new Set([1, 65535]);
  for (const match of text.matchAll(/\b(?:containerPort|port|endPort):\s*(\d+)/g)) {
    const n = Number(match[1]);
    for (const p of [n - 1, n, n + 1]) if (p >= 1 && p <= 65535) ports.add(p);
  }
  return [...ports].sort((a, b) => a - b);
}

/** Addresses at and around every ipBlock boundary, and a few fixed ones. */
function probeAddresses(oracle: Oracle): number[] {
  const addresses = new Set([0, 134744072, MAX_IP]);
  for (const cidr of oracle.cidrs()) {
    const [start, end] = cidrBounds(cidr);
    for (const a of [start - 1, start, Math.floor((start + end) / 2), end, end + 1])
      if (a >= 0 && a <= MAX_IP) addresses.add(a);
  }
  return [...addresses].sort((a, b) => a - b);
}

export function compareCluster(objects: readonly KubeObject[], seed = 0): Comparison {
  const text = toYaml(objects, seed);
  const oracle = new Oracle(text);
  const { model, reach } = analyze([{ name: 'cluster.yaml', text }]);
  const diagnostics = model.diagnostics
    .filter((d) => d.severity === 'error' || d.dropsObject)
    .map((d) => `${d.line}:${d.column} ${d.severity}: ${d.message}`);
  const ports = probePorts(text);
  const disagreements: Disagreement[] = [];
  const check = (from: string, to: string, engineSet: Intervals, source: Endpoint, destination: Endpoint) => {
    for (const protocol of PROTOCOLS) {
      for (const port of ports) {
        const engine = contains(engineSet, protocol, port);
        const expected = oracle.allows(source, destination, protocol, port);
        if (engine !== expected) disagreements.push({ from, to, protocol, port, engine, oracle: expected });
      }
    }
  };
  const engineIds = new Set(model.workloads.map((w) => w.id));
  for (const pod of oracle.pods) {
    if (!engineIds.has(pod.id)) diagnostics.push(`the engine has no workload ${pod.id}`);
  }
  let pairs = 0;
  for (const a of oracle.pods) {
    for (const b of oracle.pods) {
      if (a.id === b.id || !engineIds.has(a.id) || !engineIds.has(b.id)) continue;
      pairs++;
      check(a.id, b.id, reach.between(a.id, b.id), { pod: a }, { pod: b });
    }
  }
  const ranges = reach.addressRanges;
  for (const address of probeAddresses(oracle)) {
    const index = ranges.findIndex((r) => address >= r.start && address <= r.end);
    const ip = numberToIp(address);
    for (const pod of oracle.pods) {
      if (!engineIds.has(pod.id)) continue;
      if (index < 0) {
        diagnostics.push(`the engine's address ranges do not cover ${ip}`);
        continue;
      }
      pairs += 2;
      check(ip, pod.id, reach.fromExternal(index, pod.id), { address: ip }, { pod });
      check(pod.id, ip, reach.toExternal(pod.id, index), { pod }, { address: ip });
    }
  }
  return { disagreements, diagnostics, pairs };
}

export function formatDisagreement(d: Disagreement): string {
  const verdict = (allowed: boolean) => (allowed ? 'allowed' : 'denied');
  return `${d.from} -> ${d.to} on ${d.protocol} ${d.port}: engine ${verdict(d.engine)}, oracle ${verdict(d.oracle)}`;
}
