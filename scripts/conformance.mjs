#!/usr/bin/env node
// Runs the shared NetworkPolicy conformance corpus (../shared/conformance) against the built CLI.
// The corpus is test data owned outside this repository: it is read in place, never copied.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const checker = resolve(root, '..', 'shared', 'conformance', 'check.mjs');
if (!existsSync(checker)) {
  console.log(`conformance: skipped, ${checker} is absent (clone the project next to shared/ to run it)`);
  process.exit(0);
}
const cli = join(root, 'bin', 'reachlab.mjs');
const run = spawnSync(
  process.execPath,
  [checker, ...process.argv.slice(2), '--', process.execPath, cli, 'connlist', '--json'],
  {
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
