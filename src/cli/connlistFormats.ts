import {
  type Analysis,
  type ConnectionEntry,
  formatConnectionSet,
  listConnections,
} from '../engine/index.ts';
import { runConnlist } from './connlist.ts';
import type { CommandResult } from './main.ts';

export const CONNLIST_FORMATS = ['text', 'json', 'csv', 'md', 'dot'] as const;
export type ConnlistFormat = (typeof CONNLIST_FORMATS)[number];

/** `connlist --format`: text and json as before, plus CSV, a Markdown table and a Graphviz digraph. */
export function runConnlistFormat(analysis: Analysis, format: ConnlistFormat): CommandResult {
  if (format === 'text' || format === 'json') return runConnlist(analysis, format === 'json');
  const entries = listConnections(analysis.model, analysis.reach);
  const text = format === 'csv' ? toCsv(entries) : format === 'md' ? toMarkdown(entries) : toDot(entries);
  return { stdout: text, stderr: '', status: 0 };
}

const ports = (e: ConnectionEntry) => {
  const text = formatConnectionSet(e.set);
  return text === 'all' ? 'All Connections' : text;
};

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function toCsv(entries: readonly ConnectionEntry[]): string {
  const rows = entries.map((e) => [e.from, e.to, ports(e)].map(csvField).join(','));
  return `${['from,to,allowed', ...rows].join('\n')}\n`;
}

function toMarkdown(entries: readonly ConnectionEntry[]): string {
  const cell = (t: string) => t.replaceAll('|', '\\|');
  const rows = entries.map((e) => `| ${cell(e.from)} | ${cell(e.to)} | ${cell(ports(e))} |`);
  return `${['| From | To | Allowed |', '| --- | --- | --- |', ...rows].join('\n')}\n`;
}

function toDot(entries: readonly ConnectionEntry[]): string {
  const quote = (t: string) => `"${t.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  const nodes = new Set(entries.flatMap((e) => [e.from, e.to]));
  const lines = ['digraph connlist {', '  rankdir=LR;', '  node [shape=box];'];
  for (const node of [...nodes].sort()) lines.push(`  ${quote(node)};`);
  for (const e of entries) lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(ports(e))}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
