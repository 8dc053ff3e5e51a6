import { defineConfig } from '@playwright/test';
import { findBrowser } from './scripts/find-browser.mjs';

// End-to-end tests run the built app (vite preview) in the Chromium scripts/find-browser.mjs finds:
// CHROMIUM_PATH, Playwright's own, or a system Chromium or Chrome (`npm run test:e2e` installs
// Playwright's once when there is none). PLAYWRIGHT_PORT lets several checkouts run their e2e
// tests side by side without sharing a server.
const port = Number(process.env.PLAYWRIGHT_PORT ?? 4173);
const browser = findBrowser();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      ...(browser?.path ? { executablePath: browser.path } : {}),
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npm run build && npm run build:single && npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
