// Browser test of the Chart page: candles from the store, a stored panel run's trades as one marker per entry and one
// per exit, votes on hover and pinned by a click on the vote strip (with the reasons the engine recomputes for a bar
// whose reasons the run did not store), and engine-computed indicators drawn: an RSI pane and an EMA overlay.
// Saves (see SCREENSHOTS in browser.ts) chart.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStored } from '../../electron/engine/backtest/stored-run';
import { CandleStore } from '../../electron/engine/data/candle-store';
import { importCandleFile } from '../../electron/engine/data/import-files';
import { openStore } from '../../electron/engine/store/database';
import { hasSharedData, sharedPath } from '../shared-data';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, SCREENSHOTS, type AppInBrowser } from './browser';

const KEY = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' } as const;
const CHART = '[data-testid=candle-chart]';
/** The time axis under the last pane, in CSS pixels (lightweight-charts' default font). */
const TIME_AXIS = 28;

/** A store with BTC/USDT 1h candles and one agent-panel run stored as the app stores it (holds as columns). */
async function prepareStore(dbPath: string): Promise<{ runId: number; trades: number }> {
  const { db } = openStore(dbPath);
  const candles = new CandleStore(db);
  await importCandleFile(candles, sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz'), { exchange: 'local' });
  const { runId, result } = await runStored(db, { series: candles.load(KEY), symbol: KEY.symbol, strategy: 'panel', sizing: 'all-in', timeframe: '1h',
    data: { kind: 'dataset', name: 'local:BTC/USDT:1h' } });
  expect(db.prepare("SELECT COUNT(*) FROM decisions WHERE run_id = ? AND action = 'hold'").pluck().get(runId)).toBe(0);
  db.close();
  return { runId, trades: result.trades.length };
}

/** Pixels of the chart's canvases within a small distance of an RGB colour (a drawn line leaves hundreds). */
function pixelsOf(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.locator(`${CHART} canvas`).evaluateAll((canvases, [r, g, b]) => {
    let n = 0;
    for (const c of canvases as HTMLCanvasElement[]) {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) continue;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 24 && d[i + 3] > 200) n++;
    }
    return n;
  }, rgb);
}

async function cssColour(page: Page, variable: string): Promise<[number, number, number]> {
  const hex = await page.evaluate((v) => getComputedStyle(document.documentElement).getPropertyValue(v).trim(), variable);
  expect(hex).toMatch(/^#[0-9a-f]{6}$/i);
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasSharedData)('Chart page in Chromium', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;
  let run = { runId: 0, trades: 0 };

  beforeAll(async () => {
    const dbPath = join(dir, 'chart.db');
    run = await prepareStore(dbPath);
    expect(run.trades).toBeGreaterThan(0);
    app = await openApp(dbPath, { tab: 'chart', width: 1440, height: 900 });
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("charts the whole dataset with the run's trades marked, entry and exit each", async () => {
    await page.selectOption('[data-testid=chart-dataset]', 'local:BTC/USDT:1h');
    await page.waitForSelector(`${CHART} canvas`);
    await page.selectOption('[data-testid=chart-run]', String(run.runId));
    // The whole dataset is the loaded window: every trade's entry and exit is in it.
    const marked = 2 * run.trades;
    await expect.poll(() => page.locator('[data-testid=chart-info]').textContent(), { timeout: 10_000 })
      .toBe(`5217 bars at 1h (5217 1h bars in range) · ${run.trades} trades, ${marked} entries and exits marked`);
    await expect.poll(() => page.locator(CHART).getAttribute('data-markers')).toBe(String(marked));

    // Too many for text on the whole dataset: the side, size and price are in the tooltip of a marked bar.
    const box = await page.locator(CHART).boundingBox();
    if (!box) throw new Error('chart not laid out');
    for (let x = box.x + 20; x < box.x + box.width - 80 && (await page.locator('[data-testid=trade-tip]').count()) === 0; x += 2) {
      await page.mouse.move(x, box.y + box.height * 0.3);
    }
    expect(await page.locator('[data-testid=trade-tip] div').first().textContent()).toMatch(/^(entry|exit) (buy|sell) [\d.,]+ @ [\d.,]+( \([+-][\d.,]+\))?$/);
  });

  it('shows the votes of the bar under the cursor, and pins a bar clicked on the vote strip', async () => {
    const box = await page.locator(CHART).boundingBox();
    if (!box) throw new Error('chart not laid out');
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
    await expect.poll(() => page.locator('[data-testid=desk-final-action]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.desk-votes h3').textContent()).toBe('Bar under the cursor');
    expect(await page.locator('[data-testid=desk-final-action]').textContent()).toMatch(/^(BUY|SELL|HOLD|EXIT)$/);
    expect(await page.locator('[data-testid="desk-vote-QuantAnalyst"]').textContent()).toMatch(/QuantAnalyst(long|short|neutral).*RSI\(14\)=\d/);
    expect(await page.locator('[data-testid="desk-vote-RiskAudit"] .reason').count()).toBeGreaterThan(0);

    // The vote strip is the pane above the time axis (90 px high while no study pane is below it).
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height - TIME_AXIS - 45);
    await expect.poll(() => page.locator('.desk-votes h3').textContent()).toMatch(/^Pinned bar \d{4}-/);
    // The pinned bar's decision arrives after the title: wait until the panel shows that bar, not the one hovered before.
    const day = /\d{4}-\d{2}-\d{2}/.exec((await page.locator('.desk-votes h3').textContent()) ?? '')?.[0] ?? 'none';
    await expect.poll(() => page.locator('[data-testid=desk-final]').textContent()).toContain(day);
    const pinned = await page.locator('[data-testid=desk-final]').textContent();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.3);
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid=desk-final]').textContent()).toBe(pinned);
    await page.click('[data-testid=desk-unpin]');
    await expect.poll(() => page.locator('.desk-votes h3').textContent()).toBe('Bar under the cursor');
  });

  it('adds an RSI pane and an EMA overlay computed by the engine, and refuses a bad param naming it', async () => {
    const box = await page.locator(CHART).boundingBox();
    if (!box) throw new Error('chart not laid out');
    const rsiColour = await cssColour(page, '--study-1');
    const emaColour = await cssColour(page, '--study-2');
    expect(await pixelsOf(page, rsiColour)).toBeLessThan(50);
    expect(await page.locator(CHART).getAttribute('data-panes')).toBe('2');

    await page.selectOption('[data-testid=chart-indicator]', 'rsi');
    expect(await page.locator('[data-testid=chart-indicator-param-period]').inputValue()).toBe('14');
    await page.click('[data-testid=chart-indicator-add]');
    await page.locator('[data-testid="chart-study-rsi(14)"]').waitFor();
    await expect.poll(() => page.locator(CHART).getAttribute('data-panes')).toBe('3');
    expect(await page.locator(CHART).getAttribute('data-studies')).toBe('rsi(14):5217');
    await expect.poll(() => pixelsOf(page, rsiColour)).toBeGreaterThan(500);

    const emaBefore = await pixelsOf(page, emaColour);
    await page.selectOption('[data-testid=chart-indicator]', 'ema');
    await page.fill('[data-testid=chart-indicator-param-period]', '50');
    await page.click('[data-testid=chart-indicator-add]');
    await page.locator('[data-testid="chart-study-ema(50)"]').waitFor();
    // An overlay: on the price pane, no new pane.
    await expect.poll(() => page.locator(CHART).getAttribute('data-studies')).toBe('rsi(14):5217 ema(50):5217');
    expect(await page.locator(CHART).getAttribute('data-panes')).toBe('3');
    await expect.poll(() => pixelsOf(page, emaColour)).toBeGreaterThan(emaBefore + 500);

    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.35);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'chart.png') });

    await page.selectOption('[data-testid=chart-indicator]', 'macd');
    await page.fill('[data-testid=chart-indicator-param-fastPeriod]', '0');
    await page.click('[data-testid=chart-indicator-add]');
    await expect.poll(() => page.locator('[data-testid=chart-indicator-error]').textContent()).toMatch(/fastPeriod must be an integer >= 1, got 0/);
    expect(await page.locator('[data-testid^=chart-study-]').count()).toBe(2);

    await page.click('[aria-label="Remove RSI(14)"]');
    await expect.poll(() => page.locator(CHART).getAttribute('data-panes')).toBe('2');
    expect(await page.locator(CHART).getAttribute('data-studies')).toBe('ema(50):5217');
  });
});
