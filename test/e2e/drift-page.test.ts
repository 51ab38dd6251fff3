// Browser test of the Drift page over the headless bridge with the real engine: a live FIL/USDT run on the exchange
// emulator with 25 bps of slippage injected and one order rejected by the venue, then the page replays it through the
// backtester and shows the slippage, the rejected order with its reason and the equity gap.
// Saves (see SCREENSHOTS in browser.ts) drift-page.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData } from '../shared-data';
import { tempDir } from '../support/temp';
import { tradingRig, type Rig } from '../support/trading-rig';
import { hasBuiltRenderer, hasChromium, openApp, SCREENSHOTS, type AppInBrowser } from './browser';


describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasSharedData)('Drift page in Chromium', () => {
  const dir = tempDir('quorum-drift-e2e-');
  let rig: Rig;
  let app: AppInBrowser;
  let page: Page;
  let runId = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    rig = await tradingRig(dir, 'drift.db', { risk: { breakers: { consecutiveLosses: { enabled: false } } } });
    const engine = await rig.open();
    await rig.armLive();
    rig.emulator.setSlippageBps(25);
    await rig.start({ mode: 'live', budget: 5_000 });
    await rig.bars(40);
    rig.emulator.faults.set({ kind: 'reject', path: '/api/v3/order', method: 'POST', count: 1, code: -2010, msg: 'Account has insufficient balance for requested action.' });
    await rig.barsUntil(() => rig.emulator.faults.list().length === 0);
    await rig.bars(40);
    const session = engine.desk.status().sessions[0];
    runId = Number(session.runId);
    engine.desk.stop(session.id);
    rig.close();
    app = await openApp(rig.dbPath, { args: ['--exchange-url', rig.emulator.url], tab: 'drift', width: 1400, height: 1100 });
    page = app.page;
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await rig?.dispose();
  });

  it('replays the chosen live run and shows the slippage, the rejected order and the equity gap', async () => {
    const select = page.locator('[data-testid=drift-run]');
    await expect.poll(() => select.locator('option').allTextContents(), { timeout: 15_000 }).toContainEqual(expect.stringMatching(new RegExp(`^#${runId} live FIL/USDT 1m sma-cross`)));
    await page.click('[data-testid=drift-show]');
    await page.locator('[data-testid=drift-report]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid=drift-headline]').textContent()).toMatch(new RegExp(`live run #${runId} .*: 2 of \\d+ bar\\(s\\) differ, none unexplained`));
    const slippage = await page.locator('[data-testid=drift-slippage]').textContent();
    const mean = Number(/mean \+([\d.]+)/.exec(slippage ?? '')?.[1]);
    expect(Math.abs(mean - 25)).toBeLessThan(1.5);
    expect(await page.locator('[data-testid=drift-reason-rejected-order]').textContent()).toBe('2');
    expect(await page.locator('[data-testid=drift-reason-unexplained]').textContent()).toBe('0');
    expect(await page.locator('[data-testid=drift-decisions] tr[data-reason="rejected order"]').count()).toBe(2);
    expect(await page.locator('[data-testid=drift-rejected] td').allTextContents()).toContainEqual(expect.stringMatching(/insufficient balance/i));
    expect(await page.locator('[data-testid=drift-gap]').textContent()).toMatch(/^-/);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'drift-page.png'), fullPage: true });
  });
});
