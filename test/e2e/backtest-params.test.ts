// Browser test of the Backtest page's parameter form, built from each strategy's schema (shared/strategy-params.ts):
// switching strategy switches the fields, a bad value is refused at its field with the run button disabled, and a
// typed value reaches the engine — the stored run carries it and its stats equal `quorum backtest --json` with it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/engine/store/database';
import { RunsRepository } from '../../electron/engine/store/runs-repo';
import { formatStat, STAT_LABELS } from '../../shared/stat-labels';
import { quorum } from '../support/cli';
import { hasSharedData } from '../shared-data';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openAppOnBtc1h, ROOT, type AppInBrowser } from './browser';

describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasSharedData)('Backtest parameter form in Chromium', () => {
  const dir = tempDir();
  const dbPath = join(dir, 'bt-params.db');
  let app: AppInBrowser;
  let page: Page;

  const field = (key: string) => page.locator(`[data-testid=bt-param-${key}]`);
  const fieldError = (key: string) => page.locator(`[data-testid=bt-param-${key}-error]`);
  const runButton = () => page.locator('[data-testid=bt-run]');

  beforeAll(async () => {
    app = await openAppOnBtc1h(dbPath, { tab: 'backtest', width: 1400, height: 1000 });
    page = app.page;
    await page.waitForSelector('[data-testid=bt-data] option[value="binance:BTC/USDT:1h"]', { state: 'attached' });
    await page.waitForSelector('[data-testid=bt-strategy] option[value=rsi-revert]', { state: 'attached' });
    await page.selectOption('[data-testid=bt-data]', 'binance:BTC/USDT:1h');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the selected strategy\'s fields at their defaults, with what each means, and switches with the strategy', async () => {
    await page.selectOption('[data-testid=bt-strategy]', 'rsi-revert');
    expect(await page.locator('[data-testid=bt-param-form] input').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([
      'bt-param-period', 'bt-param-low', 'bt-param-high',
    ]);
    expect([await field('period').inputValue(), await field('low').inputValue(), await field('high').inputValue()]).toEqual(['14', '30', '70']);
    expect(await field('period').getAttribute('min')).toBe('2');
    expect(await field('high').getAttribute('max')).toBe('100');
    expect(await page.locator('[data-testid=bt-param-low-help]').textContent()).toMatch(/RSI level/);
    expect(await page.locator('[data-testid=bt-params]').count()).toBe(0);

    await page.selectOption('[data-testid=bt-strategy]', 'ema-cross');
    expect([await field('fast').inputValue(), await field('slow').inputValue()]).toEqual(['12', '26']);
    expect(await field('period').count()).toBe(0);

    // The panel has no schema of its own here: its params are its settings, overridden as text.
    await page.selectOption('[data-testid=bt-strategy]', 'panel');
    expect(await page.locator('[data-testid=bt-param-form]').count()).toBe(0);
    expect(await page.locator('[data-testid=bt-params]').inputValue()).toBe('thresholds.enterLong=0.3');
    expect(await page.locator('[data-testid=bt-panel-note]').textContent()).toMatch(/Settings/);
  });

  it('refuses an out-of-range value at its field and keeps the run button disabled until it is fixed', async () => {
    await page.selectOption('[data-testid=bt-strategy]', 'sma-cross');
    expect([await field('fast').inputValue(), await field('slow').inputValue()]).toEqual(['10', '20']);
    expect(await runButton().isEnabled()).toBe(true);

    await field('fast').fill('0');
    expect(await fieldError('fast').textContent()).toBe('must be an integer >= 1');
    expect(await field('fast').getAttribute('aria-invalid')).toBe('true');
    expect(await runButton().isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=bt-param-form-errors]').textContent()).toBe('1 field to fix');

    await field('fast').fill('25');
    expect(await fieldError('fast').textContent()).toBe('must be less than slow (20)');
    expect(await runButton().isDisabled()).toBe(true);

    await field('slow').fill('35');
    await field('fast').fill('7');
    expect(await fieldError('fast').count()).toBe(0);
    expect(await runButton().isEnabled()).toBe(true);
  });

  it('runs with the typed values: the stored run carries them and its stats are the CLI\'s for the same params', async () => {
    await runButton().click();
    await expect.poll(() => page.locator('[data-testid=bt-result] h3').first().textContent(), { timeout: 30_000 }).toMatch(/sma-cross/);
    expect(await page.locator('[data-testid=bt-run-params]').textContent()).toBe('fast=7, slow=35');

    const runId = Number(/Run #(\d+)/.exec((await page.locator('[data-testid=bt-result] h3').first().textContent()) ?? '')?.[1]);
    const { db } = openStore(dbPath, { readonly: true });
    try {
      const run = new RunsRepository(db).get(runId);
      expect(run?.strategy).toBe('sma-cross');
      expect(run?.params).toEqual({ fast: 7, slow: 35 });
    } finally {
      db.close();
    }

    const cli = await quorum('backtest', '--data', 'binance:BTC/USDT:1h', '--strategy', 'sma-cross', '--param', 'fast=7', '--param', 'slow=35',
      '--cash', '10000', '--commission', '0.001', '--fill', 'next-open', '--sizing', 'all-in', '--db', dbPath, '--no-store', '--json', '-');
    expect(cli.code, cli.err).toBe(0);
    const stats = (JSON.parse(cli.out) as { stats: Record<string, number> }).stats;
    const defaults = await quorum('backtest', '--data', 'binance:BTC/USDT:1h', '--strategy', 'sma-cross', '--db', dbPath, '--no-store', '--json', '-');
    // The typed values changed the run: the defaults (10/20) trade a different number of times.
    expect((JSON.parse(defaults.out) as { stats: Record<string, number> }).stats.trades).not.toBe(stats.trades);
    for (const key of ['returnPct', 'trades', 'maxDrawdownPct', 'finalEquity'] as const) {
      const kind = STAT_LABELS.find(([k]) => k === key)?.[2] ?? 'ratio';
      expect(await page.locator(`[data-testid=stat-${key}]`).textContent(), key).toBe(formatStat(kind, stats[key]));
    }
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'backtest-params.png') });
  });
});
