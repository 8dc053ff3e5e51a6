import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type } from 'node:os';
import { resolve } from 'node:path';
import { findBrowser } from '../scripts/find-browser.mjs';
import { type BrowserRow, benchBrowser } from './browserBench.ts';
import { benchEngine, type EngineRow } from './engineBench.ts';

/**
 * npm run bench [-- --quick]: engine timings at several sizes (and 50,000 / 10,000 unless
 * --quick), then the built app in Debian's Chromium; prints a table and writes it, with the
 * machine's description, to docs/PERFORMANCE.md.
 */
const quick = process.argv.includes('--quick');
/** --report-only rewrites docs/PERFORMANCE.md from the last measurements (docs/performance.json). */
const reportOnly = process.argv.includes('--report-only');
const saved = reportOnly
  ? (JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'docs', 'performance.json'), 'utf8')) as {
      machine: string;
      measuredOn: string;
      engine: EngineRow[];
      browser: BrowserRow[];
    })
  : undefined;
/** Both generator modes at the sizes of the targets; the largest only without --quick. */
const engineShapes = (['realistic', 'distinct'] as const).flatMap((mode) => [
  ...(mode === 'realistic'
    ? [
        { mode, workloads: 500, namespaces: 10, policies: 100, runs: 5, reference: true },
        { mode, workloads: 1000, namespaces: 20, policies: 200, runs: 5, reference: true },
      ]
    : []),
  { mode, workloads: 5000, namespaces: 50, policies: 1000, runs: 5, reference: false },
  { mode, workloads: 10000, namespaces: 100, policies: 2000, runs: 1, reference: false },
  { mode, workloads: 20000, namespaces: 200, policies: 4000, runs: 1, reference: false },
  ...(quick ? [] : [{ mode, workloads: 50000, namespaces: 200, policies: 10000, runs: 1, reference: false }]),
]);

/** What limits the missed targets, and what would lift them (kept next to the code that measures). */
const LIMITS = `What limits what is left (the design is in docs/ENGINE.md):
- **Browser label toggle** (5,000 distinct about 180-190 ms on a quiet machine, 1,000 about 110 ms):
  the worker's share is 70-90 ms (the incremental evaluation, the snapshot's pair index copied and
  patched, namespace tallies redone for the moved workload, external cells), the message both ways
  20-40 ms, and the page's graph build and commit 40-60 ms before the frame that draws it. Findings
  follow in a second call. The 1,000 target (100 ms) is from an earlier issue and still missed: the
  fixed costs (a message round trip, a React commit, two frames) are most of it.
- **Run-to-run spread on this virtual machine**: four full runs on 2026-12-02, all on a quiet
  machine, gave for the same code (last two) or nearly (first two): browser toggle at 5,000 distinct
  177-205 ms; engine toggle at 5,000 7.0-14.2 ms (5.7-6.5 ms, median of 60, in a process of its
  own); first explanation 2.4-6.1 ms; connlist --json 1.37-2.67 s; evaluation / js-yaml 0.92-1.07x
  (js-yaml itself 165-308 ms on the same 5,000-workload text). Targets near their limit flip between
  runs; the table above is the last run, as measured.`;

const fmt = (n: number | null, digits = 0) => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const engine: EngineRow[] = saved?.engine ?? [];
for (const shape of saved ? [] : engineShapes) {
  process.stderr.write(
    `engine (${shape.mode}): ${shape.workloads} workloads / ${shape.policies} policies...\n`,
  );
  engine.push(
    benchEngine(shape, shape.runs, shape.reference, shape.mode, {
      connlist: shape.workloads === 5000,
      cliPeak: shape.workloads === 5000 || shape.workloads === 10000,
    }),
  );
}
const browser: BrowserRow[] = saved?.browser ?? [];
for (const size of saved
  ? []
  : [
      { workloads: 300, policies: 60, namespaces: 10, mode: 'realistic' as const, runs: 3 },
      { workloads: 1000, policies: 200, namespaces: 20, mode: 'realistic' as const, runs: 3 },
      ...(quick
        ? []
        : [
            { workloads: 5000, policies: 1000, namespaces: 50, mode: 'realistic' as const, runs: 1 },
            { workloads: 5000, policies: 1000, namespaces: 50, mode: 'distinct' as const, runs: 2 },
          ]),
    ]) {
  process.stderr.write(`browser (${size.mode}): ${size.workloads} workloads...\n`);
  browser.push(await benchBrowser(size.workloads, size.policies, size.namespaces, size.runs, size.mode));
}

let chromium = 'unknown';
try {
  chromium = execFileSync(findBrowser()?.path ?? 'chromium', ['--version'], {
    encoding: 'utf8',
  }).trim();
} catch {
  // reported as unknown
}
const measuredOn = saved?.measuredOn ?? new Date().toISOString().slice(0, 10);
const machine =
  saved?.machine ??
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, ${type()}, Node ${process.version}, ${chromium}`;

const engineTable = [
  '| labels | workloads | policies | classes | js-yaml loadAll | parse | model | full evaluation | evaluation / js-yaml | parse / js-yaml | label toggle | first explanation | connlist --json | CLI peak memory |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...engine.map(
    (r) =>
      `| ${r.mode ?? 'realistic'} | ${r.workloads} | ${r.policies} | ${r.classes} | ${fmt(r.jsyamlMs)} ms | ${fmt(r.parseMs)} ms | ${fmt(r.modelMs)} ms | ${fmt(r.evaluateMs)} ms | ${fmt(r.evaluateMs / r.jsyamlMs, 2)}× | ${fmt(r.parseMs / r.jsyamlMs, 2)}× | ${fmt(r.toggleMs, 2)} ms | ${fmt(r.explainMs, 2)} ms | ${r.connlistMs === null || r.connlistMs === undefined ? 'n/a' : `${fmt(r.connlistMs)} ms (${fmt(r.connlistMb, 0)} MB)`} | ${fmt(r.cliPeakMb)} MB |`,
  ),
].join('\n');
const browserTable = [
  '| labels | workloads | runs | file load to interactive graph | label toggle to repainted edges | panning | longest task while panning | longest task (typing, toggling) | tab memory |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...browser.map(
    (r) =>
      `| ${r.mode ?? 'realistic'} | ${r.workloads} | ${r.runs} | ${fmt(r.loadToGraphMs)} ms | ${fmt(r.toggleToPaintMs)} ms | ${fmt(r.panFps)} fps | ${fmt(r.panLongestTaskMs ?? null)} ms | ${fmt(r.longestTaskMs)} ms | ${fmt(r.tabMemoryMb ?? null)} MB |`,
  ),
].join('\n');

type Check = { target: string; measured: string; met: boolean };
const at = <T extends { workloads: number }>(rows: T[], n: number): T | undefined =>
  rows.find((r) => r.workloads === n);
const b1 = at(
  browser.filter((r) => (r.mode ?? 'realistic') === 'realistic'),
  1000,
);
const b5 = at(
  browser.filter((r) => r.mode === 'distinct'),
  5000,
);
const checks: Check[] = [];
for (const mode of ['realistic', 'distinct'] as const) {
  const rows = engine.filter((r) => (r.mode ?? 'realistic') === mode);
  const e5 = at(rows, 5000);
  const e10 = at(rows, 10000);
  const e20 = at(rows, 20000);
  const e50 = at(rows, 50000);
  const label = `(${mode} labels)`;
  if (e5) {
    checks.push({
      target: `Engine 5,000 / 1,000 ${label}: full evaluation under 300 ms`,
      measured: `${fmt(e5.evaluateMs)} ms`,
      met: e5.evaluateMs < 300,
    });
    checks.push({
      target: `Engine 5,000 / 1,000 ${label}: evaluation no slower than js-yaml parsing the same text`,
      measured: `${fmt(e5.evaluateMs)} ms vs ${fmt(e5.jsyamlMs)} ms (${fmt(e5.evaluateMs / e5.jsyamlMs, 2)}×)`,
      met: e5.evaluateMs <= e5.jsyamlMs,
    });
    checks.push({
      target: `Parse stage ${label}: within 1.5× of js-yaml's loadAll`,
      measured: `${fmt(e5.parseMs)} ms vs ${fmt(e5.jsyamlMs)} ms (${fmt(e5.parseMs / e5.jsyamlMs, 2)}×)`,
      met: e5.parseMs <= 1.5 * e5.jsyamlMs,
    });
    checks.push({
      target: `Engine 5,000 ${label}: one label toggle under 10 ms`,
      measured: `${fmt(e5.toggleMs, 1)} ms`,
      met: e5.toggleMs < 10,
    });
    checks.push({
      target: `Engine 5,000 ${label}: first explanation of a pair under 5 ms`,
      measured: `${fmt(e5.explainMs, 1)} ms`,
      met: e5.explainMs < 5,
    });
    if (e5.connlistMs !== null && e5.connlistMs !== undefined)
      checks.push({
        target: `connlist --json at 5,000 ${label} under 2 s`,
        measured: `${fmt(e5.connlistMs)} ms for ${fmt(e5.connlistMb)} MB of output (whole CLI run)`,
        met: e5.connlistMs < 2000,
      });
  }
  if (e5 && e20) {
    const perDoubling = (e20.evaluateMs / e5.evaluateMs) ** (1 / Math.log2(e20.workloads / e5.workloads));
    checks.push({
      target: `Growth per doubling from 5,000 to 20,000 ${label}: at most 2.5×`,
      measured: `×${fmt(perDoubling, 2)}`,
      met: perDoubling <= 2.5,
    });
  }
  if (e10)
    checks.push({
      target: `Peak memory at 10,000 workloads ${label}: under 400 MB`,
      measured: `${fmt(e10.cliPeakMb)} MB (reachlab stats)`,
      met: (e10.cliPeakMb ?? Number.POSITIVE_INFINITY) < 400,
    });
  if (e50)
    checks.push({
      target: `Engine 50,000 / 10,000 ${label}: full evaluation under 5 s`,
      measured: `${fmt(e50.evaluateMs / 1000, 1)} s`,
      met: e50.evaluateMs < 5000,
    });
}
if (b1) {
  checks.push({
    target: 'Browser 1,000: load to an interactive graph under 3 s',
    measured: `${fmt(b1.loadToGraphMs)} ms`,
    met: b1.loadToGraphMs < 3000,
  });
  checks.push({
    target: 'Browser 1,000: label toggle to repainted edges under 100 ms',
    measured: `${fmt(b1.toggleToPaintMs)} ms`,
    met: b1.toggleToPaintMs < 100,
  });
  checks.push({
    target: 'Browser 1,000: panning at 30 fps or more',
    measured: `${fmt(b1.panFps)} fps`,
    met: b1.panFps >= 30,
  });
  checks.push({
    target: 'Browser 1,000: no main-thread task over 100 ms while typing or toggling',
    measured: `${fmt(b1.longestTaskMs)} ms`,
    met: b1.longestTaskMs <= 100,
  });
}
if (b5) {
  checks.push({
    target: 'Browser 5,000 (distinct labels): first interactive graph under 5 s',
    measured: `${fmt(b5.loadToGraphMs)} ms`,
    met: b5.loadToGraphMs < 5000,
  });
  checks.push({
    target: 'Browser 5,000 (distinct labels): one label toggle, click to repaint, under 200 ms',
    measured: `${fmt(b5.toggleToPaintMs)} ms`,
    met: b5.toggleToPaintMs < 200,
  });
  checks.push({
    target: 'Browser 5,000 (distinct labels): no main-thread task over 200 ms while panning',
    measured: `${fmt(b5.panLongestTaskMs ?? null)} ms (${fmt(b5.panFps)} fps)`,
    met: (b5.panLongestTaskMs ?? Number.POSITIVE_INFINITY) <= 200,
  });
  checks.push({
    target: 'Browser 5,000 (distinct labels): tab memory under 1 GB',
    measured: `${fmt(b5.tabMemoryMb ?? null)} MB (renderer resident memory)`,
    met: (b5.tabMemoryMb ?? Number.POSITIVE_INFINITY) < 1024,
  });
}
const checkTable = [
  '| target | measured | |',
  '|---|---|---|',
  ...checks.map((c) => `| ${c.target} | ${c.measured} | ${c.met ? 'met' : '**missed**'} |`),
].join('\n');
writeFileSync(
  resolve(import.meta.dirname, '..', 'docs', 'performance.json'),
  `${JSON.stringify({ machine, measuredOn, engine, browser, checks }, null, 2)}\n`,
);

const report = `# Performance

Measured by \`npm run bench\` on ${measuredOn}: ${machine}.
Clusters come from the deterministic generator (\`npm run gen\`, seed 1 for the engine, 3 for the browser):
realistic label spread (app/tier/team/env plus Helm labels no policy reads), default denies, pod and
namespace selectors, matchExpressions, named ports, port ranges, ipBlocks. Times are medians of the runs shown;
js-yaml, parse, model and evaluation each start after a full garbage collection (their own garbage, not the
step before's); toggles and explanations are timed as they come in the warm process.

## Against the targets

${checkTable}

${LIMITS}

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
- *label toggle*: from the click (its event time in the page) until the frame after the new result; median of three
  toggles (off, on, off) of the workload selected in the matrix, 600 ms apart.
- *panning*: animation frames per second while dragging the graph for about two seconds, and the
  longest main-thread task (Long Tasks API) meanwhile.
- *longest task (typing, toggling)*: the longest main-thread task while toggling and typing into the editor.
- *tab memory*: resident memory of the renderer process (the page and its worker) after the toggles.
`;
writeFileSync(resolve(import.meta.dirname, '..', 'docs', 'PERFORMANCE.md'), report);
process.stdout.write(`${engineTable}\n\n${browserTable}\n`);
