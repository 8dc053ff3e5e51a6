import { expect, test } from '@playwright/test';
import { Reachlab } from './reachlab.ts';

test.describe('first load', () => {
  test('shows a sample graph at once, with verdict-coloured edges', async ({ page }) => {
    const app = new Reachlab(page);
    await app.open();
    await expect(page.getByTestId('sample-picker')).toHaveValue('three-tier');
    await expect(page.locator('[data-testid=graph] canvas').first()).toBeVisible();
    const graph = await app.graph();
    expect(graph.nodes.filter((n) => n.kind === 'namespace').map((n) => n.id)).toEqual([
      'ns:ingress-nginx',
      'ns:shop',
    ]);
    expect(graph.nodes.filter((n) => n.kind === 'workload')).toHaveLength(4);
    expect(graph.edges.filter((e) => e.kind === 'reach')).toEqual(
      expect.arrayContaining([
        { from: 'shop/frontend', to: 'shop/backend', kind: 'reach', verdict: 'partial', ports: 'TCP 8080' },
        { from: 'shop/backend', to: 'shop/database', kind: 'reach', verdict: 'partial', ports: 'TCP 5432' },
      ]),
    );
    await expect(page.getByTestId('source-editor')).toContainText('kind: Namespace');
  });
});

test('uploading several files adds them as tabs and evaluates them together', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.upload([
    {
      name: 'apps.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: team-a, labels: {app: web}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: team-a, labels: {app: db}}\n',
    },
    {
      name: 'policy.json',
      text: JSON.stringify({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'db-from-web', namespace: 'team-a' },
        spec: {
          podSelector: { matchLabels: { app: 'db' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
        },
      }),
    },
  ]);
  await expect(page.getByRole('tab', { name: 'apps.yaml' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'policy.json' })).toBeVisible();
  await app.showMatrix();
  await expect(app.cell('team-a/web', 'team-a/db')).toHaveAttribute('data-verdict', 'allowed');
  await expect(app.cell('team-a/db', 'team-a/web')).toHaveAttribute('data-verdict', 'allowed');
  await expect(app.cell('0.0.0.0/0', 'team-a/db')).toHaveAttribute('data-verdict', 'denied');
});

test('a broken document shows a diagnostic at its line while the rest renders', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.upload([
    {
      name: 'mixed.yaml',
      text: 'kind: Pod\nmetadata: {name: good-1}\n---\nkind: Pod\nmetadata:\n  name: [broken\n---\nkind: Pod\nmetadata: {name: good-2}\n',
    },
  ]);
  const problems = page.getByTestId('diagnostics');
  await expect(problems).toContainText('mixed.yaml:');
  await expect(problems).toContainText('not valid YAML');
  await expect(page.locator('[data-testid=source-editor] .cm-lint-marker-error')).toHaveCount(1);
  const graph = await app.graph();
  expect(graph.nodes.filter((n) => n.kind === 'workload').map((n) => n.id)).toEqual([
    'default/good-1',
    'default/good-2',
  ]);
});

test('toggling a pod label changes matrix cells as the engine says', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('allowed-client');
  await app.showMatrix();
  await expect(app.cell('payments/client', 'payments/清算-service')).toHaveAttribute(
    'data-verdict',
    'partial',
  );
  await expect(app.cell('payments/client', 'payments/清算-service')).toContainText('TCP 8080');
  await app.selectWorkload('payments/client');
  await expect(app.labelSwitch('access', 'true')).toHaveAttribute('aria-checked', 'true');
  await app.toggleLabel('access', 'true');
  await expect(app.labelSwitch('access', 'true')).toHaveAttribute('aria-checked', 'false');
  await expect(app.cell('payments/client', 'payments/清算-service')).toHaveAttribute(
    'data-verdict',
    'denied',
  );
  await expect(page.getByTestId('change-summary')).toContainText('1 connection closed');
  await app.toggleLabel('access', 'true');
  await expect(app.cell('payments/client', 'payments/清算-service')).toHaveAttribute(
    'data-verdict',
    'partial',
  );
  // The intruder gains access by getting the label: added as a what-if, then undone from the list.
  await app.selectWorkload('payments/intruder');
  await page.getByLabel('New label key').fill('access');
  await page.getByLabel('New label value').fill('true');
  await page.getByTestId('add-label').click();
  await app.waitForAnalysis();
  await expect(app.cell('payments/intruder', 'payments/清算-service')).toHaveAttribute(
    'data-verdict',
    'partial',
  );
  await page.getByTestId('reset-edits').click();
  await app.waitForAnalysis();
  await expect(app.cell('payments/intruder', 'payments/清算-service')).toHaveAttribute(
    'data-verdict',
    'denied',
  );
});

test('toggling a namespace label changes matrix cells as the engine says', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('prod-dev-isolation');
  await app.showMatrix();
  await expect(app.cell('monitoring/prometheus', 'prod/api')).toHaveAttribute('data-verdict', 'partial');
  await app.selectNamespace('monitoring');
  await app.toggleLabel('purpose', 'monitoring');
  await expect(app.cell('monitoring/prometheus', 'prod/api')).toHaveAttribute('data-verdict', 'denied');
  await expect(app.cell('monitoring/prometheus', 'dev/api')).toHaveAttribute('data-verdict', 'denied');
  // The API server's own label cannot be switched off.
  await expect(app.labelSwitch('kubernetes.io/metadata.name', 'monitoring')).toBeDisabled();
});

test('the explanation names the right policy, and a policy link highlights its lines', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.showMatrix();
  await app.cell('shop/frontend', 'shop/backend').click();
  const explanation = app.explanation();
  await expect(explanation).toHaveAttribute('data-verdict', 'partial');
  await expect(explanation).toContainText('Allowed on TCP 8080 only');
  await expect(explanation).toContainText('backend-from-frontend ingress rule 1');
  await app.cell('shop/frontend', 'shop/database').click();
  await expect(explanation).toHaveAttribute('data-verdict', 'denied');
  await expect(explanation).toContainText('database-from-backend ingress rule 1');
  await expect(explanation).toContainText('pod needs app=backend, has app=frontend');

  await explanation.getByTestId('policy-link').filter({ hasText: 'shop/database-from-backend' }).click();
  const lines = app.highlightedLines();
  await expect(lines.first()).toBeVisible();
  await expect(lines.first()).toContainText('apiVersion: networking.k8s.io/v1');
  await expect(
    page
      .getByTestId('source-editor')
      .locator('.cm-reachlab-highlight', { hasText: 'name: database-from-backend' }),
  ).toHaveCount(1);
});

test('the test API is read-only', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  const writable = await page.evaluate(() => {
    const w = window as unknown as { __reachlab: Record<string, unknown> };
    try {
      w.__reachlab.graph = () => null;
    } catch {
      // frozen
    }
    return Object.isFrozen(w.__reachlab);
  });
  expect(writable).toBe(true);
  expect((await app.graph()).nodes.length).toBeGreaterThan(0);
});
