// Browser test: a risk limit changed in Settings is enforced by the engine, and the refusal reaches the Desk. At
// 1440×900 over the headless bridge with the real engine and the exchange emulator, the trader lowers the largest
// order to 1,000 USDT in the risk form; a paper SMA session's buy of its 2,500 budget is then refused by the account's
// risk manager: the votes panel and the session row show the reason, an alert names it, nothing fills. The limit
// raised again, the session's next buy fills and its chart marks the fill (one marker, from desk.fills).
//
// The session replays bars that closed minutes ago, published one at a time by the test, so the crosses come when
// the test says: the stale-data breaker (which would rightly stop entries on old bars) is turned off in the same form.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EmuCandle } from '../emulator';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium } from './browser';
import { replayDeskHooks, type ReplayDesk } from './replay-venue';

const MINUTE = 60_000;
const HISTORY = 400;
/** After the history's slow fall: up (the fast SMA crosses up: a buy), down (it crosses back), up again (a buy). */
const LEGS = [...Array<number>(3).fill(1.004), ...Array<number>(5).fill(0.996), ...Array<number>(5).fill(1.004)];

/** HISTORY bars of slow fall, then LEGS; every bar closed a few minutes before `now`. */
function replayPath(now: number): EmuCandle[] {
  const last = Math.floor(now / MINUTE) * MINUTE - 2 * MINUTE;
  const first = last - (HISTORY + LEGS.length - 1) * MINUTE;
  const r = (x: number) => Math.round(x * 100) / 100;
  const candles: EmuCandle[] = [];
  let close = 62_000;
  for (let i = 0; i < HISTORY + LEGS.length; i++) {
    const open = close;
    close = i < HISTORY ? open - 4 + 3 * Math.sin(i / 3) : open * LEGS[i - HISTORY];
    candles.push({ time: first + i * MINUTE, open: r(open), high: r(Math.max(open, close) + 3), low: r(Math.min(open, close) - 3), close: r(close), volume: 5 });
  }
  return candles;
}

describe.skipIf(!hasChromium || !hasBuiltRenderer)('A risk limit changed in Settings, enforced on the Desk', () => {
  let page: Page;
  let contract: ReplayDesk['contract'];
  let problems: string[];
  let session: ReplayDesk['session'];
  let nextBar: ReplayDesk['nextBar'];
  replayDeskHooks(tempDir(), 'limit.db', replayPath, HISTORY, 'settings', (desk) => ({ page, contract, problems, session, nextBar } = desk));

  /** Publishes bars one at a time until `done` holds; the bars it took. */
  async function barsUntil(done: () => Promise<boolean>, max: number): Promise<number> {
    for (let i = 1; i <= max; i++) {
      await nextBar();
      if (await done()) return i;
    }
    throw new Error(`not reached in ${max} bars`);
  }

  async function saveLimit(maxOrderNotional: string, staleDataBreaker?: boolean): Promise<void> {
    await page.click('[data-testid=nav-settings]');
    await page.waitForSelector('[data-testid=risk-form]');
    await page.click('[data-testid=risk-group-limits]');
    await page.fill('[data-testid=risk-limits-maxOrderNotional]', maxOrderNotional);
    if (staleDataBreaker !== undefined) {
      await page.click('[data-testid=risk-group-breakers]');
      await page.setChecked('[data-testid=risk-breakers-staleData-enabled]', staleDataBreaker);
    }
    await page.click('[data-testid=risk-form-save]');
    await expect.poll(() => page.locator('[data-testid=settings-message]').textContent()).toBe('Saved.');
  }

  it('lowers the largest order to 1,000 USDT in Settings, and the engine holds the new limit', async () => {
    await saveLimit('1000', false);
    expect((await contract.client.request('settings.get', {})).risk.limits.maxOrderNotional).toBe(1_000);
    // The risk manager itself now checks against it (not only the stored settings).
    expect((await contract.client.request('risk.state', {})).limits.maxOrderNotional).toBe(1_000);
  });

  it("refuses the paper session's buy: the reason on the desk and in an alert, nothing filled", async () => {
    await page.click('[data-testid=nav-desk]');
    await page.getByRole('button', { name: 'New session…' }).click();
    await page.selectOption('[data-testid=desk-form-strategy]', 'sma-cross');
    await page.fill('[data-testid=desk-form-params]', 'fast=2 slow=5');
    await page.click('[data-testid=desk-form-start]');
    await expect.poll(() => page.locator('[data-testid=desk-sessions] tbody tr').count(), { timeout: 20_000 }).toBe(1);
    const { id, budget } = (await session())!;
    expect(budget).toBe(2_500);

    // The first rising bar crosses the averages up: the strategy buys, the risk manager refuses.
    await barsUntil(async () => (await session())?.lastDecision?.action === 'buy', 3);
    const refused = (await session())!.lastDecision!;
    expect(refused.veto).toMatch(/^order BTC\/USDT notional 2,4\d\d\.\d\d USDT > 1,000\.00 USDT limit$/);

    // The desk shows it: the votes panel's veto line, the session row, an alert with the reason; no fill, no marker.
    await expect.poll(() => page.locator('[data-testid=desk-veto]').textContent(), { timeout: 10_000 }).toBe(`⊘ Vetoed: ${refused.veto}`);
    expect(await page.locator('[data-testid=desk-final-action]').textContent()).toBe('BUY');
    expect(await page.locator('[data-testid=desk-sessions] tbody tr').first().textContent()).toMatch(/buy \(veto\)/);
    await page.click('[data-testid=desk-tab-alerts]');
    const alertRow = page.locator('[data-testid=desk-alerts] tbody tr.warning').filter({ hasText: 'refused' }).first();
    await expect.poll(() => alertRow.textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`session:${id}Session ${id} \\(BTC/USDT sma-cross\\): the risk manager refused the buy of [\\d.]+ BTC/USDT: order BTC/USDT notional .* > 1,000\\.00 USDT limit`));
    await page.click('[data-testid=desk-tab-fills]');
    expect(await page.locator('[data-testid=desk-fills-empty]').count()).toBe(1);
    expect(await page.locator('[data-testid=desk-chart]').getAttribute('data-markers')).toBe('0');

    // The engine's side, through the contract: the stored decision carries the veto, the session has no fill.
    const runId = Number((await session())!.runId);
    const stored = await contract.client.request('decisions.list', { runId, actionsOnly: true, limit: 50 });
    expect(stored.map((d) => [d.action, d.veto])).toEqual([['buy', refused.veto]]);
    expect(await contract.client.request('desk.fills', { sessionId: id })).toEqual([]);
    expect((await contract.client.request('alerts.list', { limit: 20 })).filter((a) => a.source === `session:${id}`)).toHaveLength(1);
  });

  it('fills the next buy once the limit is raised again, and marks the fill on the session chart', async () => {
    await saveLimit('50000');
    expect((await contract.client.request('risk.state', {})).limits.maxOrderNotional).toBe(50_000);
    await page.click('[data-testid=nav-desk]');
    const { id } = (await session())!;
    // Down (a cross down: flat already, so nothing to sell), then up again: the same buy, now within the limit.
    await barsUntil(async () => (await contract.client.request('desk.fills', { sessionId: id })).length > 0, 10);
    const fills = await contract.client.request('desk.fills', { sessionId: id });
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ side: 'buy', role: 'entry', symbol: 'BTC/USDT' });
    expect(fills[0].price * fills[0].amount).toBeGreaterThan(2_000);
    // The buy that filled was not refused. The paper venue fills a market order at its next ticker read, which may
    // come only with the next bar, so the session's last decision can already be that bar's hold: read the stored ones.
    const runId = Number((await session())!.runId);
    const buys = (await contract.client.request('decisions.list', { runId, actionsOnly: true, limit: 50 })).filter((d) => d.action === 'buy');
    expect(buys.map((d) => d.veto ?? null)).toEqual([expect.stringMatching(/> 1,000\.00 USDT limit$/), null]);

    // One marker per fill, drawn live from desk.fills (no reload), with side, size and price in its text.
    await expect.poll(() => page.locator('[data-testid=desk-chart]').getAttribute('data-markers'), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('[data-testid=desk-chart] [data-testid=candle-chart]').getAttribute('data-markers')).toBe('1');
    expect(await page.locator('.desk-chart-bar').textContent()).toMatch(/· 1 fills marked/);
    expect(await page.locator('[data-testid=desk-veto]').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
