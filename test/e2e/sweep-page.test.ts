// Browser test of the Sweep page over the headless bridge with the real engine: sweep sma-cross fast 5..20:5 × slow
// 30..60:10 on BTC/USDT 1h with two workers (progress per worker), read the ranked rows and the heatmap (the best
// cell is the top row), sort the table; a bad grid is refused naming the field; then walk forward and read the windows
// (in-sample and out-of-sample apart) and the stitched out-of-sample return with its equity curve.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData } from '../shared-data';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openAppOnBtc1h, ROOT, SCREENSHOTS, type AppInBrowser } from './browser';

describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasSharedData)('Sweep page in Chromium', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    const dbPath = join(dir, 'sweep.db');
    app = await openAppOnBtc1h(dbPath, { tab: 'sweep', width: 1440, height: 900 });
    page = app.page;
    await page.waitForSelector('[data-testid=sw-data] option[value="binance:BTC/USDT:1h"]', { state: 'attached' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  async function noSeriousAxeViolations() {
    const result = await new AxeBuilder({ page }).include('main').analyze();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
  }

  it('sweeps a 4 × 4 grid on two workers and shows ranked rows and a heatmap', async () => {
    await page.selectOption('[data-testid=sw-data]', 'binance:BTC/USDT:1h');
    await page.selectOption('[data-testid=sw-strategy]', 'sma-cross');
    await page.selectOption('[data-testid=sw-metric]', 'return');
    await page.fill('[data-testid=sw-workers]', '2');
    // sma-cross opens on fast 5..20:5 and slow 30..60:10; set them anyway, as a trader would.
    for (const [i, key, from, to, step] of [[0, 'fast', 5, 20, 5], [1, 'slow', 30, 60, 10]] as const) {
      await page.fill(`[data-testid=sw-axis-${i}-key]`, key);
      await page.fill(`[data-testid=sw-axis-${i}-from]`, String(from));
      await page.fill(`[data-testid=sw-axis-${i}-to]`, String(to));
      await page.fill(`[data-testid=sw-axis-${i}-step]`, String(step));
    }
    expect(await page.locator('[data-testid=sw-combos]').textContent()).toBe('16 combinations');
    await page.click('[data-testid=sw-run]');
    await page.waitForSelector('[data-testid=sw-result]', { timeout: 60_000 });

    const rows = page.locator('[data-testid=sw-ranked] tbody tr');
    expect(await rows.count()).toBe(16);
    const scores = (await page.locator('[data-testid=sw-row-score]').allTextContents()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const cells = page.locator('[data-testid=sw-heat-cell]');
    expect(await cells.count()).toBe(16);
    // The best cell's value is the top row's, and its hover text names its params.
    const cellScores = (await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-score') ?? ''))).map(Number);
    expect(Math.max(...cellScores).toFixed(3)).toBe(scores[0].toFixed(3));
    const titles = await page.locator('[data-testid=sw-heat-cell] title').allTextContents();
    expect(titles.some((t) => /^fast=\d+ slow=\d+ — return -?\d+\.\d{3}, return/.test(t))).toBe(true);
    expect(await page.locator('[data-testid=sw-heatmap]').getAttribute('aria-label')).toMatch(/^Heatmap of return by fast \(columns\) and slow \(rows\)/);

    // Sorting by a parameter column, then back by rank.
    await page.click('[data-testid=sw-sort-fast]');
    const fast = (await page.locator('[data-testid=sw-ranked] tbody tr td:nth-child(2)').allTextContents()).map(Number);
    expect(fast).toEqual([...fast].sort((a, b) => b - a));
    await page.click('[data-testid=sw-sort-rank]');
    expect(await page.locator('[data-testid=sw-ranked] tbody tr td:nth-child(1)').first().textContent()).toBe('1');
    expect(await noSeriousAxeViolations()).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'sweep.png'), fullPage: true });
  }, 90_000);

  it('showed progress per worker while it ran, and refuses a grid that is too big, naming the field', async () => {
    // The progress panel is gone once finished; run a bigger grid and catch it (then cancel it).
    await page.fill('[data-testid=sw-axis-0-from]', '2');
    await page.fill('[data-testid=sw-axis-0-to]', '29');
    await page.fill('[data-testid=sw-axis-0-step]', '1');
    await page.fill('[data-testid=sw-axis-1-from]', '30');
    await page.fill('[data-testid=sw-axis-1-to]', '129');
    await page.fill('[data-testid=sw-axis-1-step]', '1');
    expect(await page.locator('[data-testid=sw-combos]').textContent()).toBe('2800 combinations');
    await page.click('[data-testid=sw-run]');
    await page.waitForSelector('[data-testid=sw-progress]');
    const perWorker = async () => Promise.all([0, 1].map(async (i) => Number(await page.locator(`[data-testid=sw-worker-${i}] .num`).textContent())));
    await expect.poll(async () => Math.min(...(await perWorker())), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.click('[data-testid=sw-cancel]');
    await page.waitForSelector('[data-testid=sw-cancelled]', { timeout: 20_000 });

    await page.fill('[data-testid=sw-axis-1-to]', '1000');
    expect(await page.locator('[data-testid=sw-combos]').textContent()).toBe('27188 combinations (at most 10000)');
    await page.click('[data-testid=sw-run]');
    await expect.poll(() => page.locator('[data-testid=sw-error]').textContent(), { timeout: 10_000 }).toMatch(/axes: the grid has 27188 combinations \(at most 10000\)/);
    expect(await page.locator('[data-testid=sw-axes]').getAttribute('aria-invalid')).toBe('true');
  }, 60_000);

  it('walks forward and shows the windows, in-sample and out-of-sample apart, and the stitched OOS return', async () => {
    await page.click('[data-testid=sw-mode-walkforward]');
    await page.selectOption('[data-testid=sw-strategy]', 'ema-cross');
    await page.selectOption('[data-testid=sw-strategy]', 'sma-cross');
    expect(await page.locator('[data-testid=sw-combos]').textContent()).toBe('16 combinations per window');
    await page.selectOption('[data-testid=sw-metric]', 'sharpe');
    await page.fill('[data-testid=wf-train]', '60d');
    await page.fill('[data-testid=wf-test]', '30d');
    await page.click('[data-testid=sw-run]');
    await page.waitForSelector('[data-testid=wf-result]', { timeout: 90_000 });
    const windows = page.locator('[data-testid=wf-window]');
    expect(await windows.count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('[data-testid=wf-window-params]').first().textContent()).toMatch(/^fast=\d+ slow=\d+$/);
    // Both sides have their own headers and summaries.
    expect(await page.locator('[data-testid=wf-windows] thead').textContent()).toMatch(/In-sample \(train\).*Out-of-sample \(test\)/);
    expect(await page.locator('[data-testid=wf-is] h3').textContent()).toMatch(/^In-sample/);
    expect(await page.locator('[data-testid=wf-oos] h3').textContent()).toMatch(/^Out-of-sample/);
    // The stitched return is the windows' OOS returns compounded.
    const oos = (await page.locator('[data-testid=wf-window-oos-return]').allTextContents()).filter((t) => t !== '—').map(Number);
    const compounded = (oos.reduce((acc, r) => acc * (1 + r / 100), 1) - 1) * 100;
    const stitched = Number((await page.locator('[data-testid=wf-stitched-return]').textContent())?.replace(' %', ''));
    expect(Math.abs(stitched - compounded)).toBeLessThan(0.05);
    expect(await page.locator('[data-testid=wf-result] [data-testid=equity-chart] canvas').count()).toBeGreaterThan(0);
    expect(await noSeriousAxeViolations()).toEqual([]);
    // At the smallest size the app supports, the results fit without a horizontal scroll bar.
    await page.setViewportSize({ width: 1024, height: 700 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.setViewportSize({ width: 1440, height: 900 });
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'sweep-walkforward.png'), fullPage: true });
  }, 120_000);
});
