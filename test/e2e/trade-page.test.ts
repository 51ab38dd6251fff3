// Browser test of the Trade page: a paper session starts on the exchange emulator's feed and stops; live is refused unarmed.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinanceEmulator } from '../emulator';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, type AppInBrowser } from './browser';

describe.skipIf(!hasChromium || !hasBuiltRenderer)('Trade page in Chromium', () => {
  const dir = tempDir();
  let emulator: BinanceEmulator;
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    emulator = await BinanceEmulator.start({ interval: '1m', syntheticLength: 600, startIndex: 599 });
    app = await openApp(join(dir, 'trade.db'), { args: ['--exchange-url', emulator.url], tab: 'trade', width: 1300, height: 900 });
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
  });

  // The browser suite runs without a D-Bus session, so the headless engine has no OS keychain: paper works, and the
  // keys panel says why live cannot (with a session bus, keychain tests cover the other side).
  it.skipIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('says why live trading is unavailable when there is no OS keychain', async () => {
    await expect.poll(() => page.locator('[data-testid=keychain-error]').textContent(), { timeout: 10_000 }).toMatch(/Live trading is unavailable: The OS keychain/);
  });

  it('refuses a live session while the account is not armed', async () => {
    await page.selectOption('[data-testid=desk-mode]', 'live');
    await page.click('[data-testid=desk-start]');
    await expect.poll(() => page.locator('[data-testid=desk-error]').textContent(), { timeout: 10_000 }).toMatch(/not armed/);
    expect(emulator.orderRequests).toHaveLength(0);
  });

  it('starts a paper session on the live feed, shows its book, and stops it', async () => {
    await page.selectOption('[data-testid=desk-mode]', 'paper');
    await page.selectOption('[data-testid=desk-strategy]', 'panel');
    await page.click('[data-testid=desk-start]');
    // The session's own book: its default budget is a quarter of the paper account's 10,000.
    await expect.poll(() => page.locator('[data-testid=desk-book]').textContent(), { timeout: 15_000 }).toMatch(/Equity 2500\.00 · cash 2500\.00 · position flat/);
    expect(await page.locator('[data-testid=desk-running]').textContent()).toMatch(/PAPER panel on binance BTC\/USDT 1m/);
    await page.click('[data-testid=desk-stop]');
    await expect.poll(() => page.locator('[data-testid=desk-start]').count()).toBe(1);
    expect(emulator.orderRequests).toHaveLength(0);
  });
});
