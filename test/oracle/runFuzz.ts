/**
 * Runs the engine against the oracle on many random clusters and reports each disagreement on the
 * smallest cluster that still shows it. Used by the bounded test in `npm test` and by `npm run fuzz`.
 */
import { compareCluster, type Disagreement, formatDisagreement } from './differential.ts';
import { minimise } from './minimise.ts';
import { type ClusterSize, randomCluster, toYaml } from './randomCluster.ts';

export interface FuzzFailure {
  seed: number;
  /** The minimised cluster, as YAML. */
  yaml: string;
  disagreements: Disagreement[];
  diagnostics: string[];
}

export interface FuzzReport {
  clusters: number;
  verdicts: number;
  failures: FuzzFailure[];
}

/** Seeds `seed`, `seed + 1`, ... `seed + clusters - 1`; stops collecting after `maxFailures`. */
export function runFuzz(options: {
  clusters: number;
  seed: number;
  size?: ClusterSize;
  maxFailures?: number;
}): FuzzReport {
  const failures: FuzzFailure[] = [];
  let verdicts = 0;
  for (let i = 0; i < options.clusters; i++) {
    const seed = options.seed + i;
    const objects = randomCluster(seed, options.size);
    const result = compareCluster(objects, seed);
    verdicts += result.pairs;
    if (result.disagreements.length === 0 && result.diagnostics.length === 0) continue;
    const small = result.disagreements.length > 0 ? minimise(objects) : objects;
    const shown = result.disagreements.length > 0 ? compareCluster(small) : result;
    failures.push({
      seed,
      yaml: toYaml(small),
      disagreements: shown.disagreements,
      diagnostics: result.diagnostics,
    });
    if (failures.length >= (options.maxFailures ?? 5)) break;
  }
  return { clusters: options.clusters, verdicts, failures };
}

export function formatFailure(failure: FuzzFailure): string {
  const lines = [`seed ${failure.seed}:`];
  for (const d of failure.disagreements.slice(0, 6)) lines.push(`  ${formatDisagreement(d)}`);
  if (failure.disagreements.length > 6) lines.push(`  ... ${failure.disagreements.length - 6} more`);
  for (const d of failure.diagnostics.slice(0, 3)) lines.push(`  engine diagnostic: ${d}`);
  lines.push('  smallest cluster that shows it:', ...failure.yaml.split('\n').map((l) => `    ${l}`));
  return lines.join('\n');
}
