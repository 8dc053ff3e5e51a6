import { expect, test } from '@playwright/test';
import { Reachlab } from './reachlab.ts';

test('a binary file and a non-manifest file get clear messages; the rest keeps working', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await page.getByTestId('file-input').setInputFiles([
    {
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0]),
    },
    {
      name: 'notes.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('shopping:\n  - milk\n  - eggs\n'),
    },
    {
      name: 'chart.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('kind: Service\nmetadata:\n  name: {{ .Release.Name }}\n'),
    },
    {
      name: 'pod.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('kind: Pod\nmetadata: {name: survivor}\n'),
    },
  ]);
  await app.waitForAnalysis();
  const problems = page.getByTestId('diagnostics');
  await expect(problems).toContainText('binary file, not a manifest');
  await expect(problems).toContainText('no `kind`');
  await expect(problems).toContainText('helm template');
  const graph = await app.graph();
  expect(graph.nodes.filter((n) => n.kind === 'workload').map((n) => n.id)).toEqual(['default/survivor']);
});

test('a 20 MB input is read without freezing the page', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  const blob = 'x'.repeat(1000);
  const lines = ['kind: ConfigMap', 'metadata: {name: big}', 'data:'];
  for (let i = 0; i < 20_000; i++) lines.push(`  key${i}: "${blob}"`);
  const big = `${lines.join('\n')}\n---\nkind: Pod\nmetadata: {name: beside-the-blob, labels: {app: a}}\n`;
  expect(big.length).toBeGreaterThan(20_000_000);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'dump.yaml', mimeType: 'application/yaml', buffer: Buffer.from(big) });
  await expect(page.getByRole('tab', { name: 'dump.yaml' })).toBeVisible();
  // The main thread stays free while the worker parses: the view switch answers at once.
  await page.getByTestId('view-matrix').click();
  await expect(page.getByTestId('view-matrix')).toHaveAttribute('aria-pressed', 'true');
  await app.waitForAnalysis();
  await expect(app.cell('default/beside-the-blob', 'default/beside-the-blob')).toHaveAttribute(
    'data-verdict',
    'allowed',
  );
  await expect(page.getByTestId('diagnostics')).toContainText('Not modelled: 1 ConfigMap');
});

test('a typo in a field name is reported with the nearest valid name', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.upload([
    {
      name: 'typo.yaml',
      text: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector:\n    matchLabel: {app: web}\n',
    },
  ]);
  const problems = page.getByTestId('diagnostics');
  await expect(problems).toContainText('warning typo.yaml:6 (document 1, spec.podSelector.matchLabel)');
  await expect(problems).toContainText(
    'unknown field `matchLabel` in spec.podSelector; did you mean `matchLabels`?',
  );
});
