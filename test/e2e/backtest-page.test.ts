// Browser test of the Backtest page: run sma-cross and the agent panel on a stored dataset, see stats, equity and trades;
// sort the trades, export them as CSV and the run as an HTML report, compare two stored runs, reopen one, and read
// why a run that could not size an order made no trade.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData } from '../shared-data';
import { tempDir } from '../support/temp';
import { formatStat, STAT_LABELS } from '../../shared/stat-labels';
import { quorum } from '../support/cli';
import { hasBuiltRenderer, hasChromium, openAppOnBtc1h, ROOT, type AppInBrowser } from './browser';

describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasSharedData)('Backtest page in Chromium', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;

  const dbPath = join(dir, 'bt.db');

  beforeAll(async () => {
    app = await openAppOnBtc1h(dbPath, { tab: 'backtest', width: 1400, height: 1000 });
    page = app.page;
    await page.waitForSelector('[data-testid=bt-data] option[value="binance:BTC/USDT:1h"]', { state: 'attached' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('runs sma-cross and shows stats, the equity curve and trades', async () => {
    await page.selectOption('[data-testid=bt-data]', 'binance:BTC/USDT:1h');
    await page.selectOption('[data-testid=bt-strategy]', 'sma-cross');
    await page.fill('[data-testid=bt-param-slow]', '30');
    await page.click('[data-testid=bt-run]');
    await page.waitForSelector('[data-testid=bt-result]', { timeout: 20_000 });
    expect(Number(await page.locator('[data-testid=stat-trades]').textContent())).toBeGreaterThan(10);
    expect(await page.locator('[data-testid=stat-returnPct]').textContent()).toMatch(/^-?\d+\.\d\d$/);
    expect(await page.locator('[data-testid=equity-chart] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=bt-trades] tbody tr').count()).toBeGreaterThan(10);
  });

  it('shows the statistics `quorum backtest --json` gives for the same run, to the digits shown', async () => {
    // The form's defaults but slow=30 (typed above): sma-cross fast=10 slow=30, 10,000 cash, 0.1 % commission, next-open fills, all-in sizing.
    const cli = await quorum('backtest', '--data', 'binance:BTC/USDT:1h', '--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=30',
      '--cash', '10000', '--commission', '0.001', '--fill', 'next-open', '--sizing', 'all-in', '--db', dbPath, '--no-store', '--json', '-');
    expect(cli.code, cli.err).toBe(0);
    const stats = (JSON.parse(cli.out) as { stats: Record<string, number> }).stats;
    for (const key of ['returnPct', 'buyHoldReturnPct', 'maxDrawdownPct', 'sharpe', 'sortino', 'trades', 'winRatePct', 'finalEquity', 'feesPaid'] as const) {
      const kind = STAT_LABELS.find(([k]) => k === key)?.[2] ?? 'ratio';
      expect(await page.locator(`[data-testid=stat-${key}]`).textContent(), key).toBe(formatStat(kind, stats[key]));
    }
  });

  it('runs the agent panel as a strategy', async () => {
    await page.selectOption('[data-testid=bt-strategy]', 'panel');
    await page.click('[data-testid=bt-run]');
    await expect.poll(() => page.locator('[data-testid=bt-result] h3').first().textContent(), { timeout: 30_000 }).toMatch(/panel/);
    expect(Number(await page.locator('[data-testid=stat-trades]').textContent())).toBeGreaterThan(5);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'backtest-page.png'), fullPage: true });
  });

  it('sorts the trades by any column and exports them all as CSV, and the run as a self-contained HTML report', async () => {
    const pnl = async () => (await page.locator('[data-testid=bt-trades] tbody tr td:nth-child(7)').allTextContents()).map(Number);
    await page.click('[data-testid=sort-pnl]');
    const down = await pnl();
    expect(down.length).toBeGreaterThan(5);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await page.click('[data-testid=sort-pnl]');
    const up = await pnl();
    expect(up).toEqual([...up].sort((a, b) => a - b));

    const trades = Number(await page.locator('[data-testid=stat-trades]').textContent());
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=bt-export-csv]')]);
    expect(csv.suggestedFilename()).toMatch(/^quorum-run-\d+-trades\.csv$/);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('entry_time,exit_time,size,entry_price,exit_price,pnl,return_pct,fees');
    expect(lines).toHaveLength(trades + 1);

    const [report] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=bt-export-report]')]);
    expect(report.suggestedFilename()).toMatch(/^quorum-run-\d+-panel-BTC-USDT\.html$/);
    const html = readFileSync(await report.path(), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('panel on BTC/USDT 1h');
    expect(html).not.toMatch(/<script|https?:\/\//i);
  });

  it('lists the stored runs, compares two side by side and reopens the older one', async () => {
    const rows = page.locator('[data-testid=bt-runs] tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    const ids = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid') ?? ''))).map((t) => Number(t.replace('bt-run-', '')));
    const [panelRun, smaRun] = ids;
    await page.click(`[data-testid=bt-compare-${smaRun}]`);
    await page.waitForSelector('[data-testid=bt-compare]');
    const panelTrades = Number(await page.locator('[data-testid=stat-trades]').textContent());
    await page.click(`[data-testid=bt-open-${smaRun}]`);
    await expect.poll(() => page.locator('[data-testid=bt-result] h3').first().textContent()).toContain(`Run #${smaRun}`);
    const smaTrades = Number(await page.locator('[data-testid=stat-trades]').textContent());
    await page.click(`[data-testid=bt-compare-${panelRun}]`);
    await page.waitForSelector('[data-testid=bt-compare]');
    const diff = smaTrades === panelTrades ? '' : `${panelTrades - smaTrades > 0 ? '+' : ''}${(panelTrades - smaTrades).toFixed(2)}`;
    expect(await page.locator('[data-testid=compare-trades]').textContent()).toBe(diff);
    expect(await page.locator('[data-testid=bt-compare] [data-testid=equity-chart]').count()).toBe(2);
  });

  it('says why a run made no trade: the sizing gave no order', async () => {
    await page.selectOption('[data-testid=bt-strategy]', 'sma-cross');
    await page.fill('[data-testid=bt-param-slow]', '30');
    await page.fill('[data-testid=bt-cash]', '1');
    await page.fill('[data-testid=bt-sizing]', 'all-in-units');
    await page.click('[data-testid=bt-run]');
    await page.waitForSelector('[data-testid=bt-no-trades-warning]', { timeout: 20_000 });
    expect(await page.locator('[data-testid=stat-trades]').textContent()).toBe('0');
    expect(await page.locator('[data-testid=bt-notes]').textContent()).toMatch(/sizing/i);
    await page.fill('[data-testid=bt-cash]', '10000');
    await page.fill('[data-testid=bt-sizing]', 'all-in');
  });

  it('runs on a range of UTC days only', async () => {
    await page.fill('[data-testid=bt-param-slow]', '30');
    await page.fill('[data-testid=bt-from]', '2022-03-01');
    await page.fill('[data-testid=bt-to]', '2022-03-31');
    await page.click('[data-testid=bt-run]');
    await expect.poll(() => page.locator('[data-testid=all-stat-start]').textContent(), { timeout: 20_000 }).toBe('2022-03-01T00:00:00Z');
    expect(await page.locator('[data-testid=all-stat-end]').textContent()).toBe('2022-03-31T23:00:00Z');
    await page.fill('[data-testid=bt-from]', '');
    await page.fill('[data-testid=bt-to]', '');
  });

  it('refuses a bad parameter at its field, and reports one the engine refuses instead of running', async () => {
    await page.selectOption('[data-testid=bt-strategy]', 'sma-cross');
    await page.fill('[data-testid=bt-param-slow]', '10');
    await page.fill('[data-testid=bt-param-fast]', '30');
    expect(await page.locator('[data-testid=bt-param-fast-error]').textContent()).toBe('must be less than slow (10)');
    expect(await page.locator('[data-testid=bt-run]').isDisabled()).toBe(true);
    // The panel's overrides are text the engine checks against the panel settings' schema.
    await page.selectOption('[data-testid=bt-strategy]', 'panel');
    await page.fill('[data-testid=bt-params]', 'thresholds.enterLong=5');
    await page.click('[data-testid=bt-run]');
    await expect.poll(() => page.locator('[data-testid=bt-error]').textContent(), { timeout: 10_000 }).toMatch(/enterLong/);
  });
});
