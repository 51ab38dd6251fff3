// Browser test of the first run: on an empty database the start page offers the shipped sample; three clicks go from
// nothing to a finished sma-cross backtest — load the sample, run, open it in the Backtest lab — with the same
// statistics on the card and in the lab. The other two choices lead to the Data page.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, type AppInBrowser } from './browser';

describe.skipIf(!hasChromium || !hasBuiltRenderer)('first run in Chromium', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    app = await openApp(join(dir, 'empty.db'), { width: 1440, height: 900 });
    page = app.page;
  }, 60_000);
  afterAll(async () => { await app?.close(); });

  it('offers importing or downloading on the Data page', async () => {
    const card = page.locator('[data-testid=first-run]');
    await expect.poll(() => card.locator('h3').textContent(), { timeout: 10_000 }).toBe('No market data yet');
    for (const choice of ['import', 'download']) {
      await page.click(`[data-testid=first-run-${choice}]`);
      await expect.poll(() => page.locator('[data-testid=nav-data]').getAttribute('class')).toContain('active');
      await page.click('[data-testid=nav-desk]');
    }
  });

  it('guides an empty app to a backtest result in three clicks', { timeout: 90_000 }, async () => {
    const card = page.locator('[data-testid=first-run]');
    await expect.poll(() => card.locator('h3').textContent(), { timeout: 10_000 }).toBe('No market data yet');
    await page.click('[data-testid=first-run-sample]'); // 1
    await expect.poll(() => card.locator('h3').textContent(), { timeout: 20_000 }).toBe('Market data ready: binance:BTC/USDT:1h');
    await page.click('[data-testid=first-run-backtest]'); // 2
    await expect.poll(() => page.locator('[data-testid=first-run-result]').count(), { timeout: 60_000 }).toBe(1);
    const trades = await page.locator('[data-testid=first-run-stat-trades]').textContent();
    const ret = await page.locator('[data-testid=first-run-stat-returnPct]').textContent();
    expect(Number(trades)).toBeGreaterThan(50);
    expect(ret).toMatch(/^-?\d/);
    await page.click('[data-testid=first-run-open-lab]'); // 3
    await expect.poll(() => page.locator('[data-testid=nav-backtest]').getAttribute('class')).toContain('active');
    await expect.poll(() => page.locator('[data-testid=stat-trades]').textContent(), { timeout: 10_000 }).toBe(trades);
    expect(await page.locator('[data-testid=stat-returnPct]').textContent()).toBe(ret);
    // The dataset is stored: the Data page lists it.
    await page.click('[data-testid=nav-data]');
    await expect.poll(() => page.locator('main').textContent()).toContain('BTC/USDT');
  });

  it('is not shown once data exists', async () => {
    // Data exists now: a fresh load of the app shows no guide.
    await page.reload();
    await page.locator('[data-testid=nav-desk]').waitFor();
    await page.waitForTimeout(500);
    expect(await page.locator('[data-testid=first-run]').count()).toBe(0);
  });
});
