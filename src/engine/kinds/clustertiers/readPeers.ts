import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { readSelector } from '../../model/readSelector.ts';
import type { IpRange } from '../../model/types.ts';
import { type Expr, NONE } from '../../policy/expr.ts';
import { parseCidr } from '../../policy/ipv4.ts';
import { formatSelector } from '../../policy/matchSelector.ts';
import { labelSelectorExpr, podsInNamespacesExpr } from '../shared/labelSelectorExpr.ts';
import type { PeerSpec } from '../types.ts';

/** A subject or peer that Kubernetes would reject: the policy is dropped. */
export class RejectedPolicy extends Error {}

/**
 * Reads a subject (`namespaces` or `pods`): exactly one of the two. Returns the endpoints it
 * selects and its words.
 */
export function readSubject(ctx: ObjectContext, node: unknown, path: string): { expr: Expr; label: string } {
  const subject = asRecord(node);
  if (!subject) {
    ctx.report(
      'error',
      ctx.object.value,
      'spec',
      path,
      'subject is required: give it namespaces or pods',
      true,
    );
    throw new RejectedPolicy();
  }
  const result = readPodsOrNamespaces(ctx, subject, path);
  if (!result) {
    ctx.report('error', subject, undefined, path, 'subject needs exactly one of namespaces or pods', true);
    throw new RejectedPolicy();
  }
  return result;
}

function readPodsOrNamespaces(
  ctx: ObjectContext,
  record: Record<string, unknown>,
  path: string,
): { expr: Expr; label: string } | undefined {
  const namespaces = field(record, 'namespaces');
  const pods = field(record, 'pods');
  if (namespaces !== undefined && pods !== undefined) return undefined;
  if (namespaces !== undefined) {
    const selector = readSelector(ctx, namespaces, `${path}.namespaces`);
    if (!selector) throw new RejectedPolicy();
    return { expr: podsInNamespacesExpr(selector), label: `namespaces ${formatSelector(selector)}` };
  }
  if (pods !== undefined) {
    const podsRecord = asRecord(pods);
    const nsSelector = readSelector(
      ctx,
      field(podsRecord, 'namespaceSelector'),
      `${path}.pods.namespaceSelector`,
    );
    const podSelector = readSelector(ctx, field(podsRecord, 'podSelector'), `${path}.pods.podSelector`);
    if (!podsRecord || !nsSelector || !podSelector) {
      if (!podsRecord)
        ctx.report(
          'error',
          record,
          'pods',
          `${path}.pods`,
          'pods needs namespaceSelector and podSelector',
          true,
        );
      throw new RejectedPolicy();
    }
    return {
      expr: podsInNamespacesExpr(nsSelector, podSelector),
      label: `pods ${formatSelector(podSelector)} in namespaces ${formatSelector(nsSelector)}`,
    };
  }
  return undefined;
}

/**
 * Reads a rule's peers. `networks` match external addresses and, as the API reference and its
 * conformance suite say, pods whose IP they contain. `nodes` and `domainNames` name things the
 * manifests do not hold: a warning says so and the peer matches nothing here.
 */
export function readPeers(
  ctx: ObjectContext,
  rule: Record<string, unknown>,
  key: 'from' | 'to',
  path: string,
): PeerSpec[] {
  const list = asArray(field(rule, key));
  if (!list || list.length === 0) {
    ctx.report('error', rule, key, `${path}.${key}`, `${key} needs at least one peer (1 to 100)`, true);
    throw new RejectedPolicy();
  }
  return list.map((raw, index) => {
    const at = `${path}.${key}[${index}]`;
    const peer = asRecord(raw);
    const ref = ctx.refOf(raw);
    if (!peer) {
      ctx.report(
        'error',
        list,
        undefined,
        at,
        'a peer must be a mapping with one of namespaces, pods, networks, nodes',
        true,
      );
      throw new RejectedPolicy();
    }
    const keys = Object.keys(peer);
    if (keys.length !== 1) {
      ctx.report(
        'error',
        peer,
        undefined,
        at,
        `a peer needs exactly one of namespaces, pods, networks, nodes${key === 'to' ? ', domainNames' : ''}; this one has ${keys.length === 0 ? 'none' : keys.join(', ')}`,
        true,
      );
      throw new RejectedPolicy();
    }
    const selected = readPodsOrNamespaces(ctx, peer, at);
    if (selected) return { endpoints: selected.expr, external: [], label: selected.label, index, ref };
    if (key === 'to' && field(peer, 'networks') !== undefined) return readNetworks(ctx, peer, at, index);
    if (field(peer, 'nodes') !== undefined) {
      const selector = readSelector(ctx, field(peer, 'nodes'), `${at}.nodes`);
      if (!selector) throw new RejectedPolicy();
      return {
        endpoints: labelSelectorExpr(selector, 'node'),
        external: [],
        label: `nodes ${formatSelector(selector)}`,
        index,
        ref,
        note: "nodes peers match host-network pods; a node's labels are taken from the pod's nodeSelector plus kubernetes.io/os=linux (Node objects are not read)",
      };
    }
    if (field(peer, 'domainNames') !== undefined) {
      ctx.report(
        'warning',
        peer,
        'domainNames',
        `${at}.domainNames`,
        'domainNames peers name DNS names whose addresses manifests do not hold: this peer matches nothing in the verdicts',
      );
      return { endpoints: NONE, external: [], label: 'domainNames (not modelled)', index, ref };
    }
    ctx.report('error', peer, keys[0], `${at}.${keys[0]}`, `"${keys[0]}" is not a peer type here`, true);
    throw new RejectedPolicy();
  });
}

function readNetworks(
  ctx: ObjectContext,
  peer: Record<string, unknown>,
  path: string,
  index: number,
): PeerSpec {
  const list = asArray(field(peer, 'networks'));
  if (!list || list.length === 0) {
    ctx.report('error', peer, 'networks', `${path}.networks`, 'networks needs 1 to 25 CIDRs', true);
    throw new RejectedPolicy();
  }
  const ranges: IpRange[] = [];
  for (const [i, entry] of list.entries()) {
    const cidr = asString(entry);
    const parsed = cidr === undefined ? undefined : parseCidr(cidr);
    if (!parsed) {
      ctx.report(
        'error',
        peer,
        'networks',
        `${path}.networks[${i}]`,
        `${JSON.stringify(entry)} is not a CIDR: write it like 10.0.0.0/8`,
        true,
      );
      throw new RejectedPolicy();
    }
    if (parsed.family === 4) ranges.push(parsed.range);
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: IpRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return {
    endpoints: { op: 'ip', ranges: merged },
    external: merged,
    label: `networks ${list.map(String).join(', ')}`,
    index,
    ref: ctx.refOf(peer),
    note: 'networks also match pods whose IP they contain (pod IPs from status.podIP, or the pod network setting)',
  };
}
