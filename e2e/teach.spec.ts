import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import yaml from 'js-yaml';
import { Reachlab } from './reachlab.ts';

const goals = (page: Page) => page.getByTestId('lesson-goal');

test('a built-in lesson is solved in the browser by editing a policy, and every goal ticks', async ({
  page,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await page.getByTestId('lessons-menu').locator('summary').click();
  await page.locator('[data-testid=lesson-open][data-id="03-namespace-selector.yaml"]').click();
  await app.waitForAnalysis();
  const panel = page.getByTestId('lesson-panel');
  await expect(panel).toContainText('namespaceSelector and the kubernetes.io/metadata.name label');
  await expect(goals(page)).toHaveCount(3);
  await expect(goals(page).first()).toHaveAttribute('data-holds', 'false');
  await expect(page.getByTestId('lesson-done')).toHaveCount(0);

  // A hint, then the fix: select the namespace by its automatic name label.
  await page.getByTestId('lesson-hint-button').click();
  await expect(page.getByTestId('lesson-hint')).toHaveCount(1);
  const line = page.locator('[data-testid=source-editor] .cm-line', { hasText: 'matchLabels: {name: web}' });
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.insertText('matchLabels: {kubernetes.io/metadata.name: web}');
  await app.waitForAnalysis();

  for (let i = 0; i < 3; i++) await expect(goals(page).nth(i)).toHaveAttribute('data-holds', 'true');
  await expect(page.getByTestId('lesson-done')).toContainText('lesson solved');
});

test('a toggled label ticks a lesson goal too (what-if edits count)', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await page.getByTestId('lessons-menu').locator('summary').click();
  await page.locator('[data-testid=lesson-open][data-id="03-namespace-selector.yaml"]').click();
  await app.waitForAnalysis();
  await expect(goals(page).first()).toHaveAttribute('data-holds', 'false');
  // Give the web namespace the label the policy asks for.
  await app.showMatrix();
  await app.selectNamespace('web');
  await page.getByLabel('New label key').fill('name');
  await page.getByLabel('New label value').fill('web');
  await page.getByTestId('add-label').click();
  await app.waitForAnalysis();
  await expect(goals(page).first()).toHaveAttribute('data-holds', 'true');
});

const base = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}]}]}
`;
const isolated = `${base}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: 8080}]
`;

test('a diff between two tabs lists and draws the changed edges', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.upload([
    { name: 'before.yaml', text: base },
    { name: 'after.yaml', text: isolated },
  ]);
  await page.getByTestId('compare-menu').locator('summary').click();
  await page.getByTestId('compare-before').selectOption({ label: 'before.yaml' });
  await page.getByTestId('compare-after').selectOption({ label: 'after.yaml' });
  await page.getByTestId('compare-tabs').click();
  const changed = page.locator('[data-testid=compare-change]', { hasText: 'shop/web → shop/api' });
  await expect(changed).toHaveAttribute('data-kind', 'changed');
  await expect(changed).toContainText('All Connections → TCP 8080');
  await expect(page.locator('[data-testid=compare-change]', { hasText: 'shop/api → shop/web' })).toHaveCount(
    0,
  );
  const graph = await app.graph();
  const diffEdges = graph.edges.filter((e) => e.kind === 'diff');
  expect(diffEdges).toContainEqual({
    from: 'shop/web',
    to: 'shop/api',
    kind: 'diff',
    ports: '~ All Connections → TCP 8080',
  });
});

test('each export downloads a valid file', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  const graph = await app.graph();
  const workloads = graph.nodes.filter((n) => n.kind === 'workload').length;
  expect(workloads).toBeGreaterThan(1);
  const save = async (testId: string) => {
    await page.getByTestId('export').locator('summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  };

  const png = await save('export-png');
  expect(png.name).toMatch(/\.png$/);
  const size = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    return { width: bitmap.width, height: bitmap.height };
  }, png.bytes.toString('base64'));
  expect(size.width).toBeGreaterThan(100);
  expect(size.height).toBeGreaterThan(100);

  const parseXml = (text: string, type: string) =>
    page.evaluate(
      ([t, mime]) => {
        const doc = new DOMParser().parseFromString(t as string, mime as DOMParserSupportedType);
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.nodeName,
          nodes: doc.querySelectorAll('.node, mxCell[vertex]').length,
        };
      },
      [text, type],
    );
  const svg = await save('export-svg');
  expect(await parseXml(svg.bytes.toString('utf8'), 'image/svg+xml')).toMatchObject({
    error: 0,
    root: 'svg',
  });
  expect((await parseXml(svg.bytes.toString('utf8'), 'image/svg+xml')).nodes).toBeGreaterThanOrEqual(
    workloads,
  );

  const drawio = await save('export-drawio');
  const drawioDoc = await parseXml(drawio.bytes.toString('utf8'), 'application/xml');
  expect(drawioDoc).toMatchObject({ error: 0, root: 'mxfile' });
  expect(drawioDoc.nodes).toBeGreaterThanOrEqual(workloads);

  const csv = (await save('export-csv')).bytes.toString('utf8').trimEnd().split('\r\n');
  expect(csv[0]).toBe('from,to,verdict,ports');
  expect(csv.length - 1).toBe(workloads * workloads);

  const report = (await save('export-report')).bytes.toString('utf8');
  expect(report).toContain('# Reachlab report');
  expect(report).toContain('## Matrix');
  expect(report).toContain('## Findings');

  const manifests = (await save('export-yaml')).bytes.toString('utf8');
  const docs = yaml.loadAll(manifests).filter(Boolean) as { kind?: string }[];
  expect(docs.some((d) => d.kind === 'NetworkPolicy')).toBe(true);
});

test("a share link opens the lesson with the learner's progress", async ({ page, browser }) => {
  const app = new Reachlab(page);
  await app.open();
  await page.getByTestId('lessons-menu').locator('summary').click();
  await page.locator('[data-testid=lesson-open][data-id="03-namespace-selector.yaml"]').click();
  await app.waitForAnalysis();
  await page.getByTestId('lesson-hint-button').click();
  await app.showMatrix();
  await app.selectNamespace('web');
  await page.getByLabel('New label key').fill('name');
  await page.getByLabel('New label value').fill('web');
  await page.getByTestId('add-label').click();
  await app.waitForAnalysis();
  await expect(goals(page).first()).toHaveAttribute('data-holds', 'true');
  await page.getByTestId('copy-link').click();
  const url = await page.getByTestId('share-url').inputValue();

  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const receiver = await other.newPage();
  await new Reachlab(receiver).open(url);
  await expect(receiver.getByTestId('lesson-panel')).toContainText('namespaceSelector');
  await expect(receiver.getByTestId('lesson-goal').first()).toHaveAttribute('data-holds', 'true');
  // The label the learner added came along: the lesson is solved on the receiving side too.
  await expect(receiver.getByTestId('lesson-done')).toBeVisible();
  await expect(receiver.getByTestId('overrides')).toContainText('web');
  await other.close();
});

test('a ghost pod added from the inspector shows who can reach it, dashed in the graph', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await page.getByTestId('lessons-menu').locator('summary').click();
  await page.locator('[data-testid=lesson-open][data-id="01-default-allow.yaml"]').click();
  await app.waitForAnalysis();
  await app.showMatrix();
  await app.selectNamespace('shop');
  await page.getByTestId('ghost-labels').fill('app=api');
  await page.getByTestId('ghost-add').click();
  await app.waitForAnalysis();
  await expect(page.getByTestId('ghost-note')).toBeVisible();
  await expect(app.cell('shop/frontend', 'shop/what-if-pod')).toHaveAttribute('data-verdict', 'allowed');
  await page.getByTestId('view-graph').click();
  const graph = await app.graph();
  expect(graph.nodes.some((n) => n.id === 'shop/what-if-pod')).toBe(true);
});

test('a suggested fix is applied in one click, shown as a diff, and undone', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await page.getByTestId('lessons-menu').locator('summary').click();
  await page.locator('[data-testid=lesson-open][data-id="01-default-allow.yaml"]').click();
  await app.waitForAnalysis();
  await app.showMatrix();
  await app.cell('shop/frontend', 'shop/db').click();
  await page.getByTestId('fix-want').selectOption('denied');
  await page.getByTestId('fix-suggest').click();
  await expect(page.getByTestId('fix-proposal').first()).toBeVisible();
  await page.getByTestId('fix-apply').first().click();
  await app.waitForAnalysis();
  await expect(app.cell('shop/frontend', 'shop/db')).toHaveAttribute('data-verdict', 'denied');
  await expect(
    page.locator('[data-testid=compare-change]', { hasText: 'shop/frontend → shop/db' }),
  ).toHaveAttribute('data-kind', 'closed');
  await page.getByTestId('undo').click();
  await app.waitForAnalysis();
  await expect(app.cell('shop/frontend', 'shop/db')).not.toHaveAttribute('data-verdict', 'denied');
});
