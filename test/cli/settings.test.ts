import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { deployment, policy } from '../helpers.ts';

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'reachlab-settings-'));
  writeFileSync(join(dir, 'app.yaml'), text);
  return join(dir, 'app.yaml');
}

const isolated = file(
  deployment('default', 'web', { app: 'web' }) +
    deployment('default', 'db', { app: 'db' }, ['5432']) +
    policy('default', 'db-closed', 'podSelector: {matchLabels: {app: db}}\npolicyTypes: [Ingress]'),
);

/** The example of the engine-core issue: three policy kinds Reachlab does not evaluate (yet). */
const foreign =
  file(`${deployment('default', 'web', { app: 'web' })}${deployment('default', 'db', { app: 'db' })}---
apiVersion: policy.linkerd.io/v1beta3
kind: AuthorizationPolicy
metadata: {name: db-only-web, namespace: default}
spec: {targetRef: {kind: Server, name: db}}
---
apiVersion: crd.antrea.io/v1beta1
kind: ClusterNetworkPolicy
metadata: {name: isolate}
spec: {priority: 5}
`);

describe('every command takes the same cluster settings', () => {
  it('--cni flannel makes connlist and explain say that nothing is enforced', () => {
    expect(runCli(['connlist', isolated]).stdout).not.toContain('default/web => default/db');
    const open = runCli(['connlist', '--cni', 'flannel', isolated]);
    expect(open.stdout).toContain('default/web => default/db : All Connections');
    expect(open.stderr).toMatch(/note: Flannel alone does not enforce NetworkPolicy/);
    const explained = runCli(['explain', 'default/web', 'default/db', '--cni', 'flannel', isolated]);
    expect(explained.stdout).toMatch(
      /^default\/web -> default\/db: allowed: all\nnote: Flannel alone does not enforce NetworkPolicy/,
    );
  });

  it('an unknown --cni or a bad --pod-cidr is a usage error', () => {
    expect(runCli(['connlist', '--cni', 'weavenet', isolated]).status).toBe(2);
    expect(runCli(['connlist', '--pod-cidr', '10.0.0.0/33', isolated]).status).toBe(2);
  });
});

describe('policy kinds that are not evaluated are never silent', () => {
  it('warns on stderr with kind, apiVersion and object; --strict exits 1', () => {
    const result = runCli(['connlist', foreign]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /warning: document 3, kind: AuthorizationPolicy default\/db-only-web \(policy\.linkerd\.io\/v1beta3\) is a policy kind Reachlab does not evaluate/,
    );
    expect(result.stderr).toMatch(/ClusterNetworkPolicy isolate \(crd\.antrea\.io\/v1beta1\)/);
    expect(runCli(['connlist', '--strict', foreign]).status).toBe(1);
    expect(runCli(['lint', foreign]).stdout).toMatch(
      /unsupported-kind: AuthorizationPolicy default\/db-only-web/,
    );
  });
});
