// Browser test of the Backtest page: run sma-cross and the agent panel on a stored dataset, see stats, equity and trades.
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

describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasSharedData)('Backtest page in Chromium', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    const dbPath = join(dir, 'bt.db');
    const { db } = openStore(dbPath);
    await importCandleFile(new CandleStore(db), sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz'), { exchange: 'binance' });
    db.close();
    app = await openApp(dbPath, { tab: 'backtest', width: 1400, height: 1000 });
    page = app.page;
    await page.waitForSelector('[data-testid=bt-data] option[value="binance:BTC/USDT:1h"]', { state: 'attached' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('runs sma-cross and shows stats, the equity curve and trades', async () => {
    await page.selectOption('[data-testid=bt-data]', 'binance:BTC/USDT:1h');
    await page.selectOption('[data-testid=bt-strategy]', 'sma-cross');
    await page.click('[data-testid=bt-run]');
    await page.waitForSelector('[data-testid=bt-result]', { timeout: 20_000 });
    expect(Number(await page.locator('[data-testid=stat-trades]').textContent())).toBeGreaterThan(10);
    expect(await page.locator('[data-testid=stat-returnPct]').textContent()).toMatch(/^-?\d+\.\d\d%$/);
    expect(await page.locator('[data-testid=equity-chart] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=bt-trades] tbody tr').count()).toBeGreaterThan(10);
  });

  it('runs the agent panel as a strategy', async () => {
    await page.selectOption('[data-testid=bt-strategy]', 'panel');
    await page.click('[data-testid=bt-run]');
    await expect.poll(() => page.locator('[data-testid=bt-result] h3').textContent(), { timeout: 30_000 }).toMatch(/panel/);
    expect(Number(await page.locator('[data-testid=stat-trades]').textContent())).toBeGreaterThan(5);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'backtest-page.png'), fullPage: true });
  });

  it('reports a bad parameter instead of running', async () => {
    await page.selectOption('[data-testid=bt-strategy]', 'sma-cross');
    await page.fill('[data-testid=bt-params]', 'fast=30, slow=10');
    await page.click('[data-testid=bt-run]');
    await expect.poll(() => page.locator('[data-testid=bt-error]').textContent(), { timeout: 10_000 }).toMatch(/fast/);
  });
});
