import { labelEditsToManifests } from '../../engine/teach/index.ts';
import { toLabelOverrides } from '../../state/overridesSlice.ts';
import type { ReachlabState } from '../../state/types.ts';
import { externalConnectionsOf, pairSet } from '../../views/connections.ts';
import type { Snapshot } from '../../views/snapshot.ts';
import { evaluateWorkspace } from '../lessons/evaluateWorkspace.ts';

/** RFC 4180: a field is quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const verdictWord = (verdict: string, ports: string) =>
  verdict === 'denied' ? 'denied' : verdict === 'allowed' ? 'allowed' : `allowed on ${ports}`;

/**
 * The matrix as CSV: a header, then one row per ordered pair of workloads (a workload with itself
 * included: its replicas talk to each other), with the verdict and the allowed ports.
 */
export function matrixCsv(snapshot: Snapshot): string {
  const rows = ['from,to,verdict,ports'];
  const { workloads } = snapshot;
  for (let a = 0; a < workloads.length; a++)
    for (let b = 0; b < workloads.length; b++) {
      const set = snapshot.pairs.sets[pairSet(snapshot, a, b)] ?? { verdict: 'denied', ports: '' };
      const ports = set.verdict === 'denied' ? '' : set.ports;
      rows.push([workloads[a]?.id ?? '', workloads[b]?.id ?? '', set.verdict, ports].map(csvField).join(','));
    }
  return `${rows.join('\r\n')}\r\n`;
}

const MATRIX_LIMIT = 40;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A Markdown report: what was analysed, the matrix, the findings, the what-if edits and ghosts. */
export function reportMarkdown(state: ReachlabState, now = new Date()): string {
  const snapshot = state.snapshot;
  if (!snapshot) return '# Reachlab report\n\nNothing is loaded.\n';
  const lines = [
    '# Reachlab report',
    '',
    `Generated ${now.toISOString()} from ${state.sources.map((s) => `\`${s.name}\``).join(', ') || 'no sources'}.`,
    '',
    `${snapshot.stats.workloads} workloads, ${snapshot.stats.policies} policies, ${snapshot.stats.allowedPairs} allowed pairs.`,
    '',
  ];
  if (state.lesson) {
    lines.push(`Lesson: **${state.lesson.lesson.title}**`, '');
  }
  lines.push('## What-if edits', '');
  if (state.edits.length === 0 && state.ghosts.length === 0)
    lines.push('None: the manifests as written.', '');
  for (const edit of state.edits) {
    const target = edit.target.kind === 'workload' ? edit.target.id : `namespace ${edit.target.name}`;
    lines.push(
      `- ${target}: ${edit.enabled ? `set \`${edit.key}=${edit.value}\`` : `removed \`${edit.key}\``}`,
    );
  }
  for (const ghost of state.ghosts)
    lines.push(
      `- what-if pod ${ghost.namespace}/${ghost.name} with ${
        Object.entries(ghost.labels)
          .map(([k, v]) => `\`${k}=${v}\``)
          .join(', ') || 'no labels'
      }`,
    );
  lines.push('', '## Findings', '');
  if (state.findings.length === 0) lines.push('No findings.');
  for (const f of state.findings)
    lines.push(`- **${f.severity}** ${f.message} (${f.ref.source}:${f.ref.line}). Fix: ${f.fix}`);
  lines.push('', '## Matrix', '');
  const workloads = snapshot.workloads.slice(0, MATRIX_LIMIT);
  if (snapshot.workloads.length > MATRIX_LIMIT)
    lines.push(
      `The first ${MATRIX_LIMIT} of ${snapshot.workloads.length} workloads; the CSV export has every pair.`,
      '',
    );
  lines.push(
    'Rows are sources, columns destinations. ✓ allowed on every port, ◐ some ports (listed), ✕ denied.',
    '',
    `| from \\ to | ${workloads.map((w) => cell(w.id)).join(' | ')} |`,
    `| --- | ${workloads.map(() => '---').join(' | ')} |`,
  );
  for (let a = 0; a < workloads.length; a++) {
    const row = workloads.map((_, b) => {
      const set = snapshot.pairs.sets[pairSet(snapshot, a, b)];
      if (!set || set.verdict === 'denied') return '✕';
      return set.verdict === 'allowed' ? '✓' : `◐ ${cell(set.ports)}`;
    });
    lines.push(`| ${cell(workloads[a]?.id ?? '')} | ${row.join(' | ')} |`);
  }
  const external = externalConnectionsOf(snapshot);
  if (external.length) {
    lines.push('', '## External connections', '', '| from | to | allowed |', '| --- | --- | --- |');
    for (const c of external)
      lines.push(`| ${cell(c.from)} | ${cell(c.to)} | ${cell(verdictWord(c.verdict, c.ports))} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** The manifests with the what-if label edits written in, as one YAML text, and what could not be. */
export function manifestsWithEdits(state: ReachlabState): { text: string; skipped: string[] } {
  const sources = state.sources.map((s) => ({ name: s.name, text: s.text }));
  const { model } = evaluateWorkspace(sources);
  const result = labelEditsToManifests(sources, model, toLabelOverrides(state.edits));
  const text = result.sources
    .map((s) => `# source: ${s.name}\n${s.text.replace(/^---\s*\n/, '')}`)
    .map((t) => (t.endsWith('\n') ? t : `${t}\n`))
    .join('---\n');
  return { text, skipped: result.skipped };
}
