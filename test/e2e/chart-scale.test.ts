// Five years of 1m candles (2.6 M bars) in the Chart page, through the WebSocket bridge's binary frames: the whole
// dataset opens at once, aggregated, and zooming in with the mouse wheel reloads the visible range at finer
// timeframes down to the dataset's own 1m bars.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandleStore } from '../../electron/engine/data/candle-store';
import { openStore } from '../../electron/engine/store/database';
import { tempDir } from '../support/temp';
import { longWave } from '../support/wave';
import { hasBuiltRenderer, hasChromium, openApp, type AppInBrowser } from './browser';

const BARS = 5 * 365 * 1440 + 1440;
const INFO = '[data-testid=chart-info]';
const CHART = '[data-testid=candle-chart]';

describe.skipIf(!hasChromium || !hasBuiltRenderer)('Chart page with five years of 1m candles', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    const dbPath = join(dir, 'five-years.db');
    const { db } = openStore(dbPath);
    new CandleStore(db).write({ exchange: 'local', symbol: 'WAVE/USDT', timeframe: '1m' }, longWave(BARS));
    db.close();
    app = await openApp(dbPath, { tab: 'chart', width: 1400, height: 900 });
    page = app.page;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('opens the whole dataset aggregated, then zooms in to 1m bars', async () => {
    const started = performance.now();
    await page.selectOption('[data-testid=chart-dataset]', 'local:WAVE/USDT:1m');
    await expect.poll(() => page.locator(INFO).textContent(), { timeout: 20_000 }).toMatch(/^7304 bars at 6h \(2629440 1m bars in range\)/);
    console.log(`five years of 1m candles charted in ${Math.round(performance.now() - started)} ms (select → bars shown)`);

    const box = await page.locator(CHART).boundingBox();
    if (!box) throw new Error('chart not laid out');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    const seen = new Set<string>();
    for (let i = 0; i < 200 && !seen.has('1m'); i++) {
      await page.mouse.wheel(0, -600);
      await page.waitForTimeout(i % 5 === 4 ? 400 : 30);
      seen.add((await page.locator(CHART).getAttribute('data-resolution')) ?? '');
    }
    expect(seen.has('1m')).toBe(true);
    // Something in between was shown on the way (e.g. 1h, 15m): each pause asked for the view's own resolution.
    expect(seen.size).toBeGreaterThan(2);
    await expect.poll(() => page.locator(INFO).textContent(), { timeout: 10_000 }).toMatch(/^\d+ bars at 1m /);
  }, 180_000);
});
