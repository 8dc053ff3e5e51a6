import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { serveStatic } from '../e2e/support/staticServer.ts';
import { findBrowser } from '../scripts/find-browser.mjs';
import { generateCluster } from '../src/gen/generateCluster.ts';
import { median } from './engineBench.ts';

export interface BrowserRow {
  /** `realistic`: the generator's label spread; `distinct`: no two workloads share a label set. */
  mode?: 'realistic' | 'distinct';
  workloads: number;
  loadToGraphMs: number;
  /** Median of three toggles of the selected workload's first label (off, on, off). */
  toggleToPaintMs: number;
  panFps: number;
  /** Longest main-thread task while typing and toggling. */
  longestTaskMs: number;
  /** Longest main-thread task while panning. */
  panLongestTaskMs?: number;
  /** Resident memory of the tab's renderer process (page and worker), after the toggles. */
  tabMemoryMb?: number | null;
  runs: number;
}

/**
 * Resident memory of the tab's renderer process (the page and its worker), in MB. Chromium keeps
 * other renderers around (a spare one, the one before navigation): the tab's is the one running
 * the analysis worker's thread.
 */
async function tabMemoryMb(browser: Browser): Promise<number | null> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    await cdp.detach();
    for (const p of processInfo) {
      if (p.type !== 'renderer') continue;
      const threads = readdirSync(`/proc/${p.id}/task`).map((t) =>
        readFileSync(`/proc/${p.id}/task/${t}/comm`, 'utf8'),
      );
      if (!threads.some((name) => name.startsWith('DedicatedWorker'))) continue;
      const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    }
    return null;
  } catch {
    return null;
  }
}

declare global {
  interface Window {
    __longTasks: number[];
    /** Event time of the last click the page received. */
    __clickAt: number;
  }
}

/**
 * Measures the built app in Debian's Chromium: file load to an interactive graph, a label toggle
 * until the new edges are painted, frames per second while panning, and the longest main-thread
 * task while the user types and toggles.
 */
export async function benchBrowser(
  workloads: number,
  policies: number,
  namespaces: number,
  runs: number,
  mode: 'realistic' | 'distinct' = 'realistic',
): Promise<BrowserRow> {
  const yaml = generateCluster({ workloads, policies, namespaces, seed: 3, distinct: mode === 'distinct' });
  const file = join(mkdtempSync(join(tmpdir(), 'reachlab-bench-')), 'cluster.yaml');
  writeFileSync(file, yaml);
  const server = await serveStatic(resolve(import.meta.dirname, '..', 'dist'), '/reachlab/');
  const browserPath = findBrowser()?.path;
  const browser = await chromium.launch({
    ...(browserPath ? { executablePath: browserPath } : {}),
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  const loads: number[] = [];
  const toggles: number[] = [];
  const fps: number[] = [];
  const longest: number[] = [];
  const panLongest: number[] = [];
  const memory: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript(
        'window.__longTasks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: "longtask", buffered: true }); window.__clickAt = 0; document.addEventListener("click", (e) => { window.__clickAt = e.timeStamp; }, true);',
      );
      await page.goto(server.url);
      await page.waitForFunction(() =>
        (window as unknown as { __reachlab: { ready(): boolean } }).__reachlab.ready(),
      );
      const start = await page.evaluate(() => performance.now());
      // A file on disk, as a user picks it: the browser reads it (a buffer would be marshalled
      // through the test driver, which cost up to a second at 3 MB and is no part of the app).
      await page.getByTestId('file-input').setInputFiles(file);
      await page.waitForFunction((n) => {
        const api = (
          window as unknown as { __reachlab: { ready(): boolean; graph(): { nodes: unknown[] } | null } }
        ).__reachlab;
        return api.ready() && (api.graph()?.nodes.length ?? 0) > n / 100;
      }, workloads);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      loads.push((await page.evaluate(() => performance.now())) - start);
      await page.evaluate(() => {
        window.__longTasks = [];
      });

      // Panning: drag across the graph for about two seconds and count animation frames.
      const box = await page.getByTestId('graph').boundingBox();
      if (box) {
        // A string, not a closure: the TypeScript runner would wrap named functions in a helper
        // that does not exist in the page.
        await page.evaluate(
          'window.__frames = 0; (function tick() { window.__frames++; requestAnimationFrame(tick); })();',
        );
        const t0 = await page.evaluate(() => performance.now());
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        for (let i = 0; i < 60; i++)
          await page.mouse.move(
            box.x + box.width / 2 + Math.sin(i / 6) * 200,
            box.y + box.height / 2 + Math.cos(i / 6) * 120,
            { steps: 2 },
          );
        await page.mouse.up();
        const [frames, t1] = await page.evaluate(() => [
          (window as unknown as { __frames: number }).__frames,
          performance.now(),
        ]);
        fps.push((frames as number) / (((t1 as number) - t0) / 1000));
        panLongest.push(await page.evaluate(() => Math.max(0, ...window.__longTasks)));
      }

      // A label toggle until the changed edges are painted (the next frame after the result).
      await page.getByTestId('view-matrix').click();
      await page.locator('[data-testid=workload]').first().click();
      await page.getByTestId('view-graph').click();
      await page.evaluate(() => {
        window.__longTasks = [];
      });
      const runToggles: number[] = [];
      for (let t = 0; t < 3; t++) {
        await page.locator('[data-testid=inspector] [data-testid=label-switch]').first().click();
        // The new verdicts on screen (the findings list follows a moment later).
        await page.waitForFunction(() =>
          (window as unknown as { __reachlab: { shown(): boolean } }).__reachlab.shown(),
        );
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        // From the click as the page received it (the test driver's own steps before it are no
        // part of the app) to the frame after the new result.
        runToggles.push(await page.evaluate(() => performance.now() - window.__clickAt));
        // Let the autosave after an edit run, as between a user's clicks.
        await page.waitForTimeout(600);
      }
      toggles.push(median(runToggles));
      const mb = await tabMemoryMb(browser);
      if (mb !== null) memory.push(mb);

      // Typing into the editor while the worker re-evaluates.
      await page.locator('.cm-content').click();
      await page.keyboard.type('# typing ', { delay: 30 });
      await page.waitForTimeout(800);
      longest.push(await page.evaluate(() => Math.max(0, ...window.__longTasks)));
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return {
    mode,
    workloads,
    runs,
    loadToGraphMs: median(loads),
    toggleToPaintMs: median(toggles),
    panFps: median(fps),
    longestTaskMs: median(longest),
    panLongestTaskMs: panLongest.length ? median(panLongest) : 0,
    tabMemoryMb: memory.length ? Math.max(...memory) : null,
  };
}
