// Browser test of the Risk page over the headless bridge with the real engine and the exchange emulator: breakers
// tripped by the engine's own risk managers (global and a paper account's) show their reason and a live countdown;
// the kill switch trips in flatten mode only after the typed word, stays latched across a reload, re-arms only with
// REARM; a paper session's limit use shows as bars; a breaker re-arms from the page. Screenshot: docs/screenshots/risk.png.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { RiskManager } from '../../electron/engine/risk';
import { BinanceEmulator } from '../emulator';
import { captureLogger } from '../support/engine';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, SCREENSHOTS, type AppInBrowser } from './browser';

const PAPER = 'paper:binance';

/** Trips the price-gap breaker (a 15% gap) of the global board and of the paper account, as a running engine would. */
function tripPriceGaps(dbPath: string): void {
  const engine = Engine.start({ dbPath, host: 'test', logger: captureLogger().logger });
  try {
    engine.safety.risk.onMarketData('BTC/USDT', Date.now(), 115, 100);
    const account = new RiskManager({ db: engine.store.db, scope: PAPER, killSwitch: engine.safety.risk.killSwitch });
    account.onMarketData('BTC/USDT', Date.now(), 85, 100);
  } finally {
    engine.close();
  }
}

const text = (page: Page, id: string) => page.locator(`[data-testid=${id}]`).first().textContent();

describe.skipIf(!hasChromium || !hasBuiltRenderer)('Risk page in Chromium', () => {
  const dir = tempDir();
  const dbPath = join(dir, 'risk.db');
  let emulator: BinanceEmulator;
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    tripPriceGaps(dbPath);
    emulator = await BinanceEmulator.start({ interval: '1m', syntheticLength: 600, startIndex: 599 });
    app = await openApp(dbPath, { args: ['--exchange-url', emulator.url], tab: 'risk', width: 1440, height: 900 });
    page = app.page;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
  });

  it('shows a tripped breaker with its reason and a countdown that ticks', async () => {
    await expect.poll(() => text(page, 'breaker-price-gap-state'), { timeout: 10_000 }).toBe('TRIPPED');
    expect(await text(page, 'breaker-price-gap-reason')).toMatch(/price gap BTC\/USDT 15(\.0+)?% \(open 115 vs previous close 100\) ≥ 10% limit/);
    const first = await text(page, 'breaker-price-gap-countdown');
    // The cooldown is 30 min from the trip a moment ago.
    expect(first).toMatch(/^(29|30):\d\d$/);
    await expect.poll(() => text(page, 'breaker-price-gap-countdown'), { timeout: 5_000 }).not.toBe(first);
    expect(await text(page, 'risk-trading-state')).toMatch(/Exits only/);
    // No account is open yet: the limits themselves are listed.
    expect(await page.locator('[data-testid=risk-limits-configured]').textContent()).toMatch(/Open orders\s*20/);
  });

  it('trips the kill switch in flatten mode only after the typed word, keeps it latched, re-arms with REARM', async () => {
    await page.check('[data-testid=kill-mode-flatten]');
    const trip = page.locator('[data-testid=kill-trip]');
    expect(await trip.isDisabled()).toBe(true);
    await page.fill('[data-testid=flatten-confirm]', 'flatten');
    expect(await trip.isDisabled()).toBe(true);
    await page.fill('[data-testid=flatten-confirm]', 'FLATTEN');
    expect(await trip.isDisabled()).toBe(false);
    await page.fill('[data-testid=kill-reason]', 'risk page test');
    await trip.click();
    await expect.poll(() => text(page, 'kill-switch-mode')).toBe('Latched: flatten');
    await expect.poll(() => text(page, 'trading-state')).toBe('HALTED (flatten)');
    // Latched: a reload (a fresh read of the engine) still shows it.
    await page.reload();
    await page.click('[data-testid=nav-risk]');
    await expect.poll(() => text(page, 'kill-switch-mode'), { timeout: 10_000 }).toBe('Latched: flatten');
    expect(await page.locator('[data-testid=kill-switch-tripped]').textContent()).toMatch(/risk page test \(by ui/);
    await page.fill('[data-testid=rearm-confirm]', 'rearm');
    await page.click('[data-testid=rearm-button]');
    await expect.poll(() => text(page, 'risk-error')).toMatch(/REARM/);
    expect(await text(page, 'kill-switch-mode')).toBe('Latched: flatten');
    await page.fill('[data-testid=rearm-confirm]', 'REARM');
    await page.click('[data-testid=rearm-button]');
    await expect.poll(() => page.locator('[data-testid=kill-switch-armed]').count()).toBe(1);
    await expect.poll(() => text(page, 'trading-state')).toBe('EXITS ONLY');
  });

  it("shows a paper session's limit use as bars and its breaker, and re-arms that breaker from the page", async () => {
    await page.click('[data-testid=nav-trade]');
    await page.selectOption('[data-testid=desk-mode]', 'paper');
    await page.click('[data-testid=desk-start]');
    await expect.poll(() => page.locator('[data-testid=desk-stop]').count(), { timeout: 15_000 }).toBe(1);
    await page.click('[data-testid=nav-risk]');
    await expect.poll(() => text(page, 'use-paper-binance-open-orders-text'), { timeout: 10_000 }).toBe('0 / 20');
    expect(await page.locator('[data-testid=risk-account-paper-binance] [role=meter]').count()).toBeGreaterThanOrEqual(5);
    expect(await page.getAttribute('[data-testid=use-paper-binance-leverage] [role=meter]', 'aria-label')).toMatch(/^Leverage: 0x \/ 1x$/);
    // With an account open, its own board is shown: the paper account's price gap, tripped before this start.
    await expect.poll(() => text(page, 'breaker-price-gap-state')).toBe('TRIPPED');
    expect(await text(page, 'breaker-price-gap-reason')).toMatch(/price gap BTC\/USDT 15(\.0+)?% \(open 85 /);
    expect(await text(page, 'breaker-price-gap-countdown')).toMatch(/^(29|30|28):\d\d$/);

    const axe = await new AxeBuilder({ page }).include('[data-testid=risk-page]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'risk.png'), fullPage: true });

    await page.click('[data-testid=breaker-price-gap-rearm]');
    await expect.poll(() => text(page, 'breaker-price-gap-state')).toBe('armed');
    await expect.poll(() => text(page, 'risk-trading-state')).toMatch(/^Active/);
    expect(await page.locator('[data-testid=breaker-price-gap-countdown]').count()).toBe(0);
  });
});
