import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { deployment, namespace, policy } from '../helpers.ts';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'reachlab-teach-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const base = [
  namespace('shop'),
  deployment('shop', 'web', { app: 'web' }),
  deployment('shop', 'api', { app: 'api' }, ['8080']),
].join('');
const apiIn = policy(
  'shop',
  'api-in',
  'podSelector: {matchLabels: {app: api}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 8080}]',
);
const dir = workspace({ 'old.yaml': base, 'new.yaml': base + apiIn, 'lesson.yaml': '' });

describe('reachlab diff', () => {
  it('--json lists each changed pair with before and after in connlist form, exit 0', () => {
    const result = runCli(['diff', join(dir, 'old.yaml'), join(dir, 'new.yaml'), '--json']);
    expect(result.status).toBe(0);
    const { changes } = JSON.parse(result.stdout);
    expect(changes).toContainEqual({
      from: 'shop/web',
      to: 'shop/api',
      before: 'all',
      after: [{ protocol: 'TCP', port: 8080 }],
    });
    expect(changes).toContainEqual({
      from: '0.0.0.0-255.255.255.255',
      to: 'shop/api',
      before: 'all',
      after: 'none',
    });
    expect(
      changes.some((c: { from: string; to: string }) => c.from === 'shop/api' && c.to === 'shop/web'),
    ).toBe(false);
  });

  it('text marks opened and closed pairs and says why; no change still exits 0', () => {
    const result = runCli(['diff', join(dir, 'old.yaml'), join(dir, 'new.yaml')]);
    expect(result.stdout).toContain('~ changed  shop/web => shop/api : All Connections -> TCP 8080');
    expect(result.stdout).toContain('- closed  0.0.0.0-255.255.255.255 => shop/api');
    expect(result.stdout).toMatch(/after: .*api-in/);
    const same = runCli(['diff', join(dir, 'old.yaml'), join(dir, 'old.yaml')]);
    expect([same.status, same.stdout]).toEqual([0, 'no connection changed\n']);
  });
});

describe('reachlab connlist --format', () => {
  const file = join(dir, 'new.yaml');
  it('csv: a header, then one row per allowed pair', () => {
    const lines = runCli(['connlist', '--format', 'csv', file]).stdout.trim().split('\n');
    expect(lines[0]).toBe('from,to,allowed');
    expect(lines).toContain('shop/web,shop/api,TCP 8080');
    const json = JSON.parse(runCli(['connlist', '--format', 'json', file]).stdout);
    expect(lines.length - 1).toBe(json.connections.length);
  });
  it('json is the same as --json', () => {
    expect(runCli(['connlist', '--format', 'json', file]).stdout).toBe(
      runCli(['connlist', '--json', file]).stdout,
    );
  });
  it('md: a Markdown table; dot: a Graphviz digraph', () => {
    expect(runCli(['connlist', '--format', 'md', file]).stdout).toContain(
      '| shop/web | shop/api | TCP 8080 |',
    );
    const dot = runCli(['connlist', '--format=dot', file]).stdout;
    expect(dot).toMatch(/^digraph connlist \{/);
    expect(dot).toContain('"shop/web" -> "shop/api" [label="TCP 8080"];');
  });
  it('an unknown format is a usage error', () => {
    expect(runCli(['connlist', '--format', 'xml', file]).status).toBe(2);
  });
});

describe('reachlab exposure', () => {
  const file = join(dir, 'new.yaml');
  it('a new unlabelled pod in shop is open: no policy selects it', () => {
    const result = runCli(['exposure', file, '--json']);
    const [shop] = JSON.parse(result.stdout).exposure;
    expect(shop.namespace).toBe('shop');
    expect(shop.isolated).toEqual({ ingress: false, egress: false });
    expect(shop.acceptsFrom).toContainEqual({ from: 'any pod in a new namespace', allowed: 'all' });
  });
  it('--pod shop:app=api: the new pod is covered by api-in and admits web on 8080 only', () => {
    const result = runCli(['exposure', file, '--pod', 'shop:app=api']);
    expect(result.stdout).toContain('shop: a new pod with app=api');
    expect(result.stdout).toContain('accepts from shop/web : TCP 8080');
    expect(result.stdout).not.toContain('accepts from any pod in a new namespace');
  });
  it('a malformed --pod is a usage error', () => {
    expect(runCli(['exposure', file, '--pod', 'shop:app']).status).toBe(2);
  });
});

describe('reachlab fix', () => {
  const file = join(dir, 'new.yaml');
  it('prints the proposal as YAML with its side effects, and --output makes connlist agree', () => {
    const output = join(dir, 'patched.yaml');
    const result = runCli(['fix', 'shop/api', 'shop/web', file, '--want', 'denied', '--output', output]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('kind: NetworkPolicy');
    expect(result.stdout).toMatch(/# side effects: /);
    const connlist = JSON.parse(runCli(['connlist', '--json', output]).stdout);
    expect(
      connlist.connections.some(
        (c: { from: string; to: string }) => c.from === 'shop/api' && c.to === 'shop/web',
      ),
    ).toBe(false);
    expect(readFileSync(output, 'utf8')).toContain('name: api-in');
  });
  it('--port 9090: the rule that admits web gains port 9090, and the patched set allows it', () => {
    const output = join(dir, 'patched-port.yaml');
    const result = runCli([
      'fix',
      'shop/web',
      'shop/api',
      file,
      '--want',
      'allowed',
      '--port',
      '9090/TCP',
      '--output',
      output,
    ]);
    expect(result.stdout).toContain('proposal 1 (add-port)');
    const connlist = JSON.parse(runCli(['connlist', '--json', output]).stdout);
    const pair = connlist.connections.find(
      (c: { from: string; to: string }) => c.from === 'shop/web' && c.to === 'shop/api',
    );
    expect(pair.allowed).toContainEqual({ protocol: 'TCP', port: 9090 });
  });
  it('usage errors: no --want, a bad port', () => {
    expect(runCli(['fix', 'shop/web', 'shop/api', file]).status).toBe(2);
    expect(runCli(['fix', 'shop/web', 'shop/api', file, '--want', 'allowed', '--port', 'http']).status).toBe(
      2,
    );
  });
});

describe('reachlab lesson check', () => {
  const lesson = (goals: string) => `title: Isolate the api\nmanifests: [new.yaml]\ngoals:\n${goals}`;
  it('exit 0 when every goal holds, 1 when one fails, 2 on a bad lesson with its line', () => {
    writeFileSync(
      join(dir, 'ok.yaml'),
      lesson('  - {from: shop/web, to: shop/api, port: 8080, expect: allowed}\n'),
    );
    writeFileSync(join(dir, 'fail.yaml'), lesson('  - {from: shop/api, to: shop/web, expect: denied}\n'));
    writeFileSync(join(dir, 'bad.yaml'), lesson('  - {from: shop/api, to: shop/web, expect: maybe}\n'));
    const ok = runCli(['lesson', 'check', join(dir, 'ok.yaml')]);
    expect([ok.status, ok.stdout]).toEqual([
      0,
      expect.stringContaining('holds  shop/web -> shop/api on TCP 8080: allowed'),
    ]);
    const fail = runCli(['lesson', 'check', join(dir, 'fail.yaml')]);
    expect([fail.status, fail.stdout]).toEqual([
      1,
      expect.stringContaining('fails  shop/api -> shop/web on every port: denied'),
    ]);
    const bad = runCli(['lesson', 'check', join(dir, 'bad.yaml')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.yaml:4:1: error: goals[0].expect:');
  });
  it("checks a learner's files instead of the lesson's manifests", () => {
    writeFileSync(
      join(dir, 'fail2.yaml'),
      lesson('  - {from: shop/api, to: shop/web, port: 8080, expect: denied}\n'),
    );
    expect(runCli(['lesson', 'check', join(dir, 'fail2.yaml'), join(dir, 'old.yaml')]).status).toBe(1);
  });
});
