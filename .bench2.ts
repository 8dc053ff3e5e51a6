import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { buildModel, parseSources, Reachability, modelFromSources, explainPair, analyze } from '/work/main/src/engine/index.ts';
const file = process.argv[2] as string;
const text = readFileSync(file, 'utf8');
const cpu = (f: () => void) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
for (let i = 0; i < 3; i++) {
  const js = cpu(() => yaml.loadAll(text));
  let parsed: ReturnType<typeof parseSources> | undefined;
  const p = cpu(() => { parsed = parseSources([{ name: 'x', text }]); });
  let model: ReturnType<typeof buildModel> | undefined;
  const m = cpu(() => { model = buildModel(parsed!.objects, parsed!.diagnostics); });
  let reach: Reachability | undefined;
  const e = cpu(() => { reach = Reachability.evaluate(model!); });
  console.log(`jsyaml ${js.toFixed(0)} parse ${p.toFixed(0)} (x${(p / js).toFixed(2)}) model ${m.toFixed(0)} evaluate ${e.toFixed(0)} (x${(e / js).toFixed(2)})`);
}
const a = analyze([{ name: 'x', text }]);
const ids = a.model.workloads.map((w) => w.id);
const t = cpu(() => explainPair(a, ids[0]!, ids[ids.length - 1]!));
const t2 = cpu(() => explainPair(a, ids[1]!, ids[ids.length - 2]!));
console.log('first explain', t.toFixed(1), 'second', t2.toFixed(1), 'rss', (process.memoryUsage().rss / 1e6).toFixed(0));
