import { NAMESPACE_NAME_LABEL } from '../../model/buildModel.ts';
import type { IpRange, Labels, Workload } from '../../model/types.ts';
import type { PortRange } from '../../policy/connectionSet.ts';
import { formatIpv4 } from '../../policy/ipv4.ts';
import type { PortQuestion } from '../endpoints.ts';

/** Plain JSON object, as js-yaml builds them. */
export type Raw = Record<string, unknown>;

const IDENTITY_KEYS = [
  'app',
  'app.kubernetes.io/name',
  'k8s-app',
  'name',
  'run',
  'component',
  'role',
  'tier',
];

/**
 * The fewest labels that name a workload in a selector: one identifying key (`app` and its kin)
 * when it has one, else all its labels. Verification then says whether that picked others too.
 */
export function identifyingLabels(labels: Labels): Labels {
  for (const key of IDENTITY_KEYS) if (Object.hasOwn(labels, key)) return { [key]: labels[key] as string };
  return { ...labels };
}

/** A NetworkPolicy peer that selects one workload, seen from a policy in `policyNamespace`. */
export function peerForWorkload(workload: Workload, policyNamespace: string, allLabels = false): Raw {
  const labels = allLabels ? { ...workload.labels } : identifyingLabels(workload.labels);
  const podSelector = Object.keys(labels).length ? { matchLabels: labels } : {};
  if (workload.namespace === policyNamespace) return { podSelector };
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: workload.namespace } }, podSelector };
}

/** ipBlock peers covering an address range exactly (one per CIDR of the range). */
export function peersForRange(range: IpRange): Raw[] {
  return rangeToCidrs(range).map((cidr) => ({ ipBlock: { cidr } }));
}

/** The smallest list of CIDRs whose union is the range. */
export function rangeToCidrs(range: IpRange): string[] {
  const out: string[] = [];
  let start = range.start;
  while (start <= range.end) {
    let size = 32;
    while (size > 0) {
      const block = 2 ** (32 - (size - 1));
      if (start % block !== 0 || start + block - 1 > range.end) break;
      size--;
    }
    out.push(`${formatIpv4(start)}/${size}`);
    start += 2 ** (32 - size);
    if (out.length > 32) break;
  }
  return out;
}

/** A NetworkPolicy ports entry for a question; undefined means "every port" (no ports list). */
export function portEntry(question: PortQuestion): Raw | undefined {
  if (question.port !== undefined) return { protocol: question.protocol ?? 'TCP', port: question.port };
  if (question.protocol) return { protocol: question.protocol };
  return undefined;
}

/** Ports entries for port ranges of one protocol (`port` plus `endPort` for a range). */
export function portEntries(protocol: string, ranges: readonly PortRange[]): Raw[] {
  return ranges.map(([lo, hi]) =>
    lo === 1 && hi === 65535
      ? { protocol }
      : lo === hi
        ? { protocol, port: lo }
        : { protocol, port: lo, endPort: hi },
  );
}

/** Where a workload kind keeps its pod labels. */
export function podLabelsPath(kind: string): string[] {
  if (kind === 'Pod') return ['metadata', 'labels'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'];
  return ['spec', 'template', 'metadata', 'labels'];
}

/** The object at `path`, created (as mappings) where missing. */
export function ensurePath(value: Raw, path: readonly string[]): Raw {
  let node = value;
  for (const key of path) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Raw;
  }
  return node;
}

/** Labels a controller's selector fixes: changing them would orphan its pods. */
export function selectorKeys(value: Raw): Set<string> {
  const spec = (value.spec ?? {}) as Raw;
  const selector = (spec.selector ?? {}) as Raw;
  const matchLabels = (selector.matchLabels ??
    (value.kind === 'ReplicationController' ? selector : {})) as Raw;
  return new Set(Object.keys(matchLabels ?? {}));
}

/** A deep copy of a parsed object, safe to edit. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
