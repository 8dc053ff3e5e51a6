import { writeFileSync } from 'node:fs';
import { generateCluster } from './generateCluster.ts';

/** `npm run gen -- --workloads N --namespaces M --policies P --seed S [--distinct] [--out FILE]` */
function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`gen: --${name} needs a whole number\n`);
    process.exit(2);
  }
  return value;
}

const yaml = generateCluster({
  workloads: argument('workloads', 100),
  namespaces: argument('namespaces', 10),
  policies: argument('policies', 40),
  seed: argument('seed', 1),
  distinct: process.argv.includes('--distinct'),
});
const outIndex = process.argv.indexOf('--out');
if (outIndex >= 0 && process.argv[outIndex + 1]) writeFileSync(process.argv[outIndex + 1] as string, yaml);
else process.stdout.write(yaml);
