import type { CompiledPolicy, CompiledRule } from '../../kinds/types.ts';
import type { ClusterModel, Direction, NetworkPolicy, PolicyRule, Workload } from '../../model/types.ts';
import { type ConnectionSet, intersect, isEmpty, subtract } from '../../policy/connectionSet.ts';
import { listConnections } from '../../reach/connectionList.ts';
import { explainPair, type SideExplanation } from '../../reach/explain.ts';
import type { Reachability } from '../../reach/reachability.ts';
import { allowsAll, type NamedEndpoint, type PortQuestion, questionSet } from '../endpoints.ts';
import { type DocumentEdit, type EditableObject, findObject } from './documents.ts';
import {
  copy,
  ensurePath,
  peerForWorkload,
  peersForRange,
  podLabelsPath,
  portEntries,
  portEntry,
  type Raw,
  selectorKeys,
} from './rawEdits.ts';

/** The kinds of change a fix proposes, smallest first. */
export type FixKind =
  | 'add-port'
  | 'add-peer'
  | 'add-label'
  | 'remove-peer'
  | 'remove-port'
  | 'remove-rule'
  | 'add-policy';

/** One candidate change, before it is verified. */
export interface Candidate {
  kind: FixKind;
  summary: string;
  edits: DocumentEdit[];
}

interface Context {
  model: ClusterModel;
  reach: Reachability;
  objects: readonly EditableObject[];
  from: NamedEndpoint;
  to: NamedEndpoint;
  question: PortQuestion;
  /** Sources written as JSON: YAML documents cannot be appended to them. */
  jsonSources: ReadonlySet<string>;
}

const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Pod',
];

/** Candidate changes that would allow the question's connections from `from` to `to`. */
export function allowCandidates(ctx: Context): Candidate[] {
  const explanation = explain(ctx);
  if (!explanation) return [];
  const sides: Candidate[][] = [];
  for (const side of [explanation.egress, explanation.ingress]) {
    if (!side || allowsAll(side.allowed, ctx.question)) continue;
    sides.push(openSide(ctx, side).slice(0, 6));
  }
  if (sides.length === 1) return sides[0] as Candidate[];
  const [egress = [], ingress = []] = sides;
  const combined: Candidate[] = [];
  for (const e of egress.slice(0, 4))
    for (const i of ingress.slice(0, 4))
      combined.push({
        kind: rank(e.kind) > rank(i.kind) ? e.kind : i.kind,
        summary: `${e.summary}; and ${i.summary}`,
        edits: mergeEdits([...e.edits, ...i.edits]),
      });
  return combined;
}

/** Candidate changes that would deny the question's connections from `from` to `to`. */
export function denyCandidates(ctx: Context): Candidate[] {
  const explanation = explain(ctx);
  if (!explanation) return [];
  const out: Candidate[] = [];
  for (const side of [explanation.ingress, explanation.egress]) {
    if (!side) continue;
    if (side.isolated) out.push(...narrowSide(ctx, side));
    else out.push(...isolateSide(ctx, side.direction));
  }
  return out;
}

function explain(ctx: Context) {
  const name = (e: NamedEndpoint) => (e.kind === 'workload' ? e.id : e.range);
  return explainPair({ model: ctx.model, reach: ctx.reach }, name(ctx.from), name(ctx.to));
}

/**
 * The explanation's rules that are NetworkPolicy rules, as the NetworkPolicies read them: fixes
 * edit NetworkPolicy YAML (other kinds' rules are left to their authors).
 */
function asNetworkPolicies<T extends { policy: CompiledPolicy; rule: CompiledRule }>(
  ctx: Context,
  direction: Direction,
  items: readonly T[],
): (Omit<T, 'policy' | 'rule'> & { policy: NetworkPolicy; rule: PolicyRule })[] {
  return items.flatMap((item) => {
    if (item.policy.kind !== 'NetworkPolicy') return [];
    const policy = ctx.model.networkPolicies.find((p) => p.id === item.policy.id);
    const rule = policy?.[direction][item.rule.index];
    return policy && rule ? [{ ...item, policy, rule }] : [];
  });
}

function rank(kind: FixKind): number {
  return [
    'add-port',
    'add-peer',
    'remove-port',
    'remove-peer',
    'remove-rule',
    'add-label',
    'add-policy',
  ].indexOf(kind);
}

/** Edits to the same document are folded into one (the later one sees the earlier change). */
function mergeEdits(edits: DocumentEdit[]): DocumentEdit[] {
  const out: DocumentEdit[] = [];
  for (const edit of edits) {
    const same = out.findIndex(
      (o) =>
        o.kind === 'replace' && edit.kind === 'replace' && o.source === edit.source && o.doc === edit.doc,
    );
    if (same >= 0) out[same] = edit;
    else out.push(edit);
  }
  return out;
}

function workloadOf(ctx: Context, e: NamedEndpoint): Workload | undefined {
  return e.kind === 'workload' ? ctx.model.workloads.find((w) => w.id === e.id) : undefined;
}

/** The side's subject (whose policies decide) and its peer (the other end). */
function roles(ctx: Context, direction: Direction): { subject: NamedEndpoint; peer: NamedEndpoint } {
  return direction === 'ingress' ? { subject: ctx.to, peer: ctx.from } : { subject: ctx.from, peer: ctx.to };
}

function peersFor(ctx: Context, peer: NamedEndpoint, policyNamespace: string): Raw[] {
  const workload = workloadOf(ctx, peer);
  if (workload) return [peerForWorkload(workload, policyNamespace)];
  return peer.kind === 'external' ? peersForRange(peer.range) : [];
}

function policyObject(ctx: Context, policy: NetworkPolicy): EditableObject | undefined {
  return findObject(ctx.objects, ['NetworkPolicy'], policy.namespace, policy.name);
}

function ruleList(value: Raw, direction: Direction): Raw[] | undefined {
  const spec = (value.spec ?? {}) as Raw;
  const rules = spec[direction];
  return Array.isArray(rules) ? (rules as Raw[]) : undefined;
}

const peerKey = (direction: Direction) => (direction === 'ingress' ? 'from' : 'to');

/** Changes to one blocking side that make it allow the question. */
function openSide(ctx: Context, side: SideExplanation): Candidate[] {
  const out: Candidate[] = [];
  const { subject, peer } = roles(ctx, side.direction);
  const entry = portEntry(ctx.question);
  const peerText = peer.kind === 'workload' ? peer.id : peer.name;
  const tried = new Set<string>();
  const rulesTried = (policy: NetworkPolicy, rule: PolicyRule) =>
    `${policy.id}#${side.direction}${rule.index}`;
  // The peer already matches: the rule only lacks the port.
  for (const item of asNetworkPolicies(ctx, side.direction, [
    ...side.matches,
    ...side.misses.filter((m) => m.distance === 0),
  ])) {
    const key = rulesTried(item.policy, item.rule);
    if (!entry || tried.has(key)) continue;
    tried.add(key);
    const object = policyObject(ctx, item.policy);
    const value = object && copy(object.value);
    const rule = value && ruleList(value, side.direction)?.[item.rule.index];
    if (!object || !value || !rule) continue;
    if (!Array.isArray(rule.ports)) continue;
    (rule.ports as Raw[]).push(entry);
    out.push({
      kind: 'add-port',
      summary: `add ${describeEntry(entry)} to ${item.policy.id} ${side.direction} rule ${item.rule.index + 1}`,
      edits: [{ kind: 'replace', source: object.source, doc: object.doc, value }],
    });
  }
  // The rule's ports fit but its peers do not: add a peer, or give the other end the labels it asks for.
  for (const miss of asNetworkPolicies(
    ctx,
    side.direction,
    side.misses.filter((m) => m.distance > 0),
  )) {
    const object = policyObject(ctx, miss.policy);
    if (!object) continue;
    const value = copy(object.value);
    const rule = ruleList(value, side.direction)?.[miss.rule.index];
    const peers = rule?.[peerKey(side.direction)];
    if (rule && Array.isArray(peers)) {
      peers.push(...peersFor(ctx, peer, miss.policy.namespace));
      out.push({
        kind: 'add-peer',
        summary: `add ${peerText} as a peer of ${miss.policy.id} ${side.direction} rule ${miss.rule.index + 1}`,
        edits: [{ kind: 'replace', source: object.source, doc: object.doc, value }],
      });
    }
    const labelFix = labelCandidate(ctx, miss.rule, miss.policy.namespace, peer);
    if (labelFix) out.push(labelFix);
  }
  const policy = newPolicy(ctx, side.direction, subject, peer);
  if (policy) out.push(policy);
  return out;
}

/** Labels that make the peer's workload match one of the rule's pod peers. */
function labelCandidate(
  ctx: Context,
  rule: PolicyRule,
  policyNamespace: string,
  peer: NamedEndpoint,
): Candidate | undefined {
  const workload = workloadOf(ctx, peer);
  if (!workload) return undefined;
  for (const p of rule.peers ?? []) {
    if (p.kind !== 'pods') continue;
    const nsOk = p.namespaceSelector
      ? namespaceMatches(ctx, workload.namespace, p.namespaceSelector.matchLabels) &&
        p.namespaceSelector.matchExpressions.length === 0
      : workload.namespace === policyNamespace;
    if (!nsOk || !p.podSelector || p.podSelector.matchExpressions.length > 0) continue;
    const needed = Object.entries(p.podSelector.matchLabels).filter(([k, v]) => workload.labels[k] !== v);
    if (needed.length === 0) continue;
    const object = findObject(ctx.objects, [workload.kind], workload.namespace, workload.name);
    if (!object || !WORKLOAD_KINDS.includes(workload.kind)) continue;
    const value = copy(object.value);
    const fixed = selectorKeys(value);
    if (needed.some(([k]) => fixed.has(k) && Object.hasOwn(workload.labels, k))) continue;
    const labels = ensurePath(value, podLabelsPath(workload.kind));
    for (const [k, v] of needed) labels[k] = v;
    return {
      kind: 'add-label',
      summary: `label ${workload.id} with ${needed.map(([k, v]) => `${k}=${v}`).join(', ')}`,
      edits: [{ kind: 'replace', source: object.source, doc: object.doc, value }],
    };
  }
  return undefined;
}

function namespaceMatches(
  ctx: Context,
  namespace: string,
  matchLabels: Readonly<Record<string, string>>,
): boolean {
  const labels = ctx.model.namespaces.find((n) => n.name === namespace)?.labels ?? {};
  return Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
}

/** A new policy for the subject's namespace that allows the question with the peer. */
function newPolicy(
  ctx: Context,
  direction: Direction,
  subject: NamedEndpoint,
  peer: NamedEndpoint,
): Candidate | undefined {
  const workload = workloadOf(ctx, subject);
  if (!workload) return undefined;
  const host = hostSource(ctx, workload);
  const entry = portEntry(ctx.question);
  const rule: Raw = { [peerKey(direction)]: peersFor(ctx, peer, workload.namespace) };
  if (entry) rule.ports = [entry];
  const peerName = peer.kind === 'workload' ? peer.id.split('/')[1] : 'external';
  const name = `allow-${direction === 'ingress' ? `from-${peerName}` : `to-${peerName}`}`.slice(0, 60);
  return {
    kind: 'add-policy',
    summary: `add NetworkPolicy ${workload.namespace}/${name} allowing ${direction} ${direction === 'ingress' ? 'from' : 'to'} ${peer.kind === 'workload' ? peer.id : peer.name}`,
    edits: [{ kind: 'add', source: host, value: policyValue(workload, name, direction, [rule]) }],
  };
}

/** Where a new policy goes: beside the workload it protects (a source of its own beside a JSON file). */
function hostSource(ctx: Context, workload: Workload): string {
  const source = workload.ref.source;
  return ctx.jsonSources.has(source) ? `${source}.fix.yaml` : source;
}

function policyValue(workload: Workload, name: string, direction: Direction, rules: Raw[]): Raw {
  const labels = peerForWorkload(workload, workload.namespace).podSelector as Raw;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: workload.namespace },
    spec: {
      podSelector: labels,
      policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
      [direction]: rules,
    },
  };
}

/** The subject is isolated and a rule allows the question: take that away from the rule. */
function narrowSide(ctx: Context, side: SideExplanation): Candidate[] {
  const out: Candidate[] = [];
  const wanted = questionSet(ctx.question);
  const matching = asNetworkPolicies(ctx, side.direction, side.matches).filter(
    (m) => !isEmpty(intersect(m.allowed, wanted)),
  );
  const edits: DocumentEdit[] = [];
  const parts: string[] = [];
  let kind: FixKind = 'remove-peer';
  for (const match of matching) {
    const object = policyObject(ctx, match.policy);
    const value = object && copy(object.value);
    const rules = value && ruleList(value, side.direction);
    const rule = rules?.[match.rule.index];
    if (!object || !value || !rules || !rule) return [];
    const peers = rule[peerKey(side.direction)];
    const ports = Array.isArray(rule.ports) ? (rule.ports as Raw[]) : [];
    const portIndex =
      ctx.question.port === undefined
        ? -1
        : ports.findIndex(
            (p) =>
              p.port === ctx.question.port &&
              (p.protocol ?? 'TCP') === (ctx.question.protocol ?? 'TCP') &&
              p.endPort === undefined,
          );
    if (portIndex >= 0 && ports.length > 1 && !(Array.isArray(peers) && peers.length > 1)) {
      ports.splice(portIndex, 1);
      kind = 'remove-port';
      parts.push(
        `remove ${describeEntry(portEntry(ctx.question) as Raw)} from ${match.policy.id} ${side.direction} rule ${match.rule.index + 1}`,
      );
    } else if (match.peer && Array.isArray(peers) && peers.length > 1) {
      peers.splice(match.peer.index, 1);
      parts.push(
        `remove peer ${match.peer.index + 1} from ${match.policy.id} ${side.direction} rule ${match.rule.index + 1}`,
      );
    } else {
      rules.splice(match.rule.index, 1);
      kind = 'remove-rule';
      parts.push(`remove ${side.direction} rule ${match.rule.index + 1} of ${match.policy.id}`);
    }
    edits.push({ kind: 'replace', source: object.source, doc: object.doc, value });
  }
  if (edits.length) out.push({ kind, summary: parts.join('; '), edits: mergeEdits(edits) });
  return out;
}

/**
 * The subject is not isolated on this side: a new policy isolates it and lists everyone who
 * reaches it (or whom it reaches) today, so only the asked pair and ports change.
 */
function isolateSide(ctx: Context, direction: Direction): Candidate[] {
  const { subject, peer } = roles(ctx, direction);
  const workload = workloadOf(ctx, subject);
  if (!workload) return [];
  const host = hostSource(ctx, workload);
  const rules: Raw[] = [];
  const wanted = questionSet(ctx.question);
  const peerName = peer.kind === 'workload' ? peer.id : peer.name;
  for (const entry of listConnections(ctx.model, ctx.reach)) {
    const other = direction === 'ingress' ? entry.from : entry.to;
    const mine = direction === 'ingress' ? entry.to : entry.from;
    if (mine !== workload.id) continue;
    const isPeer = other === peerName || (entry.external && peer.kind === 'external');
    const set: ConnectionSet = isPeer ? subtract(entry.set, wanted) : entry.set;
    if (isEmpty(set)) continue;
    const otherWorkload = ctx.model.workloads.find((w) => w.id === other);
    const range = entry.external ? parseEntryRange(other) : undefined;
    const peers = otherWorkload
      ? [peerForWorkload(otherWorkload, workload.namespace, true)]
      : range
        ? peersForRange(range)
        : [];
    if (peers.length === 0) continue;
    const rule: Raw = { [peerKey(direction)]: peers };
    const ports = (['TCP', 'UDP', 'SCTP'] as const).flatMap((p) => portEntries(p, set[p]));
    // NetworkPolicy speaks only TCP, UDP and SCTP; an empty ports list would mean every port.
    if (ports.length === 0) continue;
    const everything = ports.length === 3 && ports.every((p) => p.port === undefined);
    if (!everything) rule.ports = ports;
    rules.push(rule);
  }
  const name = `limit-${direction}-${workload.name}`.slice(0, 60);
  return [
    {
      kind: 'add-policy',
      summary: `add NetworkPolicy ${workload.namespace}/${name}: isolate ${workload.id} for ${direction} and keep every other ${direction === 'ingress' ? 'client' : 'destination'} it has today`,
      edits: [{ kind: 'add', source: host, value: policyValue(workload, name, direction, rules) }],
    },
  ];
}

function parseEntryRange(name: string) {
  const [lo, hi] = name.split('-');
  const parse = (t: string | undefined) =>
    (t ?? '').split('.').reduce((n, part) => n * 256 + Number(part), 0);
  return hi === undefined ? undefined : { start: parse(lo), end: parse(hi) };
}

function describeEntry(entry: Raw): string {
  return entry.port === undefined ? `every ${entry.protocol} port` : `${entry.protocol} ${entry.port}`;
}
