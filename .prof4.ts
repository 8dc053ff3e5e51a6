import { buildModel, parseSources, Reachability } from '/work/main/src/engine/index.ts';
import { generateCluster } from '/work/main/src/gen/generateCluster.ts';
const text = generateCluster({ workloads: 5000, namespaces: 50, policies: 1000, seed: 1, distinct: true });
const parsed = parseSources([{ name: 'g.yaml', text }]);
const model = buildModel(parsed.objects, parsed.diagnostics);
for (let i = 0; i < 6; i++) Reachability.evaluate(model);
