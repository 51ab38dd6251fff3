// Browser test of the Data page against the real engine: upload, drop, a rejected upload, download (emulator), delete.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinanceEmulator } from '../emulator';
import { hasSharedData, sharedPath } from '../shared-data';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, ROOT, type AppInBrowser } from './browser';

describe.skipIf(!hasChromium || !hasBuiltRenderer)('Data page in Chromium', () => {
  const dir = tempDir();
  let emulator: BinanceEmulator;
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    emulator = await BinanceEmulator.start({ interval: '1h', syntheticLength: 500, startIndex: 499 });
    app = await openApp(join(dir, 'data.db'), { args: ['--exchange-url', emulator.url], tab: 'data', width: 1300, height: 900 });
    page = app.page;
    await page.waitForSelector('[data-testid=no-datasets]');
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
  });

  const rowsOf = (dataset: string) => page.locator(`[data-testid="dataset-${dataset}"] [data-testid=rows]`).textContent({ timeout: 20_000 });

  it.skipIf(!hasSharedData)('imports a picked Binance CSV through chunked upload and lists it', async () => {
    await page.setInputFiles('[data-testid=file-input]', sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv'));
    expect(await rowsOf('binance:FIL/USDT:1m')).toBe('44,640');
    await expect.poll(() => page.locator('[data-testid=data-notice]').textContent()).toMatch(/1 file\(s\) stored/);
  });

  it('imports a dropped file', async () => {
    const csv = 'date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1.5,2.5,1,2,12\n';
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'DROP_USDT-1d.csv', { type: 'text/csv' }));
      return dt;
    }, csv);
    await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
    expect(await rowsOf('local:DROP/USDT:1d')).toBe('2');
  });

  it('rejects a bad file picked in the browser and shows the line; headless offers no path field', async () => {
    expect(await page.locator('[data-testid=import-path]').count()).toBe(0);
    expect(await page.locator('[data-testid=choose-files-button]').count()).toBe(0); // no native dialog in headless
    const bad = join(dir, 'BAD_USDT-1d.csv');
    writeFileSync(bad, 'date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,0.5,2,1.5,10\n');
    await page.setInputFiles('[data-testid=file-input]', bad);
    await expect.poll(() => page.locator('[data-testid=import-results]').textContent(), { timeout: 10_000 }).toMatch(/rejected.*line 3/);
    expect(await page.locator('[data-testid="dataset-local:BAD/USDT:1d"]').count()).toBe(0);
  });

  it('downloads candles from the exchange emulator with progress', async () => {
    await page.selectOption('[data-testid=dl-timeframe]', '1h');
    await page.fill('[data-testid=dl-from]', new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
    await page.click('[data-testid=dl-button]');
    await expect.poll(() => page.locator('[data-testid=data-notice]').textContent(), { timeout: 20_000 }).toMatch(/Stored \d+ of \d+ missing bars/);
    expect(Number((await rowsOf('binance:BTC/USDT:1h'))?.replace(/,/g, ''))).toBeGreaterThan(100);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'data-page.png'), fullPage: true });
  });

  it('deletes a dataset only after confirmation', async () => {
    const row = page.locator('[data-testid="dataset-local:DROP/USDT:1d"]');
    await row.getByText('Delete…').click();
    expect(await row.count()).toBe(1);
    await row.getByText('Confirm delete').click();
    await expect.poll(() => page.locator('[data-testid="dataset-local:DROP/USDT:1d"]').count(), { timeout: 10_000 }).toBe(0);
  });
});
