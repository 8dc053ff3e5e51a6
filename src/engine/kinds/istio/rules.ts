import type { SourceRef } from '../../diagnostics.ts';
import { asRecord, field, type ObjectContext } from '../../model/objectContext.ts';
import { type ConnectionSet, NO_CONNECTIONS, portsOf, subtract, union } from '../../policy/connectionSet.ts';
import type { CompiledRule, PeerSpec, RuleAction } from '../types.ts';
import { readWhen, type WhenMatch } from './conditions.ts';
import { readList } from './fields.ts';
import { ANY_OPERATION, type OperationMatch, readOperation } from './operation.ts';
import { readSource } from './readSource.ts';
import { ANY_SOURCE, bothSources, describeSource, type SourceMatch } from './source.ts';

/** How the rules of one policy compile. */
export interface RuleSettings {
  action: RuleAction;
  trustDomain: string;
  /** CUSTOM: the external authorizer's name. */
  provider?: string;
}

/** A rule compiled, with what findings need. */
export interface ReadRule {
  rules: CompiledRule[];
  /** Why the rule can never match anything, when it cannot. */
  neverMatches?: string;
  principals: { value: string; ref: SourceRef }[];
  namespaces: { value: string; ref: SourceRef }[];
}

/**
 * Compiles one entry of `spec.rules`: each source of `from` is a peer (OR), each operation of
 * `to` a rule of its own with the same peers (OR), and `when` narrows both (AND). Returns
 * undefined when Istio would reject the policy (the reason is reported).
 */
export function compileRule(
  ctx: ObjectContext,
  node: unknown,
  path: string,
  rs: RuleSettings,
): ReadRule | undefined {
  const rule = asRecord(node);
  const out: ReadRule = { rules: [], principals: [], namespaces: [] };
  if (!rule) {
    ctx.report(
      'error',
      node,
      undefined,
      path,
      'a rule must be a mapping (from, to, when); the policy is rejected',
      true,
      'istio-rule-not-mapping',
    );
    return undefined;
  }
  const when = readWhen(ctx, readList(ctx, rule, 'when', path), `${path}.when`, rs.trustDomain);
  if (!when) return undefined;
  const sources: { match: SourceMatch; ref: SourceRef }[] = [];
  const fromList = readList(ctx, rule, 'from', path);
  for (const [i, entry] of fromList.entries()) {
    const at = `${path}.from[${i}].source`;
    const source = asRecord(field(asRecord(entry), 'source'));
    if (!source || Object.keys(source).length === 0) {
      ctx.report(
        'error',
        entry ?? rule,
        undefined,
        at,
        'each from entry needs a non-empty source; the policy is rejected',
        true,
        'istio-empty-source',
      );
      return undefined;
    }
    sources.push({
      match: bothSources(readSource(ctx, source, at, rs.trustDomain, out), when.source),
      ref: ctx.refOf(entry),
    });
  }
  const operations: { match: OperationMatch; ref: SourceRef }[] = [];
  for (const [i, entry] of readList(ctx, rule, 'to', path).entries()) {
    const operation = field(asRecord(entry), 'operation');
    if (!asRecord(operation) || Object.keys(asRecord(operation) ?? {}).length === 0) {
      ctx.report(
        'error',
        entry ?? rule,
        undefined,
        `${path}.to[${i}].operation`,
        'each to entry needs a non-empty operation; the policy is rejected',
        true,
        'istio-empty-operation',
      );
      return undefined;
    }
    operations.push({
      match: readOperation(ctx, operation, `${path}.to[${i}].operation`),
      ref: ctx.refOf(entry),
    });
  }
  if (operations.length === 0) operations.push({ match: ANY_OPERATION, ref: ctx.refOf(rule) });
  const peerGroups = groupPeers(sources, when, ctx.refOf(rule));
  for (const op of operations) {
    const ports = rulePorts(op.match, when);
    for (const group of peerGroups) {
      const condition = conditionText(rs, [
        ...(op.match.http ? [op.match.http] : []),
        ...group.conditions,
        ...when.conditions,
      ]);
      const compiled: CompiledRule = {
        index: 0,
        action: rs.action,
        ports: { fixed: ports, named: [] },
        ref: ctx.refOf(rule),
        ...(group.peers ? { peers: group.peers } : {}),
        ...(condition ? { condition } : {}),
      };
      out.rules.push(compiled);
    }
  }
  const never = neverMatches(out.rules);
  if (never) out.neverMatches = never;
  return out;
}

/** Peers without conditions share one rule; each conditional peer gets its own. */
function groupPeers(
  sources: { match: SourceMatch; ref: SourceRef }[],
  when: WhenMatch,
  ruleRef: SourceRef,
): { peers?: PeerSpec[]; conditions: readonly string[] }[] {
  if (sources.length === 0) {
    const s = when.source;
    if (s === ANY_SOURCE) return [{ conditions: [] }];
    return [
      {
        peers: [
          { endpoints: s.endpoints, external: s.external, label: describeSource(s), index: 0, ref: ruleRef },
        ],
        conditions: s.conditions,
      },
    ];
  }
  const plain: PeerSpec[] = [];
  const groups: { peers?: PeerSpec[]; conditions: readonly string[] }[] = [];
  for (const [index, { match, ref }] of sources.entries()) {
    const peer: PeerSpec = {
      endpoints: match.endpoints,
      external: match.external,
      label: describeSource(match),
      index,
      ref,
    };
    if (match.conditions.length === 0) plain.push(peer);
    else groups.push({ peers: [peer], conditions: match.conditions });
  }
  return plain.length > 0 ? [{ peers: plain, conditions: [] }, ...groups] : groups;
}

/**
 * The TCP ports a rule matches: `ports` narrowed by `destination.port` values, minus `notPorts`
 * and `destination.port` notValues. Istio ports are numbers, so the exclusions are applied here
 * and the rule carries plain fixed ports.
 */
function rulePorts(op: OperationMatch, when: WhenMatch): ConnectionSet {
  let listed = op.ports && op.ports.length > 0 ? op.ports : undefined;
  if (when.onlyPorts) listed = listed ? listed.filter((p) => when.onlyPorts?.includes(p)) : when.onlyPorts;
  const fixed = op.never ? NO_CONNECTIONS : listed ? tcpPorts(listed) : portsOf('TCP');
  return subtract(fixed, tcpPorts([...op.notPorts, ...when.exceptPorts]));
}

function tcpPorts(ports: readonly number[]): ConnectionSet {
  return ports.reduce<ConnectionSet>((set, p) => union(set, portsOf('TCP', p)), NO_CONNECTIONS);
}

function conditionText(rs: RuleSettings, parts: readonly string[]): string | undefined {
  const joined = parts.join(' and ');
  if (rs.action === 'conditional') {
    const who = `the external authorizer "${rs.provider ?? '(no provider)'}" allows it`;
    return joined ? `${who} (asked only for ${joined})` : who;
  }
  if (!joined) return undefined;
  return rs.action === 'allow' ? `only ${joined}` : joined;
}

function neverMatches(rules: readonly CompiledRule[]): string | undefined {
  if (rules.every((r) => r.ports.fixed.TCP.length === 0))
    return 'no port or request can match it (ports against destination.port conditions, or a value both listed and excluded)';
  const peerless = rules.every((r) =>
    r.peers?.every((p) => p.endpoints.op === 'none' && p.external.length === 0),
  );
  return peerless ? 'no source can match its from list' : undefined;
}
