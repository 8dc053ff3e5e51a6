// Hostile-input and schema-check timings: `npx tsx bench/inputBench.ts`. Prints one Markdown
// table row per target and exits 1 when one is missed. Not yet part of `npm run bench` (its
// report shape belongs to bench/run.ts).
import { analyze, buildModel, parseSources } from '../src/engine/index.ts';
import { validateObjects } from '../src/engine/schema/validateObject.ts';
import { generateCluster } from '../src/gen/generateCluster.ts';
import { median } from './engineBench.ts';

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const levels = 'abcdefghi'.split('');
const aliasBomb = (indent: string) =>
  levels
    .map((name, i) => {
      const items = Array(9).fill(i === 0 ? '"x"' : `*${levels[i - 1]}`);
      return `${indent}${name}: &${name} [${items.join(',')}]`;
    })
    .join('\n');
const manyLabels = (count: number, prefix: string) =>
  `kind: Pod\nmetadata:\n  name: many\n  labels:\n${Array.from({ length: count }, (_, i) => `    k${i}: "${prefix}v${i}"`).join('\n')}\n`;

const inputs: [string, string, number][] = [
  [
    '9-level alias bomb in Pod labels',
    `kind: Pod\nmetadata:\n  name: bomb\n  labels:\n${aliasBomb('    ')}\n`,
    100,
  ],
  [
    '9-level alias bomb in matchExpressions.values',
    `kind: NetworkPolicy\nmetadata: {name: p}\nx:\n${aliasBomb('  ')}\nspec:\n  podSelector:\n    matchExpressions: [{key: k, operator: In, values: *i}]\n`,
    100,
  ],
  ['Pod with 20,000 valid label values', manyLabels(20_000, ''), 2000],
  ['Pod with 20,000 invalid label values', manyLabels(20_000, '-'), 2000],
  ['Pod with 200,000 invalid label values', manyLabels(200_000, '-'), 20_000],
  ['60 KB line of unclosed {{', `kind: Pod\nmetadata: {name: a}\nx: "${'{{ '.repeat(20_000)}"\n`, 100],
];

let missed = 0;
console.log('| input | bytes | analyze (median of 3) | target | |');
console.log('|---|---|---|---|---|');
for (const [name, text, targetMs] of inputs) {
  const ms = median([0, 1, 2].map(() => time(() => analyze([{ name: 'in.yaml', text }]))));
  if (ms > targetMs) missed++;
  console.log(
    `| ${name} | ${text.length} | ${ms.toFixed(0)} ms | ${targetMs} ms | ${ms > targetMs ? '**missed**' : 'met'} |`,
  );
}

const yaml = generateCluster({ workloads: 5000, namespaces: 50, policies: 1000, seed: 1 });
const parseRuns: number[] = [];
const schemaRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  let parsed = parseSources([]);
  parseRuns.push(time(() => (parsed = parseSources([{ name: 'g.yaml', text: yaml }]))));
  const model = buildModel(parsed.objects, parsed.diagnostics);
  schemaRuns.push(time(() => validateObjects(parsed.objects, model.diagnostics)));
}
const share = median(schemaRuns) / median(parseRuns);
if (share > 0.2) missed++;
console.log(
  `| schema check, 5,000 workloads / 1,000 policies | ${yaml.length} | ${median(schemaRuns).toFixed(0)} ms (parse ${median(parseRuns).toFixed(0)} ms, ${(share * 100).toFixed(0)}%) | 20% of parse | ${share > 0.2 ? '**missed**' : 'met'} |`,
);
process.exit(missed > 0 ? 1 : 0);
