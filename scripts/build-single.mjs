#!/usr/bin/env node
// Builds Reachlab as one self-contained HTML file (dist-single/reachlab.html) for training rooms:
// it opens from disk with no network. Script and styles are inlined; the CSP allows exactly the
// inlined script by its hash, and no connections at all.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const temp = join(root, 'dist-single', '.build');
rmSync(join(root, 'dist-single'), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', temp, '--emptyOutDir'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

let html = readFileSync(join(temp, 'index.html'), 'utf8');
const scripts = [];
html = html.replace(/<script type="module" crossorigin src="\.\/([^"]+)"><\/script>/g, (_, file) => {
  // "</script" inside the code would end the element early.
  const code = readFileSync(join(temp, file), 'utf8').replaceAll('</script', '<\\/script');
  scripts.push(code);
  return `<script type="module">${code}</script>`;
});
html = html.replace(
  /<link rel="stylesheet" crossorigin href="\.\/([^"]+)">/g,
  (_, file) => `<style>${readFileSync(join(temp, file), 'utf8')}</style>`,
);
html = html.replace(/<link rel="icon" href="\.\/favicon\.svg" type="image\/svg\+xml" \/>/, () => {
  const svg = readFileSync(join(temp, 'favicon.svg'));
  return `<link rel="icon" href="data:image/svg+xml;base64,${svg.toString('base64')}" />`;
});
if (scripts.length === 0 || /src="\.\/|href="\.\/assets/.test(html))
  throw new Error('build-single: some assets were not inlined');
const hashes = scripts.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
const policy = [
  "default-src 'none'",
  `script-src ${hashes.join(' ')}`,
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'worker-src blob:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(
  /<meta http-equiv="Content-Security-Policy" content="[^"]*" \/>/,
  `<meta http-equiv="Content-Security-Policy" content="${policy}" />`,
);
mkdirSync(join(root, 'dist-single'), { recursive: true });
writeFileSync(join(root, 'dist-single', 'reachlab.html'), html);
rmSync(temp, { recursive: true, force: true });
console.log(`dist-single/reachlab.html: ${(html.length / 1024).toFixed(0)} KB, no external files`);
