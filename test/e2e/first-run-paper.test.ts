// Browser test of the first run's last step: a new user, from an empty database, loads the sample, runs the first
// backtest, clicks "Paper-trade this strategy", finds the Desk's start-session form filled in from that backtest
// (sma-cross fast 10 / slow 30, BTC/USDT 1h from the sample's venue, paper, the backtest's 10,000 as cash and budget),
// starts it, and sees the session running and its first decision arrive — with no step taken from the README.
//
// The sample is Binance BTC/USDT 1h, so the session is too: the exchange emulator serves BTC/USDT (one of its default
// markets) on a 1h series. It runs on wall-clock time like a real venue: its history ends three hours ago, and a
// ticker here publishes each bar once it has closed, so two bars close within seconds of the session starting
// (a 1m series would make the session trade another timeframe than the backtest). History falls slowly and the
// future climbs 3% an hour: the first new bar lifts the 10-bar average over the 30-bar one, and sma-cross buys.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BinanceEmulator } from '../emulator';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, SCREENSHOTS } from './browser';
import { appOnVenueHooks } from './steered-venue';

const HOUR = 3_600_000;
const HISTORY = 300;

/** Hourly bars: a slow fall, then a climb of 3 % a bar (the future). */
const PATH = { barMs: HOUR, history: HISTORY, future: 24, climb: 1.03 };

describe.skipIf(!hasChromium || !hasBuiltRenderer)('first run to a paper session in Chromium', () => {
  const dir = tempDir();
  let emulator: BinanceEmulator;
  let page: Page;
  let problems: string[] = [];
  const startTicker = appOnVenueHooks(join(dir, 'new-user.db'), PATH, '1h', (v) => ({ emulator, page, problems } = v));

  const form = () => page.locator('[data-testid=desk-start-form]');
  /** A field of the form by its label's words (a select's label also holds its options' text). */
  const field = (label: string) => form().locator('label').filter({ hasText: new RegExp(`^${label}`) }).locator('input, select').first();
  const rows = (testId: string) => page.locator(`[data-testid=${testId}] tbody tr`);

  it('goes from an empty app to a first backtest result', { timeout: 90_000 }, async () => {
    const card = page.locator('[data-testid=first-run]');
    await expect.poll(() => card.locator('h3').textContent(), { timeout: 10_000 }).toBe('No market data yet');
    await page.click('[data-testid=first-run-sample]');
    await expect.poll(() => card.locator('h3').textContent(), { timeout: 20_000 }).toBe('Market data ready: binance:BTC/USDT:1h');
    await page.click('[data-testid=first-run-backtest]');
    await expect.poll(() => page.locator('[data-testid=first-run-result]').count(), { timeout: 60_000 }).toBe(1);
    expect(Number(await page.locator('[data-testid=first-run-stat-trades]').textContent())).toBeGreaterThan(50);
  });

  it('offers paper trading the strategy: the Desk with the start form filled in from the backtest', async () => {
    await page.click('[data-testid=first-run-paper]');
    await expect.poll(() => page.locator('[data-testid=nav-desk]').getAttribute('class')).toBe('tab active');
    // The guide's work is done; the form waits in the sessions tab, scrolled into view.
    expect(await page.locator('[data-testid=first-run]').count()).toBe(0);
    await form().waitFor();
    expect(await page.locator('[data-testid=desk-tab-sessions]').getAttribute('aria-selected')).toBe('true');
    expect(await form().isVisible()).toBe(true);
    // One start form only: the tab's own "New session…" waits until this one is started or cancelled.
    expect(await page.locator('[data-testid=desk-new-session]').count()).toBe(0);
    const note = await page.locator('[data-testid=desk-prefill-note]').textContent();
    expect(note).toMatch(/^Paper trading runs sma-cross on live BTC\/USDT 1h market data from the exchange \(binance\) with simulated fills: no API keys needed, no money at risk\. Filled in from backtest run #1\.$/);
    expect({
      mode: await field('Mode').inputValue(),
      account: await field('Account').inputValue(),
      symbol: await field('Symbol').inputValue(),
      timeframe: await field('Timeframe').inputValue(),
      strategy: await field('Strategy').inputValue(),
      params: await field('Parameters').inputValue(),
      cash: await field('Paper cash').inputValue(),
      budget: await field('Budget').inputValue(),
      resumeOnStart: await form().getByRole('checkbox').isChecked(),
    }).toEqual({ mode: 'paper', account: 'binance', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma-cross', params: 'fast=10 slow=30', cash: '10000', budget: '10000', resumeOnStart: false });
    expect(await page.locator('[data-testid=desk-form-start]').textContent()).toBe('Start paper session');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-paper-form.png') });
  });

  it('starts the paper session and sees it running, then its first decisions arrive', { timeout: 60_000 }, async () => {
    await page.click('[data-testid=desk-form-start]');
    await expect.poll(() => rows('desk-sessions').count(), { timeout: 20_000 }).toBe(1);
    // Started: the filled-in form is gone, the session runs on what the backtest ran.
    expect(await page.locator('[data-testid=desk-prefill]').count()).toBe(0);
    expect(await page.locator('[data-testid=desk-new-session]').count()).toBe(1);
    expect(await rows('desk-sessions').first().textContent()).toMatch(/#1 PAPER.*binance BTC\/USDT 1h.*sma-cross.*running.*no.*10,000\.00.*flat.*waiting for a bar/);
    await expect.poll(() => page.locator('[data-testid=desk-mode-state]').textContent()).toMatch(/PAPER/);

    startTicker();
    // Two bars close at once: the first crosses (a buy), the second holds; the votes panel follows the latest.
    await expect.poll(() => page.locator('[data-testid=desk-final-action]').textContent(), { timeout: 30_000 }).toMatch(/^(BUY|HOLD)$/);
    const lastClosed = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    await expect.poll(() => page.locator('[data-testid=desk-final]').textContent(), { timeout: 15_000 }).toContain(new Date(lastClosed).toISOString().slice(0, 13).replace('T', ' '));
    // The buy filled on paper at the venue's price: a position, a fill, and nothing sent to the venue.
    await expect.poll(() => rows('desk-sessions').first().textContent(), { timeout: 15_000 }).toMatch(/running.*0\.\d+ @ [\d,.]+.*(buy|hold) · \d\d:00/);
    await expect.poll(() => page.locator('[data-testid=desk-tab-fills]').textContent(), { timeout: 15_000 }).toBe('Fills (1)');
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-paper.png') });
    await page.click('[data-testid=desk-tab-fills]');
    expect(await rows('desk-fills').first().textContent()).toMatch(/#1.*paper:binance.*BTC\/USDT.*buy · entry/);
    expect(emulator.orderRequests).toHaveLength(0);
    expect(problems).toEqual([]);
  });
});
