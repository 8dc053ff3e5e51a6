import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadAll } from 'js-yaml';
import {
  buildModel,
  type ClusterModel,
  explainPair,
  parseSources,
  Reachability,
} from '../src/engine/index.ts';
import { generateCluster } from '../src/gen/generateCluster.ts';
import { Random } from '../src/gen/random.ts';
import { ReferenceEvaluator } from '../test/reference/referenceEvaluator.ts';

export interface EngineRow {
  /** `realistic`: the generator's label spread; `distinct`: no two workloads share a label set. */
  mode: 'realistic' | 'distinct';
  workloads: number;
  policies: number;
  classes: number;
  runs: number;
  parseMs: number;
  modelMs: number;
  evaluateMs: number;
  toggleMs: number;
  policyEditMs: number;
  referenceMs: number | null;
  cliPeakMb: number | null;
  /** js-yaml's loadAll on the same text, in the same run: the yardstick for parse and evaluate. */
  jsyamlMs: number;
  /** The first explanation of a pair after an evaluation. */
  explainMs: number;
  /** `reachlab connlist --json` on the same file, wall clock, and its output size. */
  connlistMs: number | null;
  connlistMb: number | null;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

/**
 * `time` after a full garbage collection (node --expose-gc): each of the big steps pays for its own
 * garbage, not the step before's (that moved the ratios to js-yaml by 0.3-0.5 between runs).
 * Toggles and explanations are timed as they come, in a warm process, as a user meets them.
 */
function clean<T>(fn: () => T): [T, number] {
  (globalThis as { gc?: () => void }).gc?.();
  return time(fn);
}

/** A label toggle as the app does it: same policies, one workload's app label changed. */
function toggleOnce(model: ClusterModel, reach: Reachability, random: Random): number {
  const workload = random.pick(model.workloads);
  const other = random.pick(model.workloads);
  const edited: ClusterModel = {
    ...model,
    workloads: model.workloads.map((w) =>
      w === workload
        ? { ...w, labels: { ...w.labels, app: other.labels.app ?? 'x', tier: other.labels.tier ?? 'y' } }
        : w,
    ),
  };
  const [, ms] = time(() => Reachability.update(reach, edited));
  return ms;
}

/** Peak memory of the CLI evaluating the same file (GNU time's maximum resident set size). */
function cliPeak(yaml: string): number | null {
  const file = join(tmpdir(), `reachlab-bench-${process.pid}.yaml`);
  writeFileSync(file, yaml);
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      process.execPath,
      '--max-old-space-size=8192',
      resolve(import.meta.dirname, '..', 'bin', 'reachlab.mjs'),
      'stats',
      file,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const kb = Number(run.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : null;
}

/**
 * Wall time and output size of `reachlab connlist --json` on a file, its output written to a file
 * (collecting 280 MB through a pipe into this process cost the measurement a second of its own).
 */
function connlistRun(yaml: string): { ms: number; mb: number } | null {
  const file = join(tmpdir(), `reachlab-bench-connlist-${process.pid}.yaml`);
  const out = join(tmpdir(), `reachlab-bench-connlist-${process.pid}.json`);
  writeFileSync(file, yaml);
  const fd = openSync(out, 'w');
  try {
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [resolve(import.meta.dirname, '..', 'bin', 'reachlab.mjs'), 'connlist', '--json', file],
      { stdio: ['ignore', fd, 'ignore'] },
    );
    const ms = performance.now() - started;
    return run.status === 0 ? { ms, mb: statSync(out).size / 1024 ** 2 } : null;
  } finally {
    closeSync(fd);
    rmSync(out, { force: true });
  }
}

export function benchEngine(
  shape: { workloads: number; namespaces: number; policies: number },
  runs: number,
  withReference: boolean,
  mode: EngineRow['mode'] = 'realistic',
  options: { connlist?: boolean; cliPeak?: boolean } = {},
): EngineRow {
  const yaml = generateCluster({ ...shape, seed: 1, distinct: mode === 'distinct' });
  const jsyaml: number[] = [];
  const parse: number[] = [];
  const modelTimes: number[] = [];
  const evaluate: number[] = [];
  let model: ClusterModel | undefined;
  let reach: Reachability | undefined;
  for (let run = 0; run < runs; run++) {
    jsyaml.push(clean(() => yaml.length > 0 && loadAll(yaml))[1]);
    const [parsed, parseMs] = clean(() => parseSources([{ name: 'bench.yaml', text: yaml }]));
    const [built, modelMs] = clean(() => buildModel(parsed.objects, parsed.diagnostics));
    const [evaluated, evaluateMs] = clean(() => Reachability.evaluate(built));
    parse.push(parseMs);
    modelTimes.push(modelMs);
    evaluate.push(evaluateMs);
    model = built;
    reach = evaluated;
  }
  if (!model || !reach) throw new Error('no run');
  const random = new Random(42);
  // Repeated toggles on one evaluation, as a user clicking through labels.
  const toggles: number[] = [];
  for (let i = 0; i < 15; i++) toggles.push(toggleOnce(model, reach, random));
  const edits: number[] = [];
  for (let i = 0; i < Math.min(3, runs); i++) {
    const [first, ...rest] = model.policies;
    if (!first) break;
    // A new policy object: the evaluation cannot reuse anything of the old one.
    const edited = { ...model, policies: [{ ...first }, ...rest] };
    edits.push(time(() => Reachability.update(reach, edited))[1]);
  }
  let referenceMs: number | null = null;
  if (withReference) {
    const reference = new ReferenceEvaluator(model);
    const start = performance.now();
    for (const a of model.workloads) for (const b of model.workloads) reference.between(a, b);
    referenceMs = performance.now() - start;
  }
  const ids = model.workloads.map((w) => w.id);
  const [, explainMs] = time(() =>
    explainPair(
      { model: model as ClusterModel, reach: reach as Reachability },
      ids[0] ?? '',
      ids[ids.length - 1] ?? '',
    ),
  );
  const connlist = options.connlist ? connlistRun(yaml) : null;
  return {
    mode,
    jsyamlMs: median(jsyaml),
    explainMs,
    connlistMs: connlist?.ms ?? null,
    connlistMb: connlist?.mb ?? null,
    workloads: model.workloads.length,
    policies: model.policies.length,
    classes: reach.classCount,
    runs,
    parseMs: median(parse),
    modelMs: median(modelTimes),
    evaluateMs: median(evaluate),
    toggleMs: median(toggles),
    policyEditMs: edits.length ? median(edits) : Number.NaN,
    referenceMs,
    cliPeakMb: options.cliPeak === false ? null : cliPeak(yaml),
  };
}
