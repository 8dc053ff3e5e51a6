import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Analysis, analyze } from '../../src/engine/analyze.ts';
import { joinAtSeparators, seedFiles, splitAtSeparators } from './corpus.ts';
import { mutations } from './mutations.ts';

const seeds = seedFiles();
// Counterexamples name the file instead of printing its text.
const files = seeds.files.map((f) => Object.assign({ ...f }, { [fc.toStringMethod]: () => f.name }));
const conformanceFound = seeds.conformanceFound;
if (!conformanceFound)
  console.warn('property tests: ../shared/conformance is absent; mutating the samples only');

/** Fixed seeds and run counts: the same cases on every machine, in batches that each stay short. */
const RUNS_PER_BATCH = 100;
const FIRST_SEED = Number(process.env.PROPERTY_SEED ?? 4242);
const SEEDS = [FIRST_SEED, FIRST_SEED + 1, FIRST_SEED + 2];

const seedFile = fc.constantFrom(...files);

/**
 * Nodes the model holds, counting shared references every time they are reached (what a walk
 * over the result costs). Stops counting past `cap`, so a blown-up model cannot hang the test.
 */
function expandedNodes(value: unknown, cap: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= cap) {
    const item = stack.pop();
    count++;
    if (Array.isArray(item)) stack.push(...item);
    else if (item && typeof item === 'object') stack.push(...Object.values(item));
  }
  return count;
}

/** The model's size budget: proportional to the text, whatever aliases the text holds. */
function nodeBudget(text: string): number {
  return 50 * text.length + 10_000;
}

function withoutRefs(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'ref' ? undefined : v)));
}

/** Objects by kind and id, for comparing what two analyses read. */
function objectsOf(analysis: Analysis): Map<string, unknown> {
  const { model } = analysis;
  const out = new Map<string, unknown>();
  for (const w of model.workloads) out.set(`workload ${w.id}`, withoutRefs(w));
  for (const p of model.policies) out.set(`policy ${p.id}`, withoutRefs(p));
  for (const s of model.services) out.set(`service ${s.id}`, withoutRefs(s));
  for (const i of model.ingresses) out.set(`ingress ${i.id}`, withoutRefs(i));
  for (const n of model.namespaces) if (n.defined) out.set(`namespace ${n.name}`, withoutRefs(n));
  return out;
}

describe('analyze on mutated manifests (samples and conformance corpus)', () => {
  it.each(SEEDS)(
    'never throws, locates every diagnostic inside the text, and stays within its node budget (seed %i)',
    (seed) => {
      fc.assert(
        fc.property(seedFile, mutations, (file, mutate) => {
          const text = mutate.apply(file.text);
          const analysis = analyze([{ name: file.name, text }]);
          const lines = text.split('\n');
          for (const d of analysis.model.diagnostics) {
            const where = `${d.source}:${d.line}:${d.column} ${d.message}`;
            expect(d.source, where).toBe(file.name);
            expect(d.doc, where).toBeGreaterThanOrEqual(1);
            expect(d.line, where).toBeGreaterThanOrEqual(1);
            expect(d.line, where).toBeLessThanOrEqual(lines.length);
            expect(d.column, where).toBeGreaterThanOrEqual(1);
            expect(d.column, where).toBeLessThanOrEqual((lines[d.line - 1]?.length ?? 0) + 1);
          }
          // At most one diagnostic for every two characters: nothing multiplies what the text says.
          expect(analysis.model.diagnostics.length).toBeLessThanOrEqual(text.length / 2 + 100);
          const budget = nodeBudget(text);
          expect(expandedNodes(analysis.model, budget)).toBeLessThanOrEqual(budget);
        }),
        { numRuns: RUNS_PER_BATCH, seed },
      );
    },
  );

  it.each(SEEDS)(
    'keeps every untouched document: what parses alone is read the same beside a mutated one (seed %i)',
    (seed) => {
      const multiDocument = files.filter((f) => splitAtSeparators(f.text).documents.length > 1);
      fc.assert(
        fc.property(
          fc.constantFrom(...multiDocument),
          fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1_000_000),
          mutations,
          (file, which, mutate) => {
            const { documents, separators } = splitAtSeparators(file.text);
            const target = Math.floor(which * documents.length);
            const mutated = mutate.apply(documents[target] ?? '');
            const untouched = documents.filter((_, i) => i !== target);
            const whole = analyze([
              { name: file.name, text: joinAtSeparators(documents.with(target, mutated), separators) },
            ]);
            const expected = analyze([{ name: file.name, text: untouched.join('\n---\n') }]);
            const fromMutated = objectsOf(analyze([{ name: file.name, text: mutated }]));
            // Pods of one owner are one workload: a mutated document that adds workloads may join them.
            const mutatedAddsWorkloads = [...fromMutated.keys()].some((k) => k.startsWith('workload '));
            const actual = objectsOf(whole);
            for (const [key, object] of objectsOf(expected)) {
              if (fromMutated.has(key)) continue;
              if (mutatedAddsWorkloads && key.startsWith('workload ')) continue;
              expect(actual.get(key), `${file.name}: ${key}`).toEqual(object);
            }
          },
        ),
        { numRuns: RUNS_PER_BATCH, seed },
      );
    },
  );
});
