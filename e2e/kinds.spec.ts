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
  await expect(app.highlightedLines()).toContainText(
    ['apiVersion: policy.linkerd.io/v1beta3', 'kind: AuthorizationPolicy'],
    {
      useInnerText: true,
    },
  );
  await page.screenshot({ path: `${SHOTS}/kinds-unsupported.png` });
});

test('a denied arrow of the selected workload names the tier that decided it, in words', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('cluster-guardrails');
  await app.showMatrix();
  await app.selectWorkload('prod/web');
  await page.getByTestId('view-graph').click();
  const deniedLabel = async (from: string, to: string) =>
    (await app.graph()).edges.find(
      (e) => e.kind === 'reach' && e.from === from && e.to === to && e.verdict === 'denied',
    )?.ports;
  // The AdminNetworkPolicy's deny-from-lab rule, then the baseline for what the namespaces left open.
  await expect.poll(() => deniedLabel('lab/notebook', 'prod/web')).toBe('✕ admin');
  await expect.poll(() => deniedLabel('prod/api', 'prod/web')).toBe('✕ baseline');
  await expect(page.getByTestId('legend-denied-by-tier')).toContainText('✕ admin');
  await page.screenshot({ path: `${SHOTS}/kinds-denied-admin.png` });

  await app.pickSample('calico-clearing-service');
  await app.showMatrix();
  await app.selectWorkload('payments/clearing-service');
  await page.getByTestId('view-graph').click();
  await expect
    .poll(() => deniedLabel('payments/intruder', 'payments/clearing-service'))
    .toBe('✕ Calico tier security');
  await page.screenshot({ path: `${SHOTS}/kinds-denied-calico.png` });
});

test('the inspector lists the policies of every kind and tier that select the workload, each linked', async ({
  page,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('cluster-guardrails');
  await app.showMatrix();
  await app.selectWorkload('prod/api');
  const tiers = page.locator('[data-testid=inspector] [data-testid=policy-tier]');
  await expect(tiers).toHaveCount(3);
  await expect(tiers.nth(0)).toHaveAttribute('data-tier', 'admin tier');
  await expect(tiers.nth(0)).toContainText('AdminNetworkPolicy prod-guardrails');
  await expect(tiers.nth(1)).toHaveAttribute('data-tier', 'namespaced tier');
  await expect(tiers.nth(1)).toContainText('NetworkPolicy prod/api-from-web');
  await expect(tiers.nth(2)).toHaveAttribute('data-tier', 'baseline tier');
  await tiers.nth(0).getByTestId('applied-policy-link').click();
  await expect(app.highlightedLines().first()).toContainText('apiVersion: policy.networking.k8s.io');
  await page.screenshot({ path: `${SHOTS}/kinds-inspector-tiers.png` });

  await app.pickSample('istio-bookinfo');
  await app.showMatrix();
  await app.selectWorkload('bookinfo/ratings-v1');
  await expect(page.locator('[data-testid=inspector] [data-testid=applied-policies]')).toContainText(
    'AuthorizationPolicy bookinfo/ratings-viewer',
  );
});

test('a verdict that holds for some requests only is flagged in words on the arrow, the cell and the explanation', async ({
  page,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('cilium-entities-l7');
  const edge = (await app.graph()).edges.find((e) => e.from === 'store/frontend' && e.to === 'store/api');
  expect(edge?.ports).toBe('⚑ L7 TCP 8080 only GET /api/.*');
  await expect(page.getByTestId('legend-conditional')).toContainText('⚑ L7');
  await page.screenshot({ path: `${SHOTS}/kinds-l7-graph.png` });
  await app.showMatrix();
  const cell = app.cell('store/frontend', 'store/api');
  await expect(cell).toContainText('⚑ L7 TCP 8080 only GET /api/.*');
  await expect(cell).toHaveAttribute('data-conditional', 'true');
  await cell.click();
  await expect(app.explanation()).toHaveAttribute('data-conditional', 'true');
  await expect(app.explanation().locator('.verdict-headline')).toContainText(
    '⚑ L7 Allowed for some requests only',
  );
  await page.screenshot({ path: `${SHOTS}/kinds-l7-matrix.png` });

  // Istio governs TCP only: the rest passes, and the cell names TCP as the exception.
  await app.pickSample('istio-bookinfo');
  await expect(app.cell('bookinfo/details-v1', 'bookinfo/reviews-v1')).toContainText('all except TCP');
});

test('the settings say what the automatic plugin chose and why, and check pod CIDRs and mesh settings', async ({
  page,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('calico-clearing-service');
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('setting-cni')).toHaveValue('auto');
  await expect(page.getByTestId('setting-cni-resolved')).toContainText('Automatic chose Calico');
  await expect(page.getByTestId('setting-cni-resolved')).toContainText('Calico policy objects are present');

  const cidrs = page.getByTestId('setting-pod-cidrs');
  await cidrs.fill('10.244.0.0/16, 10.1.2.3');
  await cidrs.blur();
  await expect(page.getByTestId('setting-pod-cidrs-error')).toContainText('“10.1.2.3” is not a CIDR');
  await expect(cidrs).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: `${SHOTS}/kinds-settings-error.png` });
  await cidrs.fill('10.244.0.0/16');
  await cidrs.blur();
  await app.waitForAnalysis();
  await expect(page.getByTestId('setting-pod-cidrs-error')).toHaveCount(0);

  const root = page.getByTestId('setting-root-namespace');
  await root.fill('Istio_System');
  await root.blur();
  await expect(page.getByTestId('setting-root-namespace-error')).toContainText('not a namespace name');
  await page.getByTestId('setting-membership').selectOption('all');
  await app.waitForAnalysis();
  await expect(page.getByTestId('setting-membership')).toHaveValue('all');

  await app.pickSample('cluster-guardrails');
  await expect(page.getByTestId('setting-cni-resolved')).toContainText('no plugin-specific objects');
});

test('what-if: a workload runs as another ServiceAccount or leaves the mesh, undoable and kept in links', async ({
  page,
  browser,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('istio-clearing-service');
  await app.showMatrix();
  const toService = () => app.cell('payments/intruder', 'payments/清算-service');
  await expect(toService()).toContainText('all except TCP');

  // The intruder takes the client's identity: the mesh admits it on the HTTP port.
  await app.selectWorkload('payments/intruder');
  await expect(page.getByTestId('identity-account')).toHaveValue('default');
  await app.runAs('client');
  await expect(toService()).toContainText('TCP 8080; UDP; SCTP; other protocols');
  await expect(page.getByTestId('identity-edit')).toContainText('runs as ServiceAccount client');
  await page.screenshot({ path: `${SHOTS}/kinds-identity.png` });

  // A bad name is refused where it was typed; nothing changes.
  await page.getByTestId('identity-account').fill('Not_A_Name');
  await page.getByTestId('identity-account').press('Enter');
  await expect(page.getByTestId('identity-account-error')).toContainText('is not a ServiceAccount name');
  await expect(toService()).toContainText('TCP 8080');

  // Undo takes the identity back, like a label edit.
  await page.getByTestId('undo').click();
  await app.waitForAnalysis();
  await expect(toService()).toContainText('all except TCP');

  // The service out of the mesh: no sidecar enforces its AuthorizationPolicy.
  await app.selectWorkload('payments/清算-service');
  await app.setMesh('out');
  await expect(toService()).toContainText('✓ all');
  await expect(page.getByTestId('identity-edit')).toContainText('taken out of the mesh');

  // The link carries the edit.
  await page.getByTestId('copy-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const receiver = new Reachlab(await other.newPage());
  await receiver.open(url);
  await expect(receiver.cell('payments/intruder', 'payments/清算-service')).toContainText('✓ all');
  await expect(receiver.page.getByTestId('identity-edit')).toContainText('taken out of the mesh');
  await other.close();
});
