// Browser test of the Desk, the app's first page, at 1440×900 over the headless bridge with the real engine and the
// exchange emulator: two paper sessions start from the Desk's form (the agent panel, and an SMA cross that will
// trade), the chart shows the session's candles, the panel's decision arrives in the votes panel with a row per
// agent, the SMA session's buy shows up in orders, fills and positions, and sessions pause, resume and stop.
//
// The emulator runs on wall-clock time like a real venue: its history ends three minutes ago, and a ticker here
// publishes each bar once it has closed. So two bars close within seconds of the sessions starting, and those bars
// jump up after a slow fall: the 2/5 SMA crosses up and buys.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BinanceEmulator } from '../emulator';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, SCREENSHOTS } from './browser';
import { appOnVenueHooks } from './steered-venue';

const MINUTE = 60_000;
const HISTORY = 400;

const PATH = { barMs: MINUTE, history: HISTORY, future: 60, climb: 1.004 };

describe.skipIf(!hasChromium || !hasBuiltRenderer)('Desk page in Chromium', () => {
  const dir = tempDir();
  let emulator: BinanceEmulator;
  let page: Page;
  let problems: string[] = [];
  const startTicker = appOnVenueHooks(join(dir, 'desk.db'), PATH, '1m', (v) => ({ emulator, page, problems } = v));

  async function startSession(strategy: string, params = ''): Promise<void> {
    await page.getByRole('button', { name: 'New session…' }).click();
    await page.selectOption('[data-testid=desk-form-strategy]', strategy);
    await page.fill('[data-testid=desk-form-params]', params);
    await page.click('[data-testid=desk-form-start]');
  }

  const rows = (testId: string) => page.locator(`[data-testid=${testId}] tbody tr`);

  it('opens on the Desk with its strip, an empty chart and no sessions', async () => {
    await expect.poll(() => page.locator('[data-testid=nav-desk]').getAttribute('class'), { timeout: 10_000 }).toBe('tab active');
    await page.locator('[data-testid=desk-page]').waitFor();
    await expect.poll(() => page.locator('[data-testid=desk-mode-state]').textContent()).toMatch(/PAPER/);
    await expect.poll(() => page.locator('[data-testid=desk-kill-switch]').textContent()).toMatch(/armed/);
    await expect.poll(() => page.locator('[data-testid=desk-engine-state]').textContent()).toMatch(/up /);
    expect(await page.locator('[data-testid=desk-exchange-state]').textContent()).toMatch(/idle/);
    await expect.poll(() => page.locator('[data-testid=desk-sessions-empty]').count()).toBe(1);
    expect(await page.locator('[data-testid=desk-chart-empty]').textContent()).toMatch(/Start a session/);
    expect(await page.locator('[data-testid=desk-live-banner]').count()).toBe(0);
  });

  it('starts a paper panel session: its row, its chart with candles, then a decision with a row per agent', async () => {
    await startSession('panel');
    await expect.poll(() => rows('desk-sessions').count(), { timeout: 20_000 }).toBe(1);
    const row = await rows('desk-sessions').first().textContent();
    expect(row).toMatch(/#1 PAPER.*binance BTC\/USDT 1m.*panel.*running.*no.*2,500\.00.*flat.*waiting for a bar/);
    // The chart draws the session's warm-up window: every history bar the venue had.
    await expect.poll(() => page.locator('[data-testid=desk-chart]').getAttribute('data-bars'), { timeout: 15_000 }).toBe(String(HISTORY));
    expect(await page.locator('[data-testid=desk-chart] canvas').count()).toBeGreaterThan(0);

    // The second session trades on the same market; then the venue's clock catches up.
    await startSession('sma-cross', 'fast=2 slow=5');
    await expect.poll(() => rows('desk-sessions').count(), { timeout: 20_000 }).toBe(2);
    startTicker();
    await page.selectOption('[data-testid=desk-chart-session]', '1');

    await expect.poll(() => page.locator('[data-testid=desk-final-action]').count(), { timeout: 30_000 }).toBe(1);
    const agents = await page.locator('[data-testid^=desk-vote-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(agents).toEqual(expect.arrayContaining(['desk-vote-QuantAnalyst', 'desk-vote-Bull', 'desk-vote-Bear', 'desk-vote-Regime', 'desk-vote-RiskAudit']));
    expect(new Set(agents).size).toBe(agents.length);
    // Raw numbers on hover, a readable summary for screen readers.
    expect(await page.locator('[data-testid=desk-vote-RiskAudit]').getAttribute('title')).toMatch(/^direction -?\d\.\d{4} · confidence \d\.\d{4}/);
    expect(await page.locator('[data-testid=desk-vote-Bull]').getAttribute('aria-label')).toMatch(/^Bull: (long|short|neutral|abstained), confidence \d+%$/);
    await expect.poll(() => rows('desk-sessions').first().textContent()).not.toMatch(/waiting for a bar/);
    // The chart follows: the bar the decision was made on is drawn.
    await expect.poll(async () => Number(await page.locator('[data-testid=desk-chart]').getAttribute('data-bars'))).toBeGreaterThan(HISTORY);
  });

  it('pins a clicked bar in the votes panel, and follows the latest again', async () => {
    const box = await page.locator('[data-testid=desk-chart] canvas').first().boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.click(box!.x + box!.width * 0.5, box!.y + box!.height * 0.4);
    await expect.poll(() => page.locator('.desk-votes h3').textContent()).toMatch(/^Pinned bar \d{4}-/);
    await page.click('[data-testid=desk-unpin]');
    await expect.poll(() => page.locator('.desk-votes h3').textContent()).toBe('Latest decision');
  });

  it('shows the SMA session buying: marker, order, fill and position', async () => {
    await expect.poll(() => page.locator('[data-testid=desk-tab-fills]').textContent(), { timeout: 30_000 }).toMatch(/Fills \(\d+\)/);
    await page.click('[data-testid=desk-tab-fills]');
    expect(await rows('desk-fills').first().textContent()).toMatch(/#2.*paper:binance.*BTC\/USDT.*buy · entry/);
    const fillsOfSession2 = await rows('desk-fills').filter({ hasText: '#2' }).count();
    await page.click('[data-testid=desk-tab-orders]');
    expect(await rows('desk-orders').first().textContent()).toMatch(/#2.*BTC\/USDT.*buy.*market · entry.*filled/);
    await page.click('[data-testid=desk-tab-open-orders]');
    await expect.poll(() => page.locator('[data-testid=desk-open-orders-empty]').count()).toBe(1);
    await page.click('[data-testid=desk-tab-positions]');
    expect(await rows('desk-positions').first().textContent()).toMatch(/#2.*paper:binance.*BTC\/USDT/);
    await page.selectOption('[data-testid=desk-chart-session]', '2');
    // One marker per fill of the session (from its fills, not its decisions).
    await expect.poll(async () => Number(await page.locator('[data-testid=desk-chart]').getAttribute('data-markers')), { timeout: 15_000 }).toBe(fillsOfSession2);
    expect(fillsOfSession2).toBeGreaterThanOrEqual(1);
    expect(emulator.orderRequests).toHaveLength(0); // paper never sends
    await page.click('[data-testid=desk-tab-sessions]');
    await page.selectOption('[data-testid=desk-chart-session]', '1');
    await page.locator('[data-testid=desk-final-action]').waitFor();
    // With sessions, a chart and votes on screen: no serious or critical accessibility violation, no console error.
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(problems).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'desk.png') });
  });

  it('pauses entries, resumes, and stops both sessions', async () => {
    await page.getByRole('button', { name: 'Pause entries of session 1' }).click();
    await expect.poll(() => page.locator('[data-testid=desk-status-1]').textContent()).toBe('paused');
    await page.getByRole('button', { name: 'Resume entries of session 1' }).click();
    await expect.poll(() => page.locator('[data-testid=desk-status-1]').textContent()).toBe('running');
    await page.click('[data-testid=desk-stop-1]');
    await expect.poll(() => rows('desk-sessions').count()).toBe(1);
    await page.click('[data-testid=desk-stop-2]');
    await expect.poll(() => page.locator('[data-testid=desk-sessions-empty]').count()).toBe(1);
    await page.locator('.stopped-sessions summary').click();
    await expect.poll(() => rows('desk-stopped').count()).toBe(2);
    expect(await rows('desk-stopped').first().textContent()).toMatch(/stopped by the trader/);
  });

  it('lists alerts live in its tab', async () => {
    await page.click('[data-testid=desk-tab-alerts]');
    // The emergency stop raises a critical alert; it arrives over alert.raised without a reload.
    await page.click('[data-testid=emergency-stop]');
    await expect.poll(() => page.locator('[data-testid=desk-alerts] tbody tr.critical').first().textContent(), { timeout: 10_000 }).toMatch(/Kill switch tripped: halt/);
    await expect.poll(() => page.locator('[data-testid=desk-kill-switch]').textContent()).toMatch(/TRIPPED \(halt\)/);
  });
});
