import { describe, expect, it } from 'vitest';
import { analyze, type ConnectionSet } from '../../src/engine/index.ts';
import { generateCluster } from '../../src/gen/generateCluster.ts';
import { describe as describeReference, ReferenceEvaluator } from '../reference/referenceEvaluator.ts';

function describeEngine(set: ConnectionSet): string {
  return (['SCTP', 'TCP', 'UDP'] as const)
    .flatMap((p) => set[p].map(([lo, hi]) => `${p} ${lo}-${hi}`))
    .join(', ');
}

/** Bounded so npm test stays quick: many small clusters and a few medium ones. */
const SHAPES = [
  ...Array.from({ length: 40 }, (_, i) => ({
    workloads: 8 + (i % 5) * 4,
    namespaces: 1 + (i % 4),
    policies: 3 + (i % 7) * 2,
    seed: 1000 + i,
  })),
  ...Array.from({ length: 4 }, (_, i) => ({ workloads: 120, namespaces: 8, policies: 60, seed: 77 + i })),
];

describe('the engine agrees with the pair-by-pair reference evaluator', () => {
  for (const shape of SHAPES) {
    it(`${shape.workloads} workloads, ${shape.namespaces} namespaces, ${shape.policies} policies, seed ${shape.seed}`, () => {
      const { model, reach } = analyze([{ name: 'generated.yaml', text: generateCluster(shape) }]);
      expect(model.diagnostics).toEqual([]);
      const reference = new ReferenceEvaluator(model);
      const differences: string[] = [];
      for (const a of model.workloads) {
        for (const b of model.workloads) {
          const engine = describeEngine(reach.between(a.id, b.id));
          const expected = describeReference(reference.between(a, b));
          if (engine !== expected)
            differences.push(
              `${a.id} -> ${b.id}: engine ${engine || 'none'}, reference ${expected || 'none'}`,
            );
        }
        // Every external range of the engine's partition, probed at both ends and the middle.
        for (const [i, range] of reach.addressRanges.entries()) {
          for (const address of [range.start, range.end, Math.floor((range.start + range.end) / 2)]) {
            const inbound = describeReference(reference.fromAddress(address, a));
            const outbound = describeReference(reference.toAddress(a, address));
            if (describeEngine(reach.fromExternal(i, a.id)) !== inbound)
              differences.push(`${address} -> ${a.id}`);
            if (describeEngine(reach.toExternal(a.id, i)) !== outbound)
              differences.push(`${a.id} -> ${address}`);
          }
        }
      }
      expect(differences.slice(0, 10)).toEqual([]);
    });
  }
});
