import { describe, expect, it } from 'vitest';
import {
  analyze,
  connectionKey,
  explainPair,
  formatConnectionSet,
  Reachability,
} from '../../src/engine/index.ts';
import { applyGhosts, exposureReport, NEW_NAMESPACE_PEER } from '../../src/engine/teach/index.ts';
import { corpusCases, hasCorpus } from '../corpus.ts';
import { analyzeYaml, deployment, namespace, policy } from '../helpers.ts';

const cluster = analyzeYaml(
  [
    namespace('open'),
    namespace('locked'),
    namespace('partial'),
    deployment('open', 'app', { app: 'app' }),
    deployment('locked', 'db', { app: 'db' }),
    deployment('partial', 'api', { app: 'api' }),
    policy('locked', 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'),
    policy(
      'partial',
      'api-only',
      'podSelector: {matchLabels: {app: api}}\ningress:\n  - from: [{namespaceSelector: {}}]',
    ),
    policy(
      'partial',
      'from-anywhere',
      'podSelector: {matchLabels: {tier: public}}\ningress:\n  - from: [{namespaceSelector: {}}]\n    ports: [{port: 443}]',
    ),
  ].join(''),
);

describe('exposure of a new pod', () => {
  const byNamespace = (labels = {}) =>
    new Map(exposureReport(cluster.model, labels).map((r) => [r.namespace, r]));
  const plain = byNamespace();

  const table: [string, string, boolean, string, string | undefined][] = [
    [
      'open: no policy selects a new pod, so it accepts from anyone (even a new namespace)',
      'open',
      false,
      NEW_NAMESPACE_PEER,
      'all',
    ],
    [
      'locked: podSelector {} deny-all isolates every new pod: nobody gets in',
      'locked',
      true,
      NEW_NAMESPACE_PEER,
      undefined,
    ],
    [
      'partial: policies select app=api only, so an unlabelled new pod is wide open',
      'partial',
      false,
      'open/app',
      'all',
    ],
  ];
  for (const [name, ns, isolated, peer, allowed] of table)
    it(name, () => {
      const report = plain.get(ns);
      expect(report?.isolated.ingress).toBe(isolated);
      const entry = report?.acceptsFrom.find((p) => p.peer === peer);
      expect(entry ? formatConnectionSet(entry.set) : undefined).toBe(allowed);
    });

  it('with --pod labels, the policies for those labels apply: tier=public gets 443 from every namespace', () => {
    const report = byNamespace({ tier: 'public' }).get('partial');
    expect(report?.isolated.ingress).toBe(true);
    const outsider = report?.acceptsFrom.find((p) => p.peer === NEW_NAMESPACE_PEER);
    expect(outsider ? formatConnectionSet(outsider.set) : undefined).toBe('TCP 443');
  });

  it('the ghosts never change what the real workloads reach', () => {
    const withGhost = applyGhosts(cluster.model, [{ namespace: 'open', name: 'ghost', labels: {} }]);
    expect(withGhost.workloads.length).toBe(cluster.model.workloads.length + 1);
    expect(cluster.model.workloads.some((w) => w.id === 'open/ghost')).toBe(false);
  });
});

describe.skipIf(!hasCorpus)('exposure on the conformance cases', () => {
  if (!hasCorpus) console.warn('conformance corpus absent: exposure corpus tests skipped');
  it('what a new pod accepts and reaches agrees with the explanation of each pair', () => {
    for (const c of corpusCases().slice(0, 53)) {
      const { model } = analyze([{ name: c.name, text: c.text }]);
      if (model.workloads.length > 40) continue;
      const report = exposureReport(model);
      for (const r of report) {
        const ghostModel = applyGhosts(model, [{ namespace: r.namespace, name: 'new-pod', labels: {} }]);
        // An evaluation of the model with the ghost in it, independent of the exposure report.
        const withGhost = { model: ghostModel, reach: Reachability.evaluate(ghostModel) };
        const ghost = ghostModel.workloads.find(
          (w) => w.namespace === r.namespace && w.name.startsWith('new-pod'),
        );
        if (!ghost || ghost.id !== `${r.namespace}/new-pod`) continue;
        for (const peer of r.acceptsFrom.filter(
          (p) => p.peer.includes('/') && p.peer !== NEW_NAMESPACE_PEER,
        )) {
          const explained = explainPair(withGhost, peer.peer, ghost.id);
          expect(
            connectionKey(explained?.allowed ?? peer.set),
            `${c.name}: ${peer.peer} -> ${ghost.id}`,
          ).toBe(connectionKey(peer.set));
        }
        for (const w of model.workloads) {
          const listed = r.acceptsFrom.some((p) => p.peer === w.id);
          const explained = explainPair(withGhost, w.id, ghost.id);
          const allowed = explained ? formatConnectionSet(explained.allowed) !== 'none' : false;
          expect(listed, `${c.name}: ${w.id} -> ${ghost.id}`).toBe(allowed);
        }
      }
    }
  });
});
