import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem, type } from 'node:os';
import { resolve } from 'node:path';
import { type BrowserRow, benchBrowser } from './browserBench.ts';
import { benchEngine, type EngineRow } from './engineBench.ts';

/**
 * npm run bench [-- --quick]: engine timings at several sizes (and 50,000 / 10,000 unless
 * --quick), then the built app in Debian's Chromium; prints a table and writes it, with the
 * machine's description, to docs/PERFORMANCE.md.
 */
const quick = process.argv.includes('--quick');
const engineShapes = [
  { workloads: 500, namespaces: 10, policies: 100, runs: 5, reference: true },
  { workloads: 1000, namespaces: 20, policies: 200, runs: 5, reference: true },
  { workloads: 2000, namespaces: 25, policies: 400, runs: 5, reference: false },
  { workloads: 5000, namespaces: 50, policies: 1000, runs: 5, reference: false },
  ...(quick ? [] : [{ workloads: 50000, namespaces: 200, policies: 10000, runs: 1, reference: false }]),
];

const fmt = (n: number | null, digits = 0) => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const engine: EngineRow[] = [];
for (const shape of engineShapes) {
  process.stderr.write(`engine: ${shape.workloads} workloads / ${shape.policies} policies...\n`);
  engine.push(benchEngine(shape, shape.runs, shape.reference));
}
const browser: BrowserRow[] = [];
for (const size of [
  { workloads: 300, policies: 60, namespaces: 10 },
  { workloads: 1000, policies: 200, namespaces: 20 },
  ...(quick ? [] : [{ workloads: 5000, policies: 1000, namespaces: 50 }]),
]) {
  process.stderr.write(`browser: ${size.workloads} workloads...\n`);
  browser.push(
    await benchBrowser(size.workloads, size.policies, size.namespaces, size.workloads >= 5000 ? 1 : 3),
  );
}

let chromium = 'unknown';
try {
  chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
    encoding: 'utf8',
  }).trim();
} catch {
  // reported as unknown
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, ${type()}, Node ${process.version}, ${chromium}`;

const engineTable = [
  '| workloads | policies | classes | runs | parse | model | full evaluation | label toggle | policy edit | reference evaluator | engine speed-up | CLI peak memory |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...engine.map(
    (r) =>
      `| ${r.workloads} | ${r.policies} | ${r.classes} | ${r.runs} | ${fmt(r.parseMs)} ms | ${fmt(r.modelMs)} ms | ${fmt(r.evaluateMs)} ms | ${fmt(r.toggleMs, 2)} ms | ${fmt(r.policyEditMs)} ms | ${r.referenceMs === null ? 'not run' : `${fmt(r.referenceMs)} ms`} | ${r.referenceMs === null ? 'n/a' : `${fmt(r.referenceMs / r.evaluateMs, 1)}×`} | ${fmt(r.cliPeakMb)} MB |`,
  ),
].join('\n');
const browserTable = [
  '| workloads | runs | file load to interactive graph | label toggle to repainted edges | panning | longest main-thread task (typing, toggling) |',
  '|---:|---:|---:|---:|---:|---:|',
  ...browser.map(
    (r) =>
      `| ${r.workloads} | ${r.runs} | ${fmt(r.loadToGraphMs)} ms | ${fmt(r.toggleToPaintMs)} ms | ${fmt(r.panFps)} fps | ${fmt(r.longestTaskMs)} ms |`,
  ),
].join('\n');

const report = `# Performance

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.
Clusters come from the deterministic generator (\`npm run gen\`, seed 1 for the engine, 3 for the browser):
realistic label spread (app/tier/team/env plus Helm labels no policy reads), default denies, pod and
namespace selectors, matchExpressions, named ports, port ranges, ipBlocks. Times are medians of the runs shown.

## Engine

${engineTable}

- *full evaluation*: every pair of pod classes and every external range, after parsing.
- *label toggle*: one workload's labels changed with the same policies (\`Reachability.update\`, incremental).
- *policy edit*: one policy replaced; today this re-evaluates from scratch.
- *reference evaluator*: the pair-by-pair evaluator of the differential tests (test/reference), same run;
  it is only run up to 1,000 workloads, where it already takes seconds (it grows with workloads² × policies).

## Browser (the built app in Debian's Chromium, 1440×900)

${browserTable}

- *file load*: from choosing the file to the graph drawn (worker parse and evaluation, layout, first paint).
  Above 150 workloads namespaces start collapsed, so the first picture is one node per namespace.
- *label toggle*: click on a label switch until the frame after the new result.
- *panning*: animation frames per second while dragging the graph for about two seconds.
- *longest task*: the longest main-thread task (Long Tasks API) while typing into the editor and toggling.
`;
writeFileSync(resolve(import.meta.dirname, '..', 'docs', 'PERFORMANCE.md'), report);
process.stdout.write(`${engineTable}\n\n${browserTable}\n`);
