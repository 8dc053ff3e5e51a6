#!/usr/bin/env node
// Takes a screenshot of the running app for a human look: node scripts/screenshot.mjs URL OUT.png [width height]
import { chromium } from '@playwright/test';
import { findBrowser } from './find-browser.mjs';

const [url = 'http://localhost:5173/', out = 'screenshot.png', width = '1440', height = '900'] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: findBrowser()?.path,
  args: ['--no-sandbox'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => {
  if (m.type() === 'error') console.error('console:', m.text());
});
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(url);
await page.waitForFunction(() => window.__reachlab?.ready(), null, { timeout: 20000 });
await page.waitForTimeout(800);
const steps = process.env.STEPS ? JSON.parse(process.env.STEPS) : [];
for (const step of steps) {
  if (step.click) await page.click(step.click);
  if (step.wait) await page.waitForTimeout(step.wait);
  if (step.eval) await page.evaluate(step.eval);
}
await page.screenshot({ path: out });
await browser.close();
