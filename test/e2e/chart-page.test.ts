// Browser test of the Chart page: candles from the store, a stored panel run's decisions as markers, votes on hover —
// with the reasons the engine recomputes for a bar whose reasons the run did not store.
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
import { hasBuiltRenderer, hasChromium, openApp, ROOT, type AppInBrowser } from './browser';

const KEY = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' } as const;

/** A store with BTC/USDT 1h candles and one agent-panel run stored as the app stores it (holds as columns). */
async function prepareStore(dbPath: string): Promise<number> {
  const { db } = openStore(dbPath);
  const candles = new CandleStore(db);
  await importCandleFile(candles, sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz'), { exchange: 'local' });
  const { runId } = await runStored(db, { series: candles.load(KEY), symbol: KEY.symbol, strategy: 'panel', sizing: 'all-in', timeframe: '1h',
    data: { kind: 'dataset', name: 'local:BTC/USDT:1h' } });
  expect(db.prepare("SELECT COUNT(*) FROM decisions WHERE run_id = ? AND action = 'hold'").pluck().get(runId)).toBe(0);
  db.close();
  return runId;
}

describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasSharedData)('Chart page in Chromium', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;
  let runId = 0;

  beforeAll(async () => {
    const dbPath = join(dir, 'chart.db');
    runId = await prepareStore(dbPath);
    app = await openApp(dbPath, { tab: 'chart', width: 1400, height: 900 });
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('charts a dataset with the run decisions marked and shows the votes of a bar', async () => {
    await page.selectOption('[data-testid=chart-dataset]', 'local:BTC/USDT:1h');
    await page.waitForSelector('[data-testid=candle-chart] canvas');
    await page.selectOption('[data-testid=chart-run]', String(runId));
    await expect.poll(() => page.locator('[data-testid=chart-info]').textContent(), { timeout: 10_000 }).toMatch(/^5217 bars at 1h \(5217 1h bars in range\) · [1-9]\d* decisions marked$/);
    const box = await page.locator('[data-testid=candle-chart]').boundingBox();
    if (!box) throw new Error('chart not laid out');
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await expect.poll(() => page.locator('[data-testid=vote-panel]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-testid=decision-action]').textContent()).toMatch(/^(buy|sell|hold|exit)$/);
    expect(await page.locator('[data-testid="vote-QuantAnalyst"]').textContent()).toMatch(/QuantAnalyst (long|short|neutral) -?\d.*RSI\(14\)=\d/);
    expect(await page.locator('[data-testid="vote-RiskAudit"] .reason').count()).toBeGreaterThan(0);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'chart-page.png') });
  });
});
