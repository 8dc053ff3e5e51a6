#!/usr/bin/env node
// Runs the shared conformance corpus (../shared/conformance) against the built CLI: every folder of
// a policy kind the engine evaluates. The corpus is test data owned outside this repository: it is
// read in place, never copied into the project.
//
// Two cluster-tier cases were extracted without the policy edit their probes depend on (see
// CORPUS_CORRECTIONS): for those, the edit the upstream test makes is applied to a temporary copy
// and the case is checked against that, with its expectations unchanged.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '..', 'shared', 'conformance');
const checker = join(corpus, 'check.mjs');
if (!existsSync(checker)) {
  console.log(`conformance: skipped, ${checker} is absent (clone the project next to shared/ to run it)`);
  process.exit(0);
}

/** The corpus folders of the policy kinds the engine evaluates. */
const FOLDERS = ['cases', 'cluster-tiers', 'cilium'];

/**
 * Cases whose expected probes follow an edit the upstream conformance test makes before probing,
 * which the corpus extraction did not carry into manifests.yaml. Each entry names the upstream
 * statement and rewrites the same rule the same way.
 */
const CORPUS_CORRECTIONS = [
  {
    folder: 'cluster-tiers',
    name: 'npapi-AdminNetworkPolicyEgressNamedPort-01',
    // admin-network-policy-experimental-egress-rules.go: mutate.Spec.Egress[5].Ports = [{NamedPort: "web"}]
    from: '  - name: allow-to-hufflepuff-at-port-8080\n    action: Allow\n    to:\n    - namespaces:\n        matchLabels:\n          kubernetes.io/metadata.name: network-policy-conformance-hufflepuff\n    ports:\n    - portNumber:\n        protocol: TCP\n        port: 8080\n',
    to: '  - name: allow-to-hufflepuff-at-port-8080\n    action: Allow\n    to:\n    - namespaces:\n        matchLabels:\n          kubernetes.io/metadata.name: network-policy-conformance-hufflepuff\n    ports:\n    - namedPort: web\n',
  },
  {
    folder: 'cluster-tiers',
    name: 'npapi-CNPAdminTierEgressNamedPort-01',
    // admin-network-policy-experimental-egress-rules.go: mutate.Spec.Egress[5].Protocols = [{DestinationNamedPort: "web"}]
    from: '    protocols:\n    - tcp:\n        destinationPort:\n          number: 8080\n  - name: deny-to-hufflepuff-everything-else\n',
    to: '    protocols:\n    - destinationNamedPort: web\n  - name: deny-to-hufflepuff-everything-else\n',
  },
];

const cli = join(root, 'bin', 'reachlab.mjs');
let failed = false;
for (const folder of FOLDERS) {
  const dir = join(corpus, folder);
  if (!existsSync(dir)) {
    console.log(`conformance: ${folder} is absent, skipped`);
    continue;
  }
  const { cases, cleanup } = withCorrections(folder, dir);
  console.log(`conformance: ${folder}`);
  const result = spawnSync(
    process.execPath,
    [checker, '--cases', cases, ...process.argv.slice(2), '--', process.execPath, cli, 'connlist', '--json'],
    { stdio: 'inherit' },
  );
  cleanup();
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);

/**
 * The folder to check: the corpus folder itself, or, where a case needs its upstream edit, a
 * temporary folder of links to the corpus cases with the edited copies in place of those.
 */
function withCorrections(folder, dir) {
  const fixes = CORPUS_CORRECTIONS.filter(
    (fix) => fix.folder === folder && readCase(dir, fix.name)?.includes(fix.from),
  );
  if (fixes.length === 0) return { cases: dir, cleanup: () => {} };
  const temp = mkdtempSync(join(tmpdir(), `reachlab-${folder}-`));
  for (const name of readdirSync(dir)) {
    const fix = fixes.find((f) => f.name === name);
    if (!fix) {
      symlinkSync(join(dir, name), join(temp, name), 'dir');
      continue;
    }
    mkdirSync(join(temp, name));
    writeFileSync(join(temp, name, 'manifests.yaml'), (readCase(dir, name) ?? '').replace(fix.from, fix.to));
    copyFileSync(join(dir, name, 'expected.json'), join(temp, name, 'expected.json'));
    console.log(`conformance: ${name} is checked with the upstream test's policy edit applied`);
  }
  return { cases: temp, cleanup: () => rmSync(temp, { recursive: true, force: true }) };
}

function readCase(dir, name) {
  const file = join(dir, name, 'manifests.yaml');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
