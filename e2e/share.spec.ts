import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';
import { Reachlab } from './reachlab.ts';
import { serveStatic } from './support/staticServer.ts';

const ROOT = resolve(import.meta.dirname, '..');

async function matrixSnapshot(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid=matrix] td[data-verdict]')
    .evaluateAll((cells) =>
      cells.map(
        (c) =>
          `${c.getAttribute('data-from')}>${c.getAttribute('data-to')}=${c.getAttribute('data-verdict')}:${c.textContent}`,
      ),
    );
}

async function copyLink(page: Page): Promise<string> {
  await page.getByTestId('copy-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toContain('#rl1.');
  return url;
}

test('a copied link reproduces the matrix, selection and explanation in a fresh browser', async ({
  page,
  browser,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('allowed-client');
  await app.showMatrix();
  await app.selectWorkload('payments/intruder');
  await page.getByLabel('New label key').fill('access');
  await page.getByLabel('New label value').fill('true');
  await page.getByTestId('add-label').click();
  await app.waitForAnalysis();
  await app.cell('payments/intruder', 'payments/清算-service').click();
  await expect(app.explanation()).toContainText('access-清算 ingress rule 1');
  const url = await copyLink(page);
  await expect(page.locator('.share-result')).toContainText('KB');
  const before = await matrixSnapshot(page);
  const explanation = await app.explanation().textContent();

  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const receiver = await other.newPage();
  const received = new Reachlab(receiver);
  await received.open(url);
  await expect(receiver.getByTestId('matrix')).toBeVisible();
  await expect(received.explanation()).toBeVisible();
  expect(await matrixSnapshot(receiver)).toEqual(before);
  expect(await received.explanation().textContent()).toEqual(explanation);
  await expect(receiver.getByTestId('overrides')).toContainText('payments/intruder');
  await other.close();
});

test('a hostile or broken link shows its message and keeps the user in a working app', async ({ page }) => {
  const app = new Reachlab(page);
  const valid = (json: unknown) =>
    `rl1.${deflateRawSync(Buffer.from(JSON.stringify(json))).toString('base64url')}`;
  const cases: [string, RegExp][] = [
    ['rl1.@@@not-base64', /damaged \(it has characters/],
    ['rl5.AAAA', /another Reachlab version/],
    [valid({ version: 1, sources: [] }).slice(0, 12), /cut off or damaged/],
    [
      `rl1.${deflateRawSync(Buffer.alloc(40 * 1024 * 1024)).toString('base64url')}`,
      /would unpack to more than 32 MB/,
    ],
    [valid({ version: 1, sources: 'nope' }), /sources is not a list/],
    [
      valid({
        version: 1,
        sources: [
          {
            name: '<img src=x onerror=alert(1)>',
            text: 'kind: Pod\nmetadata: {name: "<script>alert(1)</script>"}\n',
          },
        ],
      }),
      /^$/,
    ],
  ];
  for (const [fragment, message] of cases) {
    await page.goto(`/#${fragment}`);
    await app.waitForAnalysis();
    if (message.source === '^$') {
      // Names are text: the tab shows the markup literally and nothing runs.
      await expect(page.getByRole('tab', { name: '<img src=x onerror=alert(1)>' })).toBeVisible();
      expect((await app.graph()).nodes.map((n) => n.id)).toContain('default/<script>alert(1)</script>');
    } else {
      await expect(page.locator('.notice-error').last()).toContainText(message);
    }
    expect(await page.evaluate(() => window.location.hash)).toBe('');
  }
});

test('a reload keeps the work; undo and redo step through edits', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.showMatrix();
  await app.selectWorkload('shop/frontend');
  await app.toggleLabel('app', 'frontend');
  await expect(app.cell('shop/frontend', 'shop/backend')).toHaveAttribute('data-verdict', 'denied');
  await page.waitForTimeout(600); // autosave runs shortly after a change
  await page.reload();
  await app.waitForAnalysis();
  await expect(app.cell('shop/frontend', 'shop/backend')).toHaveAttribute('data-verdict', 'denied');
  await expect(page.getByTestId('overrides')).toContainText('shop/frontend');

  await app.selectWorkload('shop/backend');
  await app.toggleLabel('app', 'backend');
  await expect(app.cell('shop/backend', 'shop/database')).toHaveAttribute('data-verdict', 'denied');
  await page.getByTestId('undo').click();
  await app.waitForAnalysis();
  await expect(app.cell('shop/backend', 'shop/database')).toHaveAttribute('data-verdict', 'partial');
  await page.keyboard.press('Control+Shift+Z');
  await app.waitForAnalysis();
  await expect(app.cell('shop/backend', 'shop/database')).toHaveAttribute('data-verdict', 'denied');
  await page.locator('body').click({ position: { x: 5, y: 890 } });
  await page.keyboard.press('Control+Z');
  await app.waitForAnalysis();
  await expect(app.cell('shop/backend', 'shop/database')).toHaveAttribute('data-verdict', 'partial');
});

test('opening a link keeps unsaved local work, and Secrets never travel in a link', async ({
  page,
  browser,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await app.upload([
    {
      name: 'mine.yaml',
      text: 'kind: Pod\nmetadata: {name: mine}\n---\nkind: Secret\nmetadata: {name: db}\nstringData: {password: hunter2}\n',
    },
  ]);
  const url = await copyLink(page);
  await expect(page.locator('.share-result')).toContainText('Left out of what you share: 1 Secret');

  const other = await browser.newContext();
  const receiver = await other.newPage();
  const received = new Reachlab(receiver);
  await received.open();
  await received.upload([{ name: 'theirs.yaml', text: 'kind: Pod\nmetadata: {name: theirs}\n' }]);
  await receiver.waitForTimeout(600);
  // Same page, new fragment: the open app picks the link up without a reload.
  await receiver.goto(url);
  await expect(receiver.getByText('Opened the shared link. Your previous work is kept.')).toBeVisible();
  await received.waitForAnalysis();
  expect((await received.graph()).nodes.map((n) => n.id)).toContain('default/mine');
  expect(await receiver.evaluate(() => document.body.textContent)).not.toContain('hunter2');
  await receiver.getByRole('button', { name: 'Restore my previous work' }).click();
  await received.waitForAnalysis();
  expect((await received.graph()).nodes.map((n) => n.id)).toContain('default/theirs');
  await other.close();
});

test('no request leaves the origin while a user works', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173/').origin;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'))
      foreign.push(url);
  });
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('online-shop');
  await app.showMatrix();
  await app.cell('boutique/frontend', 'boutique/cartservice').click();
  await app.selectWorkload('boutique/frontend');
  await app.toggleLabel('app', 'frontend');
  await copyLink(page);
  await page.getByTestId('view-graph').click();
  expect(foreign).toEqual([]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'self'");
});

test('the built dist/ works when served from a sub-path', async ({ page }) => {
  const server = await serveStatic(resolve(ROOT, 'dist'), '/tools/reachlab/');
  try {
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(response.url());
    });
    const app = new Reachlab(page);
    await app.open(server.url);
    expect((await app.graph()).nodes.length).toBeGreaterThan(3);
    expect(failed).toEqual([]);
  } finally {
    await server.close();
  }
});

test('the single HTML file works opened from disk, with no network', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => {
    if (
      !request.url().startsWith('file:') &&
      !request.url().startsWith('blob:') &&
      !request.url().startsWith('data:')
    )
      requests.push(request.url());
  });
  const app = new Reachlab(page);
  await app.open(pathToFileURL(resolve(ROOT, 'dist-single', 'reachlab.html')).href);
  await app.showMatrix();
  await expect(app.cell('shop/frontend', 'shop/backend')).toHaveAttribute('data-verdict', 'partial');
  expect(requests).toEqual([]);
});
