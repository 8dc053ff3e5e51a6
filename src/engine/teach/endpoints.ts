import type { ClusterModel, IpRange, Protocol } from '../model/types.ts';
import { type ConnectionSet, intersect, isEmpty, NO_CONNECTIONS, portsOf } from '../policy/connectionSet.ts';
import { parseCidr, parseIpv4 } from '../policy/ipv4.ts';
import type { Reachability } from '../reach/reachability.ts';

/** A side of a pair as the teaching tools name it: a workload id, or an external IPv4 range. */
export type NamedEndpoint =
  | { kind: 'workload'; id: string }
  | { kind: 'external'; range: IpRange; name: string };

/** The engine's pair of model and evaluation: what every teaching function reads. */
export interface Evaluated {
  model: ClusterModel;
  reach: Reachability;
}

/**
 * Reads an endpoint the way `connlist` prints it: `namespace/name` for a workload,
 * `a.b.c.d-e.f.g.h` for an external range, and also a CIDR or a single address.
 * Returns a message saying what exists when the name matches nothing.
 */
export function resolveEndpoint(model: ClusterModel, name: string): NamedEndpoint | { error: string } {
  const text = name.trim();
  if (model.workloads.some((w) => w.id === text)) return { kind: 'workload', id: text };
  const range = parseRangeName(text);
  if (range) return { kind: 'external', range, name: text };
  const close = model.workloads.filter((w) => w.name === text || w.id.endsWith(`/${text}`)).map((w) => w.id);
  const hint = close.length
    ? `did you mean ${close.join(' or ')}?`
    : `workloads are namespace/name (${model.workloads
        .slice(0, 3)
        .map((w) => w.id)
        .join(
          ', ',
        )}${model.workloads.length > 3 ? ', ...' : ''}); external addresses are a.b.c.d, a CIDR or a.b.c.d-e.f.g.h`;
  return { error: `no workload or address "${text}": ${hint}` };
}

/** `a.b.c.d`, `a.b.c.d/nn` or `a.b.c.d-e.f.g.h` as an inclusive range. */
export function parseRangeName(text: string): IpRange | undefined {
  const single = parseIpv4(text);
  if (single !== undefined) return { start: single, end: single };
  const cidr = parseCidr(text);
  if (cidr?.family === 4) return cidr.range;
  const [lo, hi, extra] = text.split('-');
  if (extra !== undefined || lo === undefined || hi === undefined) return undefined;
  const start = parseIpv4(lo);
  const end = parseIpv4(hi);
  return start !== undefined && end !== undefined && start <= end ? { start, end } : undefined;
}

/**
 * What the evaluation allows from one endpoint to another, once per external address segment
 * the pair covers (a named range can span several segments with different verdicts).
 * A workload pair has one set. Two external endpoints have none: nothing of ours sits between them.
 */
export function pairSets(evaluated: Evaluated, from: NamedEndpoint, to: NamedEndpoint): ConnectionSet[] {
  const { reach } = evaluated;
  if (from.kind === 'workload' && to.kind === 'workload') return [reach.between(from.id, to.id)];
  if (from.kind === 'external' && to.kind === 'workload')
    return segmentsOf(reach.addressRanges, from.range).map((i) => reach.fromExternal(i, to.id));
  if (from.kind === 'workload' && to.kind === 'external')
    return segmentsOf(reach.addressRanges, to.range).map((i) => reach.toExternal(from.id, i));
  return [];
}

/** Indexes of the evaluation's address segments that overlap `range`. */
export function segmentsOf(ranges: readonly IpRange[], range: IpRange): number[] {
  const out: number[] = [];
  for (const [i, segment] of ranges.entries())
    if (segment.end >= range.start && segment.start <= range.end) out.push(i);
  return out;
}

/** The ports a goal or a fix is about: one port of a protocol, every port of one, or every port. */
export interface PortQuestion {
  protocol?: Protocol;
  port?: number;
}

/** The connection set a question covers (TCP, UDP and SCTP when no protocol is given). */
export function questionSet(question: PortQuestion): ConnectionSet {
  if (question.protocol) return portsOf(question.protocol, question.port);
  if (question.port !== undefined) return { ...NO_CONNECTIONS, TCP: [[question.port, question.port]] };
  return { ...NO_CONNECTIONS, TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] };
}

/** Whether `set` allows every connection of the question. */
export function allowsAll(set: ConnectionSet, question: PortQuestion): boolean {
  const wanted = questionSet(question);
  const got = intersect(set, wanted);
  return (['TCP', 'UDP', 'SCTP'] as const).every((p) => JSON.stringify(got[p]) === JSON.stringify(wanted[p]));
}

/** Whether `set` allows none of the question's connections. */
export function allowsNone(set: ConnectionSet, question: PortQuestion): boolean {
  return isEmpty(intersect(set, questionSet(question)));
}

/** `PORT[/PROTOCOL]` (`8080`, `53/UDP`) or a bare protocol (`UDP`), as the CLI takes it. */
export function parsePortQuestion(text: string): PortQuestion | { error: string } {
  const [portText, protocolText] = text.includes('/') ? text.split('/') : [text, undefined];
  const protocolOnly = /^(tcp|udp|sctp)$/i.test(portText ?? '');
  const protocol = (protocolOnly ? portText : protocolText)?.toUpperCase();
  if (protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(protocol))
    return { error: `unknown protocol "${protocol}": use TCP, UDP or SCTP` };
  if (protocolOnly) return { protocol: protocol as Protocol };
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return { error: `"${portText}" is not a port: use a number from 1 to 65535, e.g. 8080 or 53/UDP` };
  return { port, protocol: (protocol ?? 'TCP') as Protocol };
}

/** "TCP 8080", "every UDP port", "every port". */
export function describeQuestion(question: PortQuestion): string {
  if (question.port !== undefined) return `${question.protocol ?? 'TCP'} ${question.port}`;
  return question.protocol ? `every ${question.protocol} port` : 'every port';
}
