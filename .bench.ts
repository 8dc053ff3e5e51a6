import { buildModel, parseSources, Reachability } from '/work/main/src/engine/index.ts';
import { generateCluster } from '/work/main/src/gen/generateCluster.ts';
const n = Number(process.argv[2] ?? 5000);
const text = generateCluster({ workloads: n, namespaces: Math.max(5, n/100|0), policies: n/5|0, seed: 1, distinct: process.argv.includes('--distinct') });
const parsed = parseSources([{ name: 'g.yaml', text }]);
const model = buildModel(parsed.objects, parsed.diagnostics);
const cpu: number[] = [];
let reach!: Reachability;
for (let i = 0; i < 3; i++) { const c = process.cpuUsage(); reach = Reachability.evaluate(model); const d = process.cpuUsage(c); cpu.push((d.user + d.system) / 1000); }
const r = reach as unknown as { egressGroups?: unknown[]; ingressGroups?: unknown[] };
const c2 = process.cpuUsage(); const pairs = reach.countAllowedPairs(); const d2 = process.cpuUsage(c2);
console.log(n, 'classes', reach.classCount, 'groups', r.egressGroups?.length, r.ingressGroups?.length, 'evaluate cpu ms', cpu.map((t) => t.toFixed(0)).join(' '), 'countPairs', pairs, ((d2.user+d2.system)/1000).toFixed(0), 'rss', (process.memoryUsage().rss/1e6).toFixed(0));
