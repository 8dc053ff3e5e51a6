/**
 * `npm run fuzz [-- --clusters N --seed S --pods P --policies Q]`: compares the engine with the
 * oracle on many random clusters and prints each disagreement on its smallest cluster.
 * Exits 1 when the two disagree.
 */
import { parseArgs } from 'node:util';
import { formatFailure, runFuzz } from './runFuzz.ts';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '3000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    pods: { type: 'string', default: '6' },
    policies: { type: 'string', default: '4' },
  },
});
const clusters = Number(values.clusters);
const seed = Number(values.seed);
const started = performance.now();
const report = runFuzz({
  clusters,
  seed,
  size: { pods: Number(values.pods), policies: Number(values.policies) },
  maxFailures: 10,
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
for (const failure of report.failures) console.log(`${formatFailure(failure)}\n`);
console.log(
  `fuzz: ${clusters} clusters from seed ${seed}, ${report.verdicts} endpoint pairs compared, ` +
    `${report.failures.length} disagreeing clusters, ${seconds} s`,
);
process.exitCode = report.failures.length > 0 ? 1 : 0;
