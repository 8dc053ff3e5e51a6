#!/usr/bin/env node
/**
 * Finds the Chromium the end-to-end tests drive, on Linux, macOS and Windows, in this order:
 *   1. CHROMIUM_PATH;
 *   2. a Chromium that Playwright installed (`npx playwright install chromium`);
 *   3. a system Chromium or Chrome (Debian's /usr/bin/chromium, the usual macOS and Windows places).
 * `node scripts/find-browser.mjs --ensure` (run before `npm run test:e2e`) installs Playwright's
 * Chromium once when none is found, and when that cannot download either, stops within seconds
 * with one message that names both ways to get a browser.
 *
 * For tests, REACHLAB_BROWSER_CANDIDATES (paths separated by the platform's path delimiter)
 * replaces the system locations of step 3, and REACHLAB_BROWSER_INSTALLER names a Node script run
 * in place of Playwright's command line (`SCRIPT install chromium`).
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * How long Playwright's download may wait on a silent connection; with UNREACHABLE below, a
 * machine without access to the download servers stops within seconds, and the message says how
 * to retry by hand.
 */
const DOWNLOAD_CONNECTION_TIMEOUT_MS = 4_000;
/**
 * Errors that mean the download servers cannot be reached at all: Playwright would try four more
 * times for nothing, so the install stops at the first one.
 */
const UNREACHABLE = /timed out after \d+ms|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH/;
/** A hard stop for the whole install, far above a real download on a slow line. */
const INSTALL_LIMIT_MS = 15 * 60_000;

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where browsers usually live on this platform (step 3). */
export function systemLocations(env = process.env, platform = process.platform) {
  if (env.REACHLAB_BROWSER_CANDIDATES !== undefined)
    return env.REACHLAB_BROWSER_CANDIDATES.split(delimiter).filter(Boolean);
  if (platform === 'darwin') {
    const apps = ['/Applications', join(env.HOME ?? '', 'Applications')];
    return apps.flatMap((dir) => [
      join(dir, 'Chromium.app/Contents/MacOS/Chromium'),
      join(dir, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
    ]);
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(Boolean);
    return roots.flatMap((root) => [
      join(root, 'Chromium', 'Application', 'chrome.exe'),
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/snap/bin/chromium',
  ];
}

/** The Chromium Playwright installed for this version of playwright-core, if it is on disk. */
function playwrightChromium() {
  try {
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    return path && isFile(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser to use: `{ path, source }`, or `{ problem }` when CHROMIUM_PATH names a missing
 * file, or `null` when nothing was found.
 */
export function findBrowser(env = process.env, platform = process.platform) {
  if (env.CHROMIUM_PATH) {
    return isFile(env.CHROMIUM_PATH)
      ? { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
      : { problem: `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which is not a file` };
  }
  const installed = playwrightChromium();
  if (installed) return { path: installed, source: "Playwright's Chromium" };
  for (const path of systemLocations(env, platform)) {
    if (isFile(path)) return { path, source: 'system browser' };
  }
  return null;
}

export const NOTHING_FOUND = [
  'e2e: no Chromium or Chrome was found, and Playwright could not download its Chromium.',
  'Get a browser one of these ways, then run `npm test` again:',
  '  - from your package manager: `apt-get install chromium` (Debian, Ubuntu), `brew install --cask chromium`',
  '    (macOS), or install Google Chrome (Windows, macOS, Linux);',
  "  - or Playwright's own: `npx playwright install chromium` (needs to reach Playwright's download servers);",
  '  - or point CHROMIUM_PATH at a Chromium or Chrome executable you already have.',
].join('\n');

/**
 * Runs `playwright install chromium` with a short connection timeout. Its output is kept back
 * (a failed download prints stack traces); resolves to `{ code, reason }`, the reason being the
 * first error line when it failed.
 */
function installPlaywrightChromium(env) {
  const cli =
    env.REACHLAB_BROWSER_INSTALLER ??
    join(dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'install', 'chromium'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env,
        PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT:
          env.PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT ?? String(DOWNLOAD_CONNECTION_TIMEOUT_MS),
      },
    });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (UNREACHABLE.test(output)) child.kill();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const limit = setTimeout(() => child.kill(), INSTALL_LIMIT_MS);
    const finish = (code) => {
      clearTimeout(limit);
      const reason = output
        .split('\n')
        .map((line) => line.trim())
        .find((line) => /^Error: /.test(line) && !/Download failure|Failed to download/.test(line));
      resolve({ code, reason: reason?.replace(/^Error: /, '') });
    };
    child.on('error', () => finish(1));
    child.on('exit', (code) => finish(code ?? 1));
  });
}

/** Finds a browser, installing Playwright's Chromium once if needed. Returns the exit code. */
export async function ensureBrowser(env = process.env) {
  const found = findBrowser(env);
  if (found?.path) {
    console.log(`e2e: using ${found.source}: ${found.path}`);
    return 0;
  }
  if (found?.problem) {
    console.error(`e2e: ${found.problem}. Unset it to search the usual places, or point it at a browser.`);
    return 1;
  }
  console.log(
    "e2e: no Chromium or Chrome found; installing Playwright's Chromium once (npx playwright install chromium)",
  );
  const { code, reason } = await installPlaywrightChromium(env);
  const installed = code === 0 ? findBrowser(env) : null;
  if (installed?.path) {
    console.log(`e2e: using ${installed.source}: ${installed.path}`);
    return 0;
  }
  console.error(
    NOTHING_FOUND.replace('download its Chromium', `download its Chromium (${reason ?? `exit ${code}`})`),
  );
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--ensure')) process.exitCode = await ensureBrowser();
  else {
    const found = findBrowser();
    console.log(found?.path ?? found?.problem ?? 'none');
    process.exitCode = found?.path ? 0 : 1;
  }
}
