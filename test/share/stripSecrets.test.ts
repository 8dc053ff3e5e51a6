import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { describeStrip, stripSecrets } from '../../src/share/stripSecrets.ts';

const manifests = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
---
apiVersion: v1
kind: Secret
metadata: {name: db-password}
stringData: {password: hunter2}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {api_key: sk-live-123}
---
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: Secret, metadata: {name: nested}, data: {token: c2VjcmV0}}
  - {apiVersion: v1, kind: Pod, metadata: {name: api}}
`;

describe('stripSecrets', () => {
  it('removes Secrets (also inside Lists) and ConfigMap data, and says so', () => {
    const { sources, report } = stripSecrets([{ name: 'all.yaml', text: manifests }]);
    const text = sources[0]?.text ?? '';
    expect(report).toEqual({ secrets: 2, configMaps: 1 });
    for (const secret of ['hunter2', 'sk-live-123', 'c2VjcmV0', 'db-password'])
      expect(text).not.toContain(secret);
    expect(text).toContain('name: settings');
    expect(describeStrip(report)).toBe(
      'Left out of what you share: 2 Secrets and the data of 1 ConfigMap. Reachability does not depend on them.',
    );
  });

  it('leaves documents without secrets exactly as written, and the workloads intact', () => {
    const { sources } = stripSecrets([{ name: 'all.yaml', text: manifests }]);
    expect(sources[0]?.text).toContain('kind: Pod\nmetadata: {name: web, labels: {app: web}}\n');
    const { model } = analyze(sources);
    expect(model.workloads.map((w) => w.id)).toEqual(['default/api', 'default/web']);
  });

  it('drops an unreadable document that looks like a Secret', () => {
    const { sources, report } = stripSecrets([{ name: 'x.yaml', text: 'kind: Secret\ndata: [unclosed\n' }]);
    expect(report.secrets).toBe(1);
    expect(sources[0]?.text).not.toContain('unclosed');
  });

  it('strips JSON sources too', () => {
    const json = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Secret', metadata: { name: 's' }, data: { a: 'b' } },
        { kind: 'Pod', metadata: { name: 'p' } },
      ],
    });
    const { sources } = stripSecrets([{ name: 'x.json', text: json }]);
    expect(JSON.parse(sources[0]?.text ?? '')).toEqual({
      kind: 'List',
      items: [{ kind: 'Pod', metadata: { name: 'p' } }],
    });
  });
});
