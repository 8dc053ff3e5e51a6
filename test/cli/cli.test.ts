import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { deployment, policy } from '../helpers.ts';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'reachlab-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const app = [
  deployment('default', 'frontend', { app: 'frontend' }),
  deployment('default', 'backend', { app: 'backend' }, ['9090']),
  policy(
    'default',
    'backend-in',
    'podSelector: {matchLabels: {app: backend}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: frontend}}}]\n    ports: [{port: 9090}]',
  ),
  policy(
    'default',
    'frontend-out',
    'podSelector: {matchLabels: {app: frontend}}\npolicyTypes: [Egress]\negress:\n  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]\n    ports: [{port: 443}]\n  - to: [{podSelector: {}}]',
  ),
].join('');

describe('reachlab connlist', () => {
  const dir = workspace({ 'app.yaml': app, 'notes.txt': 'not read from a directory' });

  it('prints sorted text lines, external ranges included', () => {
    const result = runCli(['connlist', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'default/backend => default/frontend : All Connections',
      'default/frontend => default/backend : TCP 9090',
      '0.0.0.0-255.255.255.255 => default/frontend : All Connections',
      'default/backend => 0.0.0.0-255.255.255.255 : All Connections',
      'default/frontend => 0.0.0.0-9.255.255.255 : TCP 443',
      'default/frontend => 11.0.0.0-255.255.255.255 : TCP 443',
      '',
    ]);
  });

  it('prints the conformance JSON contract with --json', () => {
    const result = runCli(['connlist', '--json', join(dir, 'app.yaml')]);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.connections.slice(0, 3)).toEqual([
      // Open sides allow every IP protocol, so ICMP and the rest appear as otherProtocols.
      { from: 'default/backend', to: 'default/frontend', allowed: 'all', otherProtocols: 'all' },
      { from: 'default/frontend', to: 'default/backend', allowed: [{ protocol: 'TCP', port: 9090 }] },
      { from: '0.0.0.0-255.255.255.255', to: 'default/frontend', allowed: 'all', otherProtocols: 'all' },
    ]);
  });

  it('exits 1 and reports file:line when input errors drop objects, still printing what it could', () => {
    const broken = workspace({
      'a.yaml': `${app}---\nkind: NetworkPolicy\nmetadata: {name: bad}\nspec:\n  podSelector: {}\n  ingress:\n    - ports: [{port: 0}]\n`,
    });
    const result = runCli(['connlist', broken]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /a\.yaml:\d+:\d+: error: document 5, spec\.ingress\[0\]\.ports\[0\]\.port: 0 is out of range/,
    );
    expect(result.stdout).toContain('default/frontend => default/backend : TCP 9090');
  });

  it('exits 2 on usage errors and documents everything in --help', () => {
    expect(runCli([]).status).toBe(2);
    expect(runCli(['connlist']).status).toBe(2);
    expect(runCli(['connlist', '--yaml', dir]).status).toBe(2);
    expect(runCli(['frobnicate', dir]).status).toBe(2);
    expect(runCli(['connlist', join(dir, 'missing.yaml')]).status).toBe(2);
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    for (const word of ['connlist', 'explain', '--json', 'Exit status']) expect(help.stdout).toContain(word);
  });
});

describe('reachlab explain', () => {
  const dir = workspace({ 'app.yaml': app });

  it('explains an allowed pair with the policy, rule and line', () => {
    const result = runCli(['explain', 'default/frontend', 'default/backend', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^default\/frontend -> default\/backend: allowed: TCP 9090\n/);
    expect(result.stdout).toMatch(
      /allows TCP 9090: default\/backend-in ingress rule 1 \(peer 1: pods app=frontend\), line \d+/,
    );
  });

  it('explains a denied external destination', () => {
    const result = runCli(['explain', 'default/frontend', '10.1.2.3', dir]);
    expect(result.stdout).toMatch(/-> 10\.1\.2\.3\/32: denied/);
    expect(result.stdout).toMatch(/does not cover 10\.1\.2\.3\/32/);
  });

  it('suggests the namespaced name for an unknown workload', () => {
    const result = runCli(['explain', 'frontend', 'default/backend', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Did you mean default\/frontend\?/);
  });
});

describe('reachlab probe and lint', () => {
  const samples = join(import.meta.dirname, '..', '..', 'samples');

  it('probe --json prints the hop-by-hop contract', () => {
    const result = runCli([
      'probe',
      'internet',
      'https://www.example.com/',
      join(samples, 'ingress-controller.yaml'),
      '--json',
    ]);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.verdict).toBe('allowed');
    expect(
      parsed.hops.map(
        (h: { from: string; to: string; protocol: string; port: number; verdict: string }) =>
          `${h.from}>${h.to} ${h.protocol}/${h.port} ${h.verdict}`,
      ),
    ).toEqual([
      'internet>ingress-nginx/ingress-nginx-controller (ingress controller) TCP/443 allowed',
      'ingress-nginx/ingress-nginx-controller>web/frontend TCP/8080 allowed',
    ]);
    for (const hop of parsed.hops)
      expect(Object.keys(hop).sort()).toEqual(['from', 'port', 'protocol', 'reason', 'to', 'verdict']);
  });

  it('probe exits 1 with a clear error when a name resolves to nothing', () => {
    const result = runCli([
      'probe',
      'web/cache-warmer',
      'missing.web',
      join(samples, 'ingress-controller.yaml'),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'missing.web does not resolve: there is no Service missing in namespace web',
    );
  });

  it('probe honours --cni flannel', () => {
    const result = runCli([
      'probe',
      'web/cache-warmer',
      'frontend',
      join(samples, 'ingress-controller.yaml'),
      '--cni',
      'flannel',
    ]);
    expect(result.stdout).toMatch(/: ALLOWED/);
    expect(result.stdout).toMatch(/note: Flannel alone does not enforce NetworkPolicy/);
    expect(runCli(['probe', 'a/b', 'c', samples, '--cni', 'magic']).status).toBe(2);
  });

  it('lint prints findings with file:line and a fix', () => {
    const result = runCli(['lint', join(samples, 'dns-egress.yaml')]);
    expect(result.stdout).toMatch(
      /dns-egress\.yaml:\d+: warning: egress-without-dns: team-wrong\/worker is isolated for egress/,
    );
    expect(result.stdout).toMatch(
      /\n {2}fix: Add an egress rule to namespaceSelector kubernetes\.io\/metadata\.name=kube-system AND podSelector k8s-app=kube-dns/,
    );
  });
});
