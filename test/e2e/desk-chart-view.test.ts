// Browser test: the Desk's session chart keeps the trader's view as new bars arrive, as a trading chart does. At
// 1440×900 over the headless bridge with the real engine and the exchange emulator, a paper session runs on 1m bars
// the test publishes one at a time. Zoomed in on the newest bars, each new bar moves the view along by one bar at the
// same zoom (it used to snap back to the whole window); panned back into history, the view stays where it was.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmuCandle } from '../emulator';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium } from './browser';
import { replayDeskHooks, type ReplayDesk } from './replay-venue';

const MINUTE = 60_000;
const HISTORY = 400;
const FUTURE = 20;

/** A gentle wave of 1m bars that all closed a few minutes before `now`: HISTORY of them served, FUTURE to publish. */
function bars(now: number): EmuCandle[] {
  const last = Math.floor(now / MINUTE) * MINUTE - 2 * MINUTE;
  const first = last - (HISTORY + FUTURE - 1) * MINUTE;
  return Array.from({ length: HISTORY + FUTURE }, (_, i) => {
    const open = 62_000 + 40 * Math.sin(i / 9);
    const close = 62_000 + 40 * Math.sin((i + 1) / 9);
    return { time: first + i * MINUTE, open, high: Math.max(open, close) + 3, low: Math.min(open, close) - 3, close, volume: 5 };
  });
}

describe.skipIf(!hasChromium || !hasBuiltRenderer)("The Desk's session chart keeps the trader's view", () => {
  let page: Page;
  let contract: ReplayDesk['contract'];
  let problems: string[];
  let session: ReplayDesk['session'];
  let publish: ReplayDesk['nextBar'];
  replayDeskHooks(tempDir(), 'view.db', bars, HISTORY, 'desk', (desk) => ({ page, contract, problems, session, nextBar: publish } = desk));

  beforeAll(async () => {
    // The stale-data breaker would rightly stop entries on bars that closed minutes ago; this test is about the chart.
    const settings = await contract.client.request('settings.get', {});
    await contract.client.request('settings.update', { risk: { breakers: { ...settings.risk.breakers, staleData: { ...settings.risk.breakers.staleData, enabled: false } } } });
    await contract.client.request('desk.start', { account: 'binance', symbol: 'BTC/USDT', timeframe: '1m', strategy: 'sma-cross', params: { fast: 5, slow: 20 }, mode: 'paper' });
  });

  const chart = () => page.locator('[data-testid=desk-chart] [data-testid=candle-chart]');
  /** The visible time range the chart reports, in ms. */
  const visible = async () => {
    const [from, to] = ((await chart().getAttribute('data-visible')) ?? '').split('-').map(Number);
    return { from, to, span: to - from };
  };
  const lastBar = async () => (await session())?.lastBarTime;
  /** Drags the price pane sideways, from one share of its width to another. */
  async function drag(from: number, to: number): Promise<void> {
    const box = (await chart().boundingBox())!;
    const y = box.y + box.height * 0.3;
    await page.mouse.move(box.x + box.width * from, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * to, y, { steps: 10 });
    await page.mouse.up();
  }

  /** Publishes one more bar; waits until the session traded it and the chart redrew with it. */
  async function nextBar(): Promise<number> {
    const shown = Number(await page.locator('[data-testid=desk-chart]').getAttribute('data-bars'));
    const time = await publish();
    await expect.poll(async () => Number(await page.locator('[data-testid=desk-chart]').getAttribute('data-bars')), { timeout: 10_000 }).toBe(shown + 1);
    // The view is put back in the frame after the data: give it two frames.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return time;
  }

  it('opens fitted to the whole window, then keeps a zoom on the newest bars as each new bar arrives', async () => {
    await expect.poll(() => chart().count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await visible()).span, { timeout: 10_000 }).toBeGreaterThan(300 * MINUTE);
    const fitted = await visible();
    const box = (await chart().boundingBox())!;
    // Zoom in with the wheel over the right part of the price pane.
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.3);
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await visible()).span).toBeLessThan(fitted.span / 2);
    // The wheel zooms around the pointer: drag left until the newest bar is back in view (with space after it).
    await drag(0.8, 0.2);
    const zoomed = await visible();
    expect(zoomed.to).toBeGreaterThanOrEqual((await lastBar())!);
    for (let k = 0; k < 3; k++) {
      const before = await visible();
      const time = await nextBar();
      const after = await visible();
      // Same zoom, moved on by the one new bar, the new bar in view.
      expect(after.span).toBe(before.span);
      expect(after.to - before.to).toBe(MINUTE);
      expect(after.to).toBeGreaterThanOrEqual(time);
    }
  });

  it('panned back into history, stays on the same stretch of time while bars arrive', async () => {
    // Drag the chart to the right, twice: older bars come into view, the newest leaves it.
    for (let k = 0; k < 2; k++) await drag(0.1, 0.85);
    const panned = await visible();
    expect(panned.to).toBeLessThan((await lastBar())!);
    for (let k = 0; k < 2; k++) {
      await nextBar();
      expect(await visible()).toEqual(panned);
    }
    expect(problems).toEqual([]);
  });
});
