import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/cli/byteWriter.ts';
import { writeConnlistJson } from '../../src/cli/connlistJson.ts';
import { runCli } from '../../src/cli/main.ts';
import { Output } from '../../src/cli/output.ts';
import { Pieces } from '../../src/cli/pieces.ts';
import {
  type Analysis,
  analyze,
  isEmpty,
  toContractAllowed,
  toContractConditions,
  toContractOther,
} from '../../src/engine/index.ts';
import { generateCluster } from '../../src/gen/generateCluster.ts';

const samples = join(import.meta.dirname, '..', '..', 'samples');

/**
 * The contract as the definition says it, pair by pair through `between` (the per-pair verdict,
 * not the row enumeration connlist uses): every ordered pair of distinct workloads with a
 * non-empty set, by source then destination, then the external entries (taken from the output:
 * their own rules are tested elsewhere).
 */
function pairsByDefinition({ model, reach }: Analysis): unknown[] {
  const entries: unknown[] = [];
  for (const from of model.workloads)
    for (const to of model.workloads) {
      if (from === to) continue;
      const set = reach.between(from.id, to.id);
      if (isEmpty(set)) continue;
      const entry: Record<string, unknown> = { from: from.id, to: to.id, allowed: toContractAllowed(set) };
      const other = toContractOther(set);
      if (other) entry.otherProtocols = other;
      const conditional = toContractConditions(set);
      if (conditional.length > 0) entry.conditional = conditional;
      entries.push(entry);
    }
  return entries;
}

const isPair = (names: Set<string>) => (e: { from: string; to: string }) =>
  names.has(e.from) && names.has(e.to);

const clusters: [string, string][] = [
  ...readdirSync(samples)
    .filter((f) => f.endsWith('.yaml'))
    .map((f): [string, string] => [f, readFileSync(join(samples, f), 'utf8')]),
  ['generated, realistic labels', generateCluster({ workloads: 120, namespaces: 6, policies: 30, seed: 3 })],
  [
    'generated, every workload distinct',
    generateCluster({ workloads: 120, namespaces: 6, policies: 30, seed: 4, distinct: true }),
  ],
];

describe('connlist --json lists exactly the allowed pairs', () => {
  it.each(clusters)(
    '%s: each pair with a non-empty verdict, in order, with its contract fields',
    (_, text) => {
      const analysis = analyze([{ name: 'cluster.yaml', text }]);
      const out = new Output();
      writeConnlistJson(analysis, out);
      const { connections } = JSON.parse(out.flush()) as { connections: { from: string; to: string }[] };
      const names = new Set(analysis.model.workloads.map((w) => w.id));
      expect(connections.filter(isPair(names))).toEqual(pairsByDefinition(analysis));
      // Pairs first, then the external entries.
      const firstExternal = connections.findIndex((e) => !isPair(names)(e));
      if (firstExternal >= 0)
        expect(connections.slice(firstExternal).every((e) => !isPair(names)(e))).toBe(true);
    },
  );
});

describe('connlist --json streamed', () => {
  it('sends the same bytes as the collected output, each chunk whole UTF-8', () => {
    const path = join(samples, 'online-shop.yaml');
    const chunks: Uint8Array[] = [];
    const strict = new TextDecoder('utf-8', { fatal: true });
    const sink = (chunk: string | Uint8Array) => {
      // Chunks are reused by the writer: keep a copy, as a real sink would have written it.
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk.slice();
      strict.decode(bytes);
      chunks.push(bytes);
    };
    const streamed = runCli(['connlist', '--json', path], sink);
    const collected = runCli(['connlist', '--json', path]);
    expect(streamed.stdout).toBe('');
    expect(Buffer.concat(chunks).toString('utf8')).toBe(collected.stdout);
  });
});

describe('ByteWriter and Pieces', () => {
  const texts = ['{"from":', '"ns/café"', ',', '"日本/サービス"', '"emoji/😀"', 'x'.repeat(40), '\n]}\n'];

  it.each([
    ['pieces and text through a chunk smaller than some pieces', 16],
    ['pieces and text through a roomy chunk', 4096],
  ])('%s: the output is the texts in order', (_, size) => {
    const out = new Output();
    const writer = new ByteWriter(out, size);
    const pieces = new Pieces();
    for (const [i, text] of texts.entries()) {
      if (i % 2 === 0) writer.bytes(pieces.encode(text));
      else writer.text(text);
    }
    writer.bytes(pieces.join(pieces.encode('a"é'), pieces.encode('😀b')));
    writer.flush();
    expect(out.flush()).toBe(`${texts.join('')}a"é😀b`);
  });

  it('encodes a piece as UTF-8, whatever its characters', () => {
    const pieces = new Pieces();
    for (const text of ['', 'ascii', 'mixé', '日本', 'a😀b', 'z'.repeat(300_000)])
      expect(Buffer.from(pieces.encode(text)).toString('utf8')).toBe(text);
  });
});
