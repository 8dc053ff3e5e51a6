import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';

/**
 * L7 rules on a port (`toPorts[].rules`): the port is then proxied and only matching requests
 * pass (HTTP requests that match nothing get a 403, DNS queries are refused). Returns the
 * condition as people read it ("only GET /api/.*"), `undefined` when there are no L7 rules.
 */
export function readL7Condition(ctx: ObjectContext, node: unknown, path: string): string | undefined {
  if (node === undefined || node === null) return undefined;
  const rules = asRecord(node);
  if (!rules) {
    ctx.report(
      'warning',
      node,
      undefined,
      path,
      'rules must be a mapping (http, dns, kafka, l7proto/l7); ignored',
    );
    return undefined;
  }
  const parts: string[] = [];
  const http = asArray(field(rules, 'http'));
  if (http) parts.push(...http.map((rule) => httpText(rule)));
  const dns = asArray(field(rules, 'dns'));
  if (dns) parts.push(...dns.map((rule) => dnsText(rule)));
  const kafka = asArray(field(rules, 'kafka'));
  if (kafka) parts.push(...kafka.map((rule) => kafkaText(rule)));
  const proto = asString(field(rules, 'l7proto'));
  if (proto) parts.push(`${proto} requests matching the l7 rules`);
  const kinds = [http, dns, kafka, proto].filter((x) => x !== undefined).length;
  if (kinds > 1)
    ctx.report(
      'error',
      rules,
      undefined,
      path,
      'only one kind of L7 rule (http, dns, kafka or l7proto) may be given per port rule; Cilium rejects this policy',
      true,
    );
  if (parts.length === 0) return undefined;
  return `only ${[...new Set(parts)].join(' or ')}`;
}

/** Whether `rules` holds DNS rules (what toFQDNs needs to learn addresses). */
export function hasDnsRules(node: unknown): boolean {
  return (asArray(field(asRecord(node), 'dns'))?.length ?? 0) > 0;
}

function httpText(node: unknown): string {
  const rule = asRecord(node);
  const method = asString(field(rule, 'method'));
  const path = asString(field(rule, 'path'));
  const host = asString(field(rule, 'host'));
  const headers = (asArray(field(rule, 'headers')) ?? []).map(String);
  const headerMatches = (asArray(field(rule, 'headerMatches')) ?? []).map(
    (h) => asString(field(asRecord(h), 'name')) ?? '?',
  );
  const words = [method ?? (path ? 'any method' : 'HTTP requests'), path].filter(Boolean);
  if (host) words.push(`to host ${host}`);
  const allHeaders = [...headers, ...headerMatches];
  if (allHeaders.length) words.push(`with header ${allHeaders.join(', ')}`);
  return words.join(' ');
}

function dnsText(node: unknown): string {
  const rule = asRecord(node);
  const name = asString(field(rule, 'matchName')) ?? asString(field(rule, 'matchPattern')) ?? '*';
  return `DNS queries for ${name}`;
}

function kafkaText(node: unknown): string {
  const rule = asRecord(node);
  const role = asString(field(rule, 'role'));
  const key = asString(field(rule, 'apiKey'));
  const topic = asString(field(rule, 'topic'));
  const client = asString(field(rule, 'clientID'));
  const words = ['Kafka', role ?? key ?? 'requests'];
  if (topic) words.push(`on topic ${topic}`);
  if (client) words.push(`from client ${client}`);
  return words.join(' ');
}
