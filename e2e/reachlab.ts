import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for Reachlab: what a user can do, in the words of the interface. */
export class Reachlab {
  constructor(readonly page: Page) {}

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.waitForAnalysis();
  }

  /** Waits until the worker has produced a snapshot for the current input. */
  async waitForAnalysis(): Promise<void> {
    await this.page.waitForFunction(
      () => (window as unknown as { __reachlab?: { ready(): boolean } }).__reachlab?.ready() === true,
    );
  }

  graph() {
    return this.page.evaluate(() =>
      (window as unknown as { __reachlab: { graph(): unknown } }).__reachlab.graph(),
    ) as Promise<{
      nodes: { id: string; kind: string; label: string }[];
      edges: { from: string; to: string; kind: string; verdict?: string; ports?: string }[];
    }>;
  }

  async pickSample(id: string): Promise<void> {
    await this.page.getByTestId('sample-picker').selectOption(id);
    await this.waitForAnalysis();
  }

  async upload(files: { name: string; text: string }[]): Promise<void> {
    await this.page
      .getByTestId('file-input')
      .setInputFiles(
        files.map((f) => ({ name: f.name, mimeType: 'application/yaml', buffer: Buffer.from(f.text) })),
      );
    await expect(this.page.getByRole('tab', { name: files[files.length - 1]?.name ?? '' })).toBeVisible();
    await this.waitForAnalysis();
  }

  async showMatrix(): Promise<void> {
    await this.page.getByTestId('view-matrix').click();
    await expect(this.page.getByTestId('matrix')).toBeVisible();
  }

  cell(from: string, to: string): Locator {
    return this.page.locator(`[data-testid=matrix] td[data-from="${from}"][data-to="${to}"]`);
  }

  async selectWorkload(id: string): Promise<void> {
    await this.page.locator(`[data-testid=workload][data-id="${id}"]`).click();
    await expect(this.page.getByTestId('inspector')).toContainText(id.split('/')[1] ?? id);
  }

  async selectNamespace(name: string): Promise<void> {
    await this.page.locator(`[data-testid=namespace][data-id="${name}"]`).click();
  }

  labelSwitch(key: string, value: string): Locator {
    return this.page.locator(
      `[data-testid=inspector] [data-testid=label][data-key="${key}"][data-value="${value}"] [data-testid=label-switch]`,
    );
  }

  async toggleLabel(key: string, value: string): Promise<void> {
    await this.labelSwitch(key, value).click();
    await this.waitForAnalysis();
  }

  /** What-if: the selected workload runs as another ServiceAccount (empty: as the manifests say). */
  async runAs(account: string): Promise<void> {
    const field = this.page.getByTestId('identity-account');
    await field.fill(account);
    await field.press('Enter');
    await this.waitForAnalysis();
  }

  /** What-if: the selected workload in the mesh, out of it, or as the manifests say. */
  async setMesh(choice: 'in' | 'out' | 'manifests'): Promise<void> {
    await this.page.getByTestId('identity-mesh').selectOption(choice);
    await this.waitForAnalysis();
  }

  explanation(): Locator {
    return this.page.getByTestId('explanation');
  }

  /** Lines the editor currently highlights (a clicked policy or rule). */
  highlightedLines(): Locator {
    return this.page.locator('[data-testid=source-editor] .cm-reachlab-highlight');
  }

  /** Probes a request from the inspector's probe box and waits for its result. */
  async probe(from: string, target: string): Promise<Locator> {
    const panel = this.page.locator('.probe');
    if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
    await this.page.getByTestId('probe-from').selectOption(from);
    await this.page.getByTestId('probe-target').fill(target);
    await this.page.getByTestId('probe-run').click();
    const result = this.page.getByTestId('probe-result');
    await expect(result).toBeVisible();
    await expect(result).toContainText(target);
    return result;
  }

  hops(): Locator {
    return this.page.getByTestId('probe-hop');
  }
}
