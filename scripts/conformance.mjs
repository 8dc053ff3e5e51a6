#!/usr/bin/env node
// Runs the shared conformance corpus (../shared/conformance) against the built CLI: every folder of
// a policy kind the engine evaluates. The corpus is test data owned outside this repository: it is
// read in place, never copied into the project.
//
// Four cases' expectations rest on something their manifests do not say (see CORPUS_CORRECTIONS):
// for those, that is made explicit in a temporary copy and the case is checked against it, with
// its expectations unchanged.
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
const FOLDERS = ['cases', 'cluster-tiers', 'calico', 'istio', 'cilium'];

/**
 * Cases whose expectations rest on something the extracted manifests do not say: an edit the
 * upstream conformance test makes before probing, or the order the source analyzer read
 * unordered policies in. Each entry says where that comes from and makes it explicit.
 */
const CORPUS_CORRECTIONS = [
  {
    folder: 'cluster-tiers',
    name: 'npapi-AdminNetworkPolicyEgressNamedPort-01',
    // admin-network-policy-experimental-egress-rules.go: mutate.Spec.Egress[5].Ports = [{NamedPort: "web"}]
    edits: [
      {
        from: '  - name: allow-to-hufflepuff-at-port-8080\n    action: Allow\n    to:\n    - namespaces:\n        matchLabels:\n          kubernetes.io/metadata.name: network-policy-conformance-hufflepuff\n    ports:\n    - portNumber:\n        protocol: TCP\n        port: 8080\n',
        to: '  - name: allow-to-hufflepuff-at-port-8080\n    action: Allow\n    to:\n    - namespaces:\n        matchLabels:\n          kubernetes.io/metadata.name: network-policy-conformance-hufflepuff\n    ports:\n    - namedPort: web\n',
      },
    ],
  },
  {
    folder: 'cluster-tiers',
    name: 'npapi-CNPAdminTierEgressNamedPort-01',
    // admin-network-policy-experimental-egress-rules.go: mutate.Spec.Egress[5].Protocols = [{DestinationNamedPort: "web"}]
    edits: [
      {
        from: '    protocols:\n    - tcp:\n        destinationPort:\n          number: 8080\n  - name: deny-to-hufflepuff-everything-else\n',
        to: '    protocols:\n    - destinationNamedPort: web\n  - name: deny-to-hufflepuff-everything-else\n',
      },
    ],
  },
  {
    folder: 'calico',
    name: 'nca-testcase18-np-pod-based-policies',
    // Four policies without an order: Calico breaks the tie by name (felix's PolicyNameLessThan),
    // NCA by the order it read them, which was the reverse. Explicit orders pin NCA's order, so
    // the case checks the verdicts and not the tie-break (docs/kinds/calico.md).
    edits: [
      ['testcase18-pass-not-k8s-app-not-redundant', 1],
      ['testcase18-highPriorityPass-k8s-app-redundant', 2],
      ['testcase18-highPriorityPass-k8s-app-not-redundant', 3],
      ['testcase18-equivTo-highPriorityPass-k8s-app-not-redundant', 4],
    ].map(([name, order]) => ({
      from: `  name: ${name}\n  namespace: kube-system\nspec:\n`,
      to: `  name: ${name}\n  namespace: kube-system\nspec:\n  order: ${order}\n`,
    })),
  },
  {
    folder: 'istio',
    name: 'nca-istio-allow-nothing-istio-allow-nothing-3',
    // network-config-analyzer takes istio-config for Istio's root namespace; Istio's default (and
    // Reachlab's, --mesh-root-namespace) is istio-system. The mesh-wide policy moves there.
    edits: [
      {
        from: '  name: allow-nothing\n  namespace: istio-config\n',
        to: '  name: allow-nothing\n  namespace: istio-system\n',
      },
    ],
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
    (fix) => fix.folder === folder && fix.edits.every((edit) => readCase(dir, fix.name)?.includes(edit.from)),
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
    const edited = fix.edits.reduce(
      (text, edit) => text.replace(edit.from, edit.to),
      readCase(dir, name) ?? '',
    );
    writeFileSync(join(temp, name, 'manifests.yaml'), edited);
    copyFileSync(join(dir, name, 'expected.json'), join(temp, name, 'expected.json'));
    console.log(`conformance: ${name} is checked with the correction noted in scripts/conformance.mjs`);
  }
  return { cases: temp, cleanup: () => rmSync(temp, { recursive: true, force: true }) };
}

function readCase(dir, name) {
  const file = join(dir, name, 'manifests.yaml');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
