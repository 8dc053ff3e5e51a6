#!/usr/bin/env node
// The CLI is TypeScript built into dist-cli/ by `npm run build:cli` (run by `npm install` via prepare).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist-cli', 'reachlab.mjs');
if (!existsSync(built)) {
  process.stderr.write(
    'reachlab: the CLI is not built yet: run `npm run build:cli` (npm install does it too)\n',
  );
  process.exit(2);
}
await import(pathToFileURL(built).href);
