import type { Analysis, ConnectionEntry } from '../engine/index.ts';
import { type PairFormat, writeConnectionLines } from './connectionLines.ts';
import { portsText, runConnlist, setText } from './connlist.ts';
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
  out.write(
    format === 'csv'
      ? 'from,to,allowed\n'
      : format === 'md'
        ? '| From | To | Allowed |\n| --- | --- | --- |\n'
        : 'digraph connlist {\n  rankdir=LR;\n  node [shape=box];\n',
  );
  const ports = portsText(analysis);
  const portsOf = (e: ConnectionEntry) => (e.id === undefined ? setText(e.set) : ports(e.id));
  const rows: Record<typeof format, PairFormat> = {
    csv: {
      from: (name) => `${csvField(name)},`,
      to: (name, id) => `${csvField(name)},${csvField(ports(id))}\n`,
      external: (e) => `${[e.from, e.to, portsOf(e)].map(csvField).join(',')}\n`,
    },
    md: {
      from: (name) => `| ${cell(name)} | `,
      to: (name, id) => `${cell(name)} | ${cell(ports(id))} |\n`,
      external: (e) => `| ${cell(e.from)} | ${cell(e.to)} | ${cell(portsOf(e))} |\n`,
    },
    dot: {
      from: (name) => `  ${quote(name)} -> `,
      to: (name, id) => `${quote(name)} [label=${quote(ports(id))}];\n`,
      external: (e) => `  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(portsOf(e))}];\n`,
    },
  };
  writeConnectionLines(analysis, out, rows[format]);
  if (format === 'dot') out.write('}\n');
  return { stdout: '', stderr: '', status: 0 };
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A Markdown table cell's text. */
const cell = (text: string) => text.replaceAll('|', '\\|');

/** A Graphviz quoted id. */
const quote = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
