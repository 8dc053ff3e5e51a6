import { expect, test } from '@playwright/test';
import { Reachlab } from './reachlab.ts';

const SHOTS = 'test-results/shots';

const LINKERD = [
  'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}',
  'apiVersion: policy.linkerd.io/v1beta3\nkind: AuthorizationPolicy\nmetadata: {name: web-only, namespace: shop}\nspec:\n  targetRef: {kind: Server, name: web}',
  'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: web, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  port: 80',
].join('\n---\n');

test('policies of kinds Reachlab does not evaluate are a warning above the graph, each linked to its lines', async ({
  page,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await expect(page.getByTestId('unsupported-warning')).toHaveCount(0);
  await app.upload([{ name: 'linkerd.yaml', text: LINKERD }]);
  const warning = page.getByTestId('unsupported-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('⚠');
  await expect(warning).toContainText('AuthorizationPolicy policy.linkerd.io/v1beta3 shop/web-only');
  await expect(warning).toContainText('the verdicts ignore');
  await warning.getByText('AuthorizationPolicy policy.linkerd.io/v1beta3 shop/web-only').click();
  await expect(app.highlightedLines()).toContainText(['apiVersion: policy.linkerd.io/v1beta3', 'kind: AuthorizationPolicy'], {
    useInnerText: true,
  });
  await page.screenshot({ path: `${SHOTS}/kinds-unsupported.png` });
});
