import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { formatConnectionSet } from '../../../src/engine/policy/connectionSet.ts';
import { between, readWorld } from './miniFold.ts';

const SAMPLE = resolve(import.meta.dirname, '..', '..', '..', 'samples', 'calico-clearing-service.yaml');

it.each([
  [
    'payments/client',
    'payments/clearing-service',
    'TCP 8080',
    'it runs as clearing-client, on the http port',
  ],
  ['payments/intruder', 'payments/clearing-service', 'none', 'labels do not matter, the ServiceAccount does'],
  ['payments/clearing-service', 'payments/client', 'all', 'the security tier passes what it does not select'],
])('calico-clearing-service.yaml: %s -> %s is %s (%s)', (from, to, expected) => {
  const world = readWorld(readFileSync(SAMPLE, 'utf8'));
  expect(world.diagnostics).toEqual([]);
  expect(formatConnectionSet(between(world, from, to))).toBe(expected);
});
