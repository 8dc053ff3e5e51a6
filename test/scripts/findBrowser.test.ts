import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '..', '..', 'scripts', 'find-browser.mjs');
const run = promisify(execFile);
const empty = mkdtempSync(join(tmpdir(), 'reachlab-no-browser-'));
const fakeBrowser = join(empty, 'fake-chromium');
writeFileSync(fakeBrowser, '');
afterAll(() => rmSync(empty, { recursive: true, force: true }));

/** The search with Playwright's browser folder and the system locations pointed at `empty`. */
function isolated(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PLAYWRIGHT_BROWSERS_PATH: join(empty, 'playwright'),
    REACHLAB_BROWSER_CANDIDATES: [join(empty, 'missing-a'), join(empty, 'missing-b')].join(delimiter),
    ...extra,
  };
  if (!('CHROMIUM_PATH' in extra)) delete env.CHROMIUM_PATH;
  return env;
}

async function search(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, ...args], { env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

/**
 * Stands in for `playwright install chromium` on a machine that cannot reach the download
 * servers: Playwright prints this and exits 1 (measured offline: 1.4 s with the real command).
 */
const offlineInstaller = join(empty, 'offline-installer.mjs');
writeFileSync(
  offlineInstaller,
  "console.error('Error: getaddrinfo ENOTFOUND cdn.playwright.dev\\n    at GetAddrInfoReqWrap.onlookupall'); process.exit(1);\n",
);

describe('the e2e browser search', () => {
  it.each([
    ['CHROMIUM_PATH wins when it names a file', { CHROMIUM_PATH: fakeBrowser }, 0, fakeBrowser],
    [
      'a CHROMIUM_PATH that names no file is reported, not ignored',
      { CHROMIUM_PATH: join(empty, 'nope') },
      1,
      'not a file',
    ],
    [
      'a system location is used when it exists',
      { REACHLAB_BROWSER_CANDIDATES: fakeBrowser },
      0,
      fakeBrowser,
    ],
    ['nothing found says none', {}, 1, 'none'],
  ])('%s', async (_rule, extra, code, output) => {
    const result = await search([], isolated(extra));
    expect(result.code).toBe(code);
    expect(result.out).toContain(output);
  });

  it('with no browser and no download, --ensure stops with one message naming both ways', async () => {
    const result = await search(['--ensure'], isolated({ REACHLAB_BROWSER_INSTALLER: offlineInstaller }));
    expect(result.code).toBe(1);
    expect(result.out).toContain('installing Playwright');
    expect(result.out).toContain('(getaddrinfo ENOTFOUND cdn.playwright.dev)');
    expect(result.out).toContain('apt-get install chromium');
    expect(result.out).toContain('npx playwright install chromium');
    expect(result.out).toContain('CHROMIUM_PATH');
    expect(result.out).not.toMatch(/^\s+at /m);
  });
});
