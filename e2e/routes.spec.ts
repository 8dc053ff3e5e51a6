import { expect, test } from '@playwright/test';
import { Reachlab } from './reachlab.ts';

test('probing an Ingress URL from the Internet shows each hop with its verdict', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('ingress-controller');
  const result = await app.probe('internet', 'https://www.example.com/');
  await expect(result).toHaveAttribute('data-verdict', 'allowed');
  await expect(result).toContainText('Ingress web/frontend');
  await expect(app.hops()).toHaveCount(2);
  await expect(app.hops().nth(0)).toContainText(
    'internet → ingress-nginx/ingress-nginx-controller (ingress controller)',
  );
  await expect(app.hops().nth(0)).toHaveAttribute('data-verdict', 'allowed');
  await expect(app.hops().nth(1)).toContainText(
    'ingress-nginx/ingress-nginx-controller → web/frontend TCP 8080: allowed',
  );
  await expect(app.hops().nth(1)).toContainText('web/frontend-from-ingress-nginx ingress rule 1');
  // The graph shows the path: Internet -> Ingress -> Service -> pods.
  const graph = await app.graph();
  const routes = graph.edges.filter((e) => e.kind === 'route').map((e) => `${e.from} > ${e.to}`);
  expect(routes).toEqual(
    expect.arrayContaining([
      'ing:web/frontend > svc:web/frontend',
      'svc:web/frontend > web/frontend',
      'ext:0.0.0.0/0 > ing:web/frontend',
    ]),
  );
});

test('probing a DNS name judges the lookup and the Service hop, and follows label edits', async ({
  page,
}) => {
  const app = new Reachlab(page);
  await app.open();
  await app.pickSample('dns-egress');
  let result = await app.probe('team-wrong/worker', 'kube-dns.kube-system:53');
  await expect(result).toHaveAttribute('data-verdict', 'denied');
  await expect(app.hops().nth(0)).toContainText('DNS lookup, UDP 53: denied');
  await expect(app.hops().nth(0)).toContainText('closest: team-wrong/allow-dns egress rule 1');
  result = await app.probe('team-right/worker', 'kube-dns.kube-system:53');
  await expect(result).toHaveAttribute('data-verdict', 'allowed');
  await expect(app.hops()).toHaveCount(2);
  await expect(app.hops().nth(1)).toContainText('team-right/worker → kube-system/coredns UDP 53: allowed');

  // Unresolvable names are errors, not verdicts.
  result = await app.probe('team-right/worker', 'nothing-here');
  await expect(result).toHaveAttribute('data-verdict', 'error');
  await expect(result).toContainText('nothing-here does not resolve');
});

test('with Flannel alone every connection is allowed and the app says why', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await app.showMatrix();
  await expect(app.cell('shop/frontend', 'shop/database')).toHaveAttribute('data-verdict', 'denied');
  await page.getByTestId('settings').click();
  await page.getByTestId('setting-cni').selectOption('flannel');
  await app.waitForAnalysis();
  await expect(app.cell('shop/frontend', 'shop/database')).toHaveAttribute('data-verdict', 'allowed');
  await expect(page.getByTestId('enforcement-note')).toContainText(
    'Flannel alone does not enforce NetworkPolicy',
  );
  await page.getByTestId('setting-cni').selectOption('calico');
  await app.waitForAnalysis();
  await expect(app.cell('shop/frontend', 'shop/database')).toHaveAttribute('data-verdict', 'denied');
});

test('findings list design problems with a location and a fix', async ({ page }) => {
  const app = new Reachlab(page);
  await app.open();
  await page.getByTestId('findings-tab').click();
  const findings = page.getByTestId('findings');
  await expect(findings.locator('[data-kind=egress-without-dns]')).toHaveCount(3);
  await expect(findings).toContainText('shop/frontend is isolated for egress and may not reach cluster DNS');
  await expect(findings).toContainText('Fix: Add an egress rule');
  await findings.locator('[data-kind=egress-without-dns] button').first().click();
  await expect(app.highlightedLines().first()).toBeVisible();
});
