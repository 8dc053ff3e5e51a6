import { expect, type Page, test } from '@playwright/test';
import { generateCluster } from '../src/gen/generateCluster.ts';
import { Reachlab } from './reachlab.ts';

/**
 * Nine levels of Lists whose items are nine aliases of the level below: a few hundred bytes of
 * text that expand to 9^9 Pods when every alias is followed. The parser's alias budget turns it
 * into a located message; without that budget the analysis runs until its time limit stops it.
 */
function listAliasBomb(levels = 9): string {
  const anchors = ['x0: &x0 {apiVersion: v1, kind: Pod, metadata: {name: p}}'];
  for (let i = 1; i <= levels; i++)
    anchors.push(
      `x${i}: &x${i} {kind: List, items: [${Array(9)
        .fill(`*x${i - 1}`)
        .join(', ')}]}`,
    );
  return `apiVersion: v1\nkind: List\nanchors:\n  ${anchors.join('\n  ')}\nitems: [*x${levels}]\n`;
}

/** The page answers: a script runs and a button responds, each within a few seconds. */
async function expectResponsive(page: Page): Promise<void> {
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  await page.getByTestId('view-matrix').click({ timeout: 3_000 });
  await expect(page.getByTestId('view-matrix')).toHaveAttribute('aria-pressed', 'true', { timeout: 3_000 });
  await page.getByTestId('view-graph').click({ timeout: 3_000 });
}

/** The editor shows the text of the active tab; its first lines are enough to recognise it. */
function editor(page: Page) {
  return page.getByTestId('source-editor');
}

test('an alias bomb gives a located message within 2 s, and a reload stays responsive with the text kept', async ({
  page,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'bomb.yaml', mimeType: 'application/yaml', buffer: Buffer.from(listAliasBomb()) });
  await expect(page.getByRole('tab', { name: 'bomb.yaml' })).toBeVisible();
  const problems = page.getByTestId('diagnostics');
  await expect(problems).toContainText(/bomb\.yaml:\d+/, { timeout: 2_000 });
  await expectResponsive(page);

  await page.waitForTimeout(600); // autosave runs shortly after a change
  await page.reload();
  await expect(page.getByRole('tab', { name: 'bomb.yaml' })).toBeVisible({ timeout: 5_000 });
  await page.getByRole('tab', { name: 'bomb.yaml' }).click();
  await expect(editor(page)).toContainText('kind: List', { timeout: 3_000 });
  await expectResponsive(page);
  await expect(problems).toContainText(/bomb\.yaml:\d+/, { timeout: 2_000 });
});

/** A cluster whose evaluation takes many seconds on any machine (about 6 MB of YAML). */
// Big enough that its analysis outlasts the 2 s before "Cancel analysis" shows, on a fast machine too.
const SLOW_CLUSTER = generateCluster({
  workloads: 20_000,
  namespaces: 80,
  policies: 4_000,
  seed: 3,
  distinct: true,
});

async function uploadSlowCluster(page: Page): Promise<void> {
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'big.yaml', mimeType: 'application/yaml', buffer: Buffer.from(SLOW_CLUSTER) });
  await expect(page.getByRole('tab', { name: 'big.yaml' })).toBeVisible();
}

test('a long analysis can be cancelled; the sources stay and the last finished work is one click away', async ({
  page,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await uploadSlowCluster(page);
  const cancel = page.getByRole('button', { name: 'Cancel analysis' });
  await expect(cancel).toBeVisible({ timeout: 5_000 });
  await cancel.click();
  const stopped = page.getByTestId('analysis-stopped');
  await expect(stopped).toContainText('The analysis was cancelled');
  await expectResponsive(page);
  await expect(page.getByRole('tab', { name: 'big.yaml' })).toBeVisible();

  await stopped.getByRole('button', { name: 'Open without the last change' }).click();
  await app.waitForAnalysis();
  await expect(page.getByRole('tab', { name: 'big.yaml' })).toHaveCount(0);
  expect((await app.graph()).nodes.map((n) => n.id)).toContain('shop/frontend');
  await expect(page.getByRole('button', { name: 'Switch back' })).toBeVisible();
});

test('a reload during a long analysis does not start it again, and offers the work without the last change', async ({
  page,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await uploadSlowCluster(page);
  await expect(page.getByRole('button', { name: 'Cancel analysis' })).toBeVisible({ timeout: 5_000 });
  await page.reload();

  const stopped = page.getByTestId('analysis-stopped');
  await expect(stopped).toContainText('did not start it again', { timeout: 5_000 });
  await expect(page.getByRole('tab', { name: 'big.yaml' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel analysis' })).toHaveCount(0);
  await expectResponsive(page);

  await stopped.getByRole('button', { name: 'Open without the last change' }).click();
  await app.waitForAnalysis();
  await expect(page.getByRole('tab', { name: 'big.yaml' })).toHaveCount(0);
  expect((await app.graph()).nodes.map((n) => n.id)).toContain('shop/frontend');
});

test('work restored from a link survives closing the tab at once and opening the same link again', async ({
  page,
  browser,
}) => {
  const sender = await browser.newContext();
  const senderPage = await sender.newPage();
  const shared = new Reachlab(senderPage);
  await shared.open();
  await shared.upload([{ name: 'shared.yaml', text: 'kind: Pod\nmetadata: {name: shared}\n' }]);
  await senderPage.getByTestId('copy-link').click();
  const url = await senderPage.getByTestId('share-url').inputValue();
  await sender.close();

  const app = new Reachlab(page);
  await app.open();
  await app.upload([{ name: 'mine.yaml', text: 'kind: Pod\nmetadata: {name: mine}\n' }]);
  await page.waitForTimeout(600); // autosave runs shortly after a change
  await page.goto(url);
  await app.waitForAnalysis();
  await page.waitForTimeout(600); // the shared work is autosaved
  await page.getByRole('button', { name: 'Restore my previous work' }).click();
  await expect(page.getByRole('tab', { name: 'mine.yaml' })).toBeVisible();
  // Gone before the autosave delay: only a flush on pagehide keeps the restored work.
  await page.goto('about:blank');
  await page.goto(url);
  await page.getByRole('button', { name: 'Restore my previous work' }).click();
  await app.waitForAnalysis();
  expect((await app.graph()).nodes.map((n) => n.id)).toContain('default/mine');
});
