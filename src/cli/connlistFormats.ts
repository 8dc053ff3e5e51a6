import {
  type Analysis,
  type ConnectionEntry,
  forEachConnection,
  formatConnectionSet,
} from '../engine/index.ts';
import { runConnlist } from './connlist.ts';
import type { CommandResult } from './main.ts';
import type { Output } from './output.ts';

export const CONNLIST_FORMATS = ['text', 'json', 'csv', 'md', 'dot'] as const;
export type ConnlistFormat = (typeof CONNLIST_FORMATS)[number];

/**
 * `connlist --format`: text and json as before, plus CSV, a Markdown table and a Graphviz
 * digraph, each written as the connections are found.
 */
export function runConnlistFormat(
  analysis: Analysis,
  format: ConnlistFormat,
  out: Output,
  allPairs = false,
): CommandResult {
  if (format === 'text' || format === 'json') return runConnlist(analysis, format === 'json', out, allPairs);
  const row = format === 'csv' ? csvRow : format === 'md' ? markdownRow : dotEdge;
  out.write(
    format === 'csv'
      ? 'from,to,allowed\n'
      : format === 'md'
        ? '| From | To | Allowed |\n| --- | --- | --- |\n'
        : 'digraph connlist {\n  rankdir=LR;\n  node [shape=box];\n',
  );
  forEachConnection(analysis.model, analysis.reach, (e) => out.write(row(e)));
  if (format === 'dot') out.write('}\n');
  return { stdout: '', stderr: '', status: 0 };
}

const ports = (e: ConnectionEntry) => {
  const text = formatConnectionSet(e.set);
  return text === 'all' ? 'All Connections' : text;
};

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvRow(e: ConnectionEntry): string {
  return `${[e.from, e.to, ports(e)].map(csvField).join(',')}\n`;
}

function markdownRow(e: ConnectionEntry): string {
  const cell = (t: string) => t.replaceAll('|', '\\|');
  return `| ${cell(e.from)} | ${cell(e.to)} | ${cell(ports(e))} |\n`;
}

function dotEdge(e: ConnectionEntry): string {
  const quote = (t: string) => `"${t.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  return `  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(ports(e))}];\n`;
}
