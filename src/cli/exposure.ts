import { type Analysis, formatConnectionSet, toContractAllowed } from '../engine/index.ts';
import { exposureReport } from '../engine/teach/index.ts';
import type { CommandResult } from './main.ts';

/** Reads `--pod NS:key=value,...` (the namespace part is optional: `key=value,...` for every namespace). */
export function parsePodOption(
  text: string | undefined,
): { namespace?: string; labels: Record<string, string> } | { error: string } {
  if (text === undefined) return { labels: {} };
  const colon = text.indexOf(':');
  const namespace = colon >= 0 ? text.slice(0, colon) : undefined;
  const list = colon >= 0 ? text.slice(colon + 1) : text;
  const labels: Record<string, string> = {};
  for (const pair of list.split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return { error: `--pod takes NS:key=value,... (got "${pair}")` };
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return namespace ? { namespace, labels } : { labels };
}

/**
 * `exposure FILE|DIR... [--pod NS:key=value,...] [--json]`: what a new pod (no labels, or the given
 * ones) would accept from and reach in every namespace, or in the one `--pod` names.
 */
export function runExposure(analysis: Analysis, pod: string | undefined, json: boolean): CommandResult {
  const option = parsePodOption(pod);
  if ('error' in option) return { stdout: '', stderr: `reachlab: ${option.error}\n`, status: 2 };
  let report = exposureReport(analysis.model, option.labels);
  if (option.namespace) {
    report = report.filter((r) => r.namespace === option.namespace);
    if (report.length === 0) {
      // A namespace nobody has created yet: ask about it as the API server would create it.
      const name = option.namespace;
      const implied = { name, labels: { 'kubernetes.io/metadata.name': name }, defined: false };
      const model = { ...analysis.model, namespaces: [...analysis.model.namespaces, implied] };
      report = exposureReport(model, option.labels).filter((r) => r.namespace === name);
    }
  }
  const labelText =
    Object.entries(option.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',') || 'no labels';
  if (json) {
    const out = report.map((r) => ({
      namespace: r.namespace,
      labels: option.labels,
      isolated: r.isolated,
      acceptsFrom: r.acceptsFrom.map((p) => ({ from: p.peer, allowed: toContractAllowed(p.set) })),
      reaches: r.reaches.map((p) => ({ to: p.peer, allowed: toContractAllowed(p.set) })),
    }));
    return { stdout: `${JSON.stringify({ exposure: out })}\n`, stderr: '', status: 0 };
  }
  const text = (set: Parameters<typeof formatConnectionSet>[0]) => {
    const t = formatConnectionSet(set);
    return t === 'all' ? 'All Connections' : t;
  };
  const lines: string[] = [];
  for (const r of report) {
    lines.push(`${r.namespace}: a new pod with ${labelText}`);
    lines.push(
      `  ingress: ${r.isolated.ingress ? 'isolated by a policy' : 'NOT isolated: every client may connect'}`,
    );
    for (const p of r.acceptsFrom) lines.push(`    accepts from ${p.peer} : ${text(p.set)}`);
    if (r.acceptsFrom.length === 0) lines.push('    accepts from nobody');
    lines.push(
      `  egress: ${r.isolated.egress ? 'isolated by a policy' : 'NOT isolated: may connect anywhere'}`,
    );
    for (const p of r.reaches) lines.push(`    reaches ${p.peer} : ${text(p.set)}`);
    if (r.reaches.length === 0) lines.push('    reaches nothing');
  }
  return { stdout: `${lines.join('\n')}\n`, stderr: '', status: 0 };
}
