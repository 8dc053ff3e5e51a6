import { readFileSync } from 'node:fs';
import { buildModel, parseSources, Reachability } from '/work/main/src/engine/index.ts';
const text = readFileSync('/tmp/d5000.yaml', 'utf8');
const parsed = parseSources([{ name: 'g.yaml', text }]);
const model = buildModel(parsed.objects, parsed.diagnostics);
for (let i = 0; i < 8; i++) Reachability.evaluate(model);
