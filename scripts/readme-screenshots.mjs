// Retakes the README screenshots (light and dark) from the built app: `npm run build`, then
// `node scripts/readme-screenshots.mjs [port]`. Uses Debian's Chromium, like the e2e tests.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const port = Number(process.argv[2] ?? 4399);
const server = spawn(
  'npx',
  ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: 'ignore',
  },
);
const base = `http://127.0.0.1:${port}/`;
for (let i = 0; i < 50; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, colorScheme: theme });
    await page.goto(base);
    await page.waitForFunction(() => window.__reachlab?.ready() === true);
    await page.getByTestId('view-matrix').click();
    await page.locator('[data-testid=matrix] td[data-from="shop/frontend"][data-to="shop/database"]').click();
    await page.getByTestId('explanation').waitFor();
    await page.getByTestId('view-graph').click();
    await page.waitForTimeout(600);
    const name = theme === 'light' ? 'screenshot.png' : 'screenshot-dark.png';
    await page.screenshot({ path: `docs/${name}` });
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
