import type { Diagnostic } from '../../../src/engine/diagnostics.ts';
import { ciliumKind } from '../../../src/engine/kinds/cilium/kind.ts';
import type { ModelDraft } from '../../../src/engine/kinds/plugin.ts';
import type { CompiledPolicy, CompiledRule, PeerSpec } from '../../../src/engine/kinds/types.ts';
import { ObjectContext } from '../../../src/engine/model/objectContext.ts';
import type { ContainerPort, Direction, Labels } from '../../../src/engine/model/types.ts';
import { parseSources } from '../../../src/engine/parse/parseSources.ts';
import { type Dimension, intersect, isEmpty, portsOf } from '../../../src/engine/policy/connectionSet.ts';
import { matchExpr } from '../../../src/engine/policy/expr.ts';
import { parseIpv4 } from '../../../src/engine/policy/ipv4.ts';
import type { EndpointView } from '../../../src/engine/policy/peers.ts';

export interface Compiled {
  policies: CompiledPolicy[];
  diagnostics: Diagnostic[];
  extras: Record<string, unknown>;
}

/** Reads every Cilium object of a YAML text through the kind, as buildModel would. */
export function compile(text: string): Compiled {
  const parsed = parseSources([{ name: 'cilium.yaml', text }]);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const policies: CompiledPolicy[] = [];
  const draft: ModelDraft = {
    addPolicy: (p) => policies.push(p),
    addTier: () => {},
    addWorkload: () => {},
    extras: {},
    diagnostics,
  };
  for (const object of parsed.objects) {
    const value = object.value;
    const [group = '', version = ''] = String(value.apiVersion ?? '').split('/');
    const kind = String(value.kind ?? '');
    if (!ciliumKind.reads(group, kind)) continue;
    const meta = (value.metadata ?? {}) as Record<string, string>;
    const clusterScoped = ciliumKind.clusterScoped(kind);
    const identity = {
      apiVersion: `${group}/${version}`,
      group,
      kind,
      name: meta.name ?? '',
      ...(clusterScoped ? {} : { namespace: meta.namespace ?? 'default' }),
    };
    ciliumKind.read(new ObjectContext(object, diagnostics), identity, draft);
  }
  return { policies, diagnostics, extras: draft.extras };
}

/** A pod as policies see it. */
export function pod(
  namespace: string,
  labels: Labels = {},
  extra: { namespaceLabels?: Labels; serviceAccount?: string; ports?: ContainerPort[] } = {},
): EndpointView {
  return {
    namespace,
    namespaceLabels: { 'kubernetes.io/metadata.name': namespace, ...extra.namespaceLabels },
    labels,
    ports: extra.ports ?? [],
    serviceAccount: extra.serviceAccount ?? 'default',
  };
}

/** The other side of a connection: a pod, or an external IPv4 address. */
export type Peer = EndpointView | string;

/**
 * The verdict of one connection in one direction over the default tier, folded as reach/ folds
 * it: `allowed`, `denied`, or the L7 condition it is allowed under (`only GET /api`).
 */
export function decide(
  policies: readonly CompiledPolicy[],
  direction: Direction,
  endpoint: EndpointView,
  peer: Peer,
  dimension: Dimension,
  port: number,
  destinationPorts: readonly ContainerPort[] = [],
): string {
  const applying = policies
    .filter((p) => p[direction] && matchExpr(p.subject, endpoint))
    .sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const conditions: string[] = [];
  for (const policy of applying) {
    for (const rule of policy[direction]?.rules ?? []) {
      if (!peerMatches(rule, peer) || !portMatches(rule, dimension, port, destinationPorts)) continue;
      if (rule.action === 'deny') return 'denied';
      if (rule.action !== 'allow') continue;
      if (!rule.condition) return 'allowed';
      conditions.push(rule.condition);
    }
  }
  if (conditions.length) return conditions.join(' or ');
  return applying.some((p) => p[direction]?.isolates) ? 'denied' : 'allowed';
}

function peerMatches(rule: CompiledRule, peer: Peer): boolean {
  if (!rule.peers) return true;
  return rule.peers.some((p: PeerSpec) => {
    if (typeof peer !== 'string') return matchExpr(p.endpoints, peer);
    const ip = parseIpv4(peer) as number;
    return p.external.some((r) => r.start <= ip && ip <= r.end);
  });
}

function portMatches(
  rule: CompiledRule,
  dimension: Dimension,
  port: number,
  ports: readonly ContainerPort[],
): boolean {
  if (!isEmpty(intersect(rule.ports.fixed, portsOf(dimension, port)))) return true;
  return rule.ports.named.some((n) =>
    ports.some(
      (c) =>
        c.name === n.name &&
        c.port === port &&
        c.protocol === dimension &&
        (!n.protocol || n.protocol === c.protocol),
    ),
  );
}

/** `file:line: severity: message` lines of the diagnostics, for compact assertions. */
export function messages(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.severity}:${d.path ?? ''}: ${d.message}`);
}

/** A CiliumNetworkPolicy in `namespace` with the given spec (YAML, indented by two). */
export function cnp(namespace: string, name: string, spec: string): string {
  return `---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${indent(spec)}\n`;
}

/** A CiliumClusterwideNetworkPolicy with the given spec. */
export function ccnp(name: string, spec: string): string {
  return `---\napiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${indent(spec)}\n`;
}

/** Re-indents a template literal by two spaces, whatever its own indentation. */
function indent(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const margin = Math.min(...lines.map((line) => line.search(/\S/)));
  return lines.map((line) => `  ${line.slice(margin)}`).join('\n');
}
