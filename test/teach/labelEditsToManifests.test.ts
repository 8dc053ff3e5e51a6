import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyze, type LabelOverride } from '../../src/engine/index.ts';
import { labelEditsToManifests } from '../../src/engine/teach/index.ts';
import { readTeachShared } from '../../src/share/teachState.ts';
import { deployment, namespace } from '../helpers.ts';

const text = `# the shop\n${namespace('shop', { team: 'a' })}${deployment('shop', 'web', { app: 'web', tier: 'front' })}`;
const sources = [{ name: 'shop.yaml', text }];
const { model } = analyze(sources);

/** The parts of a manifest document the table reads. */
type Doc = {
  metadata: { name: string; labels: Record<string, string> };
  spec: { template: { metadata: { labels: Record<string, string> } } };
};

describe('what-if label edits written into the manifests', () => {
  const overrides: LabelOverride[] = [
    { target: { kind: 'workload', id: 'shop/web' }, key: 'tier', value: null },
    { target: { kind: 'workload', id: 'shop/web' }, key: 'role', value: 'edge' },
    { target: { kind: 'namespace', name: 'shop' }, key: 'team', value: 'b' },
    { target: { kind: 'namespace', name: 'ops' }, key: 'env', value: 'prod' },
  ];
  const result = labelEditsToManifests(sources, model, overrides);
  const docs = yaml.loadAll(result.sources[0]?.text ?? '') as Doc[];

  const table: [string, () => unknown, unknown][] = [
    [
      'a switched-off label is removed from the pod template',
      () => docs[1]?.spec.template.metadata.labels.tier,
      undefined,
    ],
    [
      'an added label is written into the pod template',
      () => docs[1]?.spec.template.metadata.labels.role,
      'edge',
    ],
    ['a namespace label edit changes metadata.labels', () => docs[0]?.metadata.labels.team, 'b'],
    [
      'a namespace only implied gets a Namespace document with the label',
      () => docs[2]?.metadata,
      { name: 'ops', labels: { env: 'prod' } },
    ],
  ];
  for (const [name, read, expected] of table) it(name, () => expect(read()).toEqual(expected));

  it('the written manifests evaluate to the same labels the what-if showed', () => {
    const after = analyze(result.sources).model;
    expect(after.workloads.find((w) => w.id === 'shop/web')?.labels).toEqual({ app: 'web', role: 'edge' });
    expect(result.skipped).toEqual([]);
  });

  it('a workload Reachlab cannot rewrite is reported, not dropped in silence', () => {
    const r = labelEditsToManifests(sources, model, [
      { target: { kind: 'workload', id: 'shop/gone' }, key: 'a', value: 'b' },
    ]);
    expect(r.skipped[0]).toContain('shop/gone');
  });
});

describe('the teaching part of a shared state', () => {
  it('keeps a lesson, hints and ghosts; drops what is malformed', () => {
    const read = readTeachShared({
      lesson: { fileName: 'l.yaml', text: 'title: T' },
      hintsShown: 2,
      ghosts: [{ namespace: 'shop', name: 'g', labels: { app: 'x', bad: 3 } }, { namespace: 5 }, 'junk'],
    });
    expect(read).toEqual({
      lesson: { fileName: 'l.yaml', text: 'title: T' },
      hintsShown: 2,
      ghosts: [{ namespace: 'shop', name: 'g', labels: { app: 'x' } }],
    });
    expect(readTeachShared('nonsense')).toEqual({ lesson: null, hintsShown: 0, ghosts: [] });
  });
});
