import { chromium } from '@playwright/test';

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto('http://localhost:5173/');
await page.waitForFunction(() => window.__reachlab?.ready());
await page.getByTestId('sample-picker').selectOption('ingress-controller');
await page.waitForFunction(() => window.__reachlab?.ready());
await page.locator('.probe summary').click();
await page.getByTestId('probe-from').selectOption('internet');
await page.getByTestId('probe-target').fill('https://www.example.com/');
await page.getByTestId('probe-run').click();
await page.waitForTimeout(800);
await page.getByTestId('findings-tab').click();
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/s9.png' });
await browser.close();
