// Browser test of the Models page over the headless bridge with the real engine: FIL/USDT 1m (August 2023) stored
// first; train a small GBDT from the form (progress, then the model in the table), read its report, evaluate it
// walk-forward, use it in the panel (the settings name it, the table marks it), with field errors and no console errors.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandleStore } from '../../electron/engine/data/candle-store';
import { importCandleFile } from '../../electron/engine/data/import-files';
import { openStore } from '../../electron/engine/store/database';
import { hasSharedData, sharedPath } from '../shared-data';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, ROOT, type AppInBrowser } from './browser';

const DATASET = 'binance:FIL/USDT:1m';
const NAME = 'fil-gbdt-e2e';

describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasSharedData)('Models page in Chromium', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;
  const consoleErrors: string[] = [];
  const row = (name: string) => page.locator(`[data-testid=model-row-${name}]`);

  beforeAll(async () => {
    const dbPath = join(dir, 'models.db');
    const { db } = openStore(dbPath);
    await importCandleFile(new CandleStore(db), sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv'), { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' });
    db.close();
    // No shipped models: the page starts empty.
    const shipped = join(dir, 'shipped');
    mkdirSync(shipped);
    process.env.QUORUM_MODELS = shipped;
    app = await openApp(dbPath, { tab: 'models', width: 1500, height: 1100 });
    page = app.page;
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    await page.waitForSelector(`[data-testid=train-dataset] option[value="${DATASET}"]`, { state: 'attached' });
  });
  afterAll(async () => {
    delete process.env.QUORUM_MODELS;
    await app?.close();
  });

  it('starts empty, and checks the form against the contract before sending', async () => {
    await page.waitForSelector('[data-testid=no-models]');
    expect(await page.locator('[data-testid=no-models]').textContent()).toBe('No models yet: train one on a stored dataset.');
    expect(await page.locator('[data-testid=models-selected]').textContent()).toMatch(/uses no model/);
    await page.selectOption('[data-testid=train-dataset]', DATASET);
    // A name is suggested from the kind and dataset.
    expect(await page.inputValue('[data-testid=train-name]')).toBe('gbdt-FIL-USDT-1m');
    await page.fill('[data-testid=train-name]', 'bad name!');
    await page.fill('[data-testid=train-horizon]', '0');
    await page.click('[data-testid=train-start]');
    await page.waitForSelector('[data-testid=train-error-name]');
    expect(await page.locator('[data-testid=train-error-name]').textContent()).toMatch(/letters, digits/);
    expect(await page.locator('[data-testid=train-error-horizon]').textContent()).toMatch(/>=\s*1|at least|too small/i);
    expect(await page.locator('[data-testid=models-progress]').count()).toBe(0);
  });

  it('trains a small GBDT from the form: progress, then the model in the table', async () => {
    await page.selectOption('[data-testid=train-kind]', 'gbdt');
    await page.fill('[data-testid=train-name]', NAME);
    await page.fill('[data-testid=train-seed]', '7');
    await page.fill('[data-testid=train-horizon]', '5');
    await page.click('[data-testid=train-panel] summary');
    await page.fill('[data-testid=train-params]', 'nEstimators=20, maxDepth=3');
    await page.click('[data-testid=train-start]');
    await page.waitForSelector('[data-testid=models-progress]', { timeout: 10_000 });
    expect(await page.locator('[data-testid=models-progress] [role=progressbar]').getAttribute('aria-label')).toMatch(new RegExp(`Training ${NAME}`));
    await row(NAME).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('[data-testid=models-progress]').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('[data-testid=models-notice]').textContent()).toMatch(new RegExp(`trained ${NAME}: validation accuracy 0\\.\\d{4}`));
    const cells = await row(NAME).locator('td').allTextContents();
    expect(cells[0]).toBe(NAME);
    expect(cells.slice(1, 5)).toEqual(['user', 'gbdt', '61', '5 bars']);
    expect(cells[5]).toMatch(/^binance:FIL\/USDT:1m 2023-08-0\d → 2023-08-31$/);
    expect(cells[6]).toMatch(/^0\.\d{4}$/);
    expect(cells[8]).toMatch(/^0\.\d{4}$/);
    expect(cells[9]).toMatch(/KB$/);
    expect(cells[10]).toBe('');
    expect(await row(NAME).getAttribute('data-selected')).toBe('false');
  });

  it('refuses the same name again at the name field (the engine says so)', async () => {
    await page.click('[data-testid=train-start]');
    await page.waitForSelector('[data-testid=train-error-name]');
    expect(await page.locator('[data-testid=train-error-name]').textContent()).toMatch(/already exists/);
  });

  it('opens the model report', async () => {
    await row(NAME).locator('[data-testid=model-report]').click();
    await page.waitForSelector('[data-testid=model-report-viewer]');
    const viewer = page.locator('[data-testid=model-report-text]');
    expect(await viewer.locator('h3').first().textContent()).toBe(`Model ${NAME}`);
    expect(await viewer.locator('table').count()).toBeGreaterThanOrEqual(2);
    expect(await viewer.locator('pre').textContent()).toContain(`quorum train --data ${DATASET} --model gbdt --name ${NAME} --seed 7`);
    expect(await page.isDisabled('[data-testid=report-tab-evaluation]')).toBe(true);
  });

  it('evaluates it walk-forward and shows the evaluation beside the report', async () => {
    await row(NAME).locator('[data-testid=model-evaluate]').click();
    await page.waitForSelector('[data-testid=models-progress]', { timeout: 10_000 });
    await expect.poll(() => page.locator('[data-testid=models-notice]').textContent(), { timeout: 120_000 }).toMatch(new RegExp(`evaluated ${NAME} on \\d+ windows`));
    await expect.poll(() => page.isDisabled('[data-testid=report-tab-evaluation]'), { timeout: 10_000 }).toBe(false);
    await page.click('[data-testid=report-tab-evaluation]');
    expect(await page.locator('[data-testid=model-report-text] h3').first().textContent()).toMatch(/^Walk-forward evaluation: gbdt on FIL\/USDT 1m/);
    expect(await row(NAME).locator('td').nth(8).textContent()).toMatch(/\(wf \d\.\d{3}\)/);
  });

  it('uses the model in the panel: the settings name it and the table marks it', async () => {
    await row(NAME).locator('[data-testid=model-use]').click();
    await expect.poll(() => row(NAME).getAttribute('data-selected')).toBe('true');
    expect(await row(NAME).locator('[data-testid=model-in-panel]').count()).toBe(1);
    expect(await page.locator('[data-testid=models-selected]').textContent()).toBe(`The panel's Predictor uses ${NAME}.`);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'models-page.png'), fullPage: true });
    await page.click('[data-testid=nav-settings]');
    // The panel form names it in its Predictor group (opened), and so does the JSON beneath.
    await page.click('[data-testid=panel-group-predictor]');
    expect(await page.inputValue('[data-testid=panel-predictor-model]')).toBe(NAME);
    expect(JSON.parse(await page.inputValue('[data-testid=panel-json]')).predictor.model).toBe(NAME);
    await page.click('[data-testid=nav-models]');
    await row(NAME).waitFor();
    expect(await row(NAME).getAttribute('data-selected')).toBe('true');
    await row(NAME).locator('[data-testid=model-stop]').click();
    await expect.poll(() => row(NAME).getAttribute('data-selected')).toBe('false');
    expect(consoleErrors).toEqual([]);
  });
});
