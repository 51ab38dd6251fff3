// Browser test of the operations UI (issue 14) over the headless bridge with the real engine and a private OS keychain:
// a paper account traded FIL/USDT across a UTC midnight on the exchange emulator first; then the Health panel runs the
// checks, Settings adds a webhook channel pointing at a local receiver and its Test is delivered, the daily report of
// 2023-08-01 opens and exports its HTML, and the emergency stop's alert shows as sent in the alerts centre.
// Saves (see SCREENSHOTS in browser.ts) health-panel.png and daily-report.png.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDailyReport, type DailyReport } from '../../electron/engine/reports/daily-report';
import { openStore } from '../../electron/engine/store/database';
import { hasSharedData } from '../shared-data';
import { startHttpReceiver, type HttpReceiver } from '../support/alert-receivers';
import { tempDir } from '../support/temp';
import { tradingRig, type Rig } from '../support/trading-rig';
import { hasBuiltRenderer, hasChromium, openApp, SCREENSHOTS, type AppInBrowser } from './browser';
import { hasKeyringTools, startPrivateKeyring, type PrivateKeyring } from './keyring';

const TOKEN_PART = 'e2e-hook-a1b2c3d4e5f6';

describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasSharedData || !hasKeyringTools)('Health, alert channels, alerts centre and daily report in Chromium', () => {
  const dir = tempDir('quorum-ops-e2e-');
  let rig: Rig;
  let keyring: PrivateKeyring;
  let receiver: HttpReceiver;
  let app: AppInBrowser;
  let page: Page;
  let day: DailyReport;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // FIL/USDT 1m from 2023-08-01 22:20: ~100 bars each side of midnight, then the session stopped (nothing resumes).
    rig = await tradingRig(dir, 'ops.db', { startIndex: 1_340 });
    const engine = await rig.open();
    await rig.start({ mode: 'paper', cash: 10_000, budget: 10_000 });
    await rig.bars(200);
    engine.desk.stop(engine.desk.status().sessions[0].id);
    rig.close();
    const { db } = openStore(rig.dbPath);
    day = buildDailyReport(db, { account: 'paper:binance', date: '2023-08-01' });
    db.close();
    expect(day.trades.length).toBeGreaterThan(0);

    receiver = await startHttpReceiver();
    keyring = await startPrivateKeyring();
    process.env.DBUS_SESSION_BUS_ADDRESS = keyring.env.DBUS_SESSION_BUS_ADDRESS;
    app = await openApp(rig.dbPath, { args: ['--exchange-url', rig.emulator.url], tab: 'status', width: 1400, height: 1000 });
    page = app.page;
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    keyring?.stop();
    await receiver?.close();
    await rig?.dispose();
  });

  it('the Health panel runs the checks and lists each with its status, detail and time', async () => {
    await page.waitForSelector('[data-testid=health-panel]');
    expect(await page.locator('[data-testid=health-when]').textContent()).toMatch(/not run yet/);
    await page.click('[data-testid=health-run]');
    const database = page.locator('[data-testid="health-check-database"]');
    await database.waitFor({ timeout: 30_000 });
    expect(await database.getAttribute('data-status')).toBe('ok');
    const cells = await database.locator('td').allTextContents();
    expect(cells[1]).toBe('ok');
    expect(cells[2]).toMatch(/quick_check/i);
    expect(cells[3]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    expect(await page.locator('[data-testid="health-check-exchange:binance"]').getAttribute('data-status')).toBe('ok');
    for (const name of ['disk', 'logs', 'model', 'kill-switch', 'breakers']) {
      expect(await page.locator(`[data-testid="health-check-${name}"]`).count(), name).toBe(1);
    }
    expect(await page.locator('[data-testid=health-when]').textContent()).toMatch(/^Checked \d{4}-\d{2}-\d{2} .* in \d+ ms$/);
    await page.locator('[data-testid=health-panel]').screenshot({ path: join(SCREENSHOTS, 'health-panel.png') });
  });

  it('Settings adds a webhook channel (the URL never comes back) and its Test reaches the local receiver', async () => {
    await page.click('[data-testid=nav-settings]');
    await page.waitForSelector('[data-testid=no-channels]');
    // A Slack hook must be https: refused by the engine at the URL field.
    await page.selectOption('[data-testid=channel-kind]', 'slack');
    await page.fill('[data-testid=channel-name]', 'team');
    await page.fill('[data-testid=channel-url]', 'http://hooks.example.com/services/x');
    await page.click('[data-testid=channel-add]');
    await expect.poll(() => page.locator('[data-testid=channel-error-url]').textContent()).toMatch(/https/);

    await page.selectOption('[data-testid=channel-kind]', 'webhook');
    await page.fill('[data-testid=channel-name]', 'ops');
    await page.fill('[data-testid=channel-url]', `${receiver.url}/hooks/${TOKEN_PART}`);
    await page.selectOption('[data-testid=channel-minLevel]', 'warning');
    await page.click('[data-testid=channel-add]');
    const row = page.locator('[data-testid=channel-row-ops]');
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 5)).toEqual(['ops', 'webhook', receiver.url, 'warning+', '—']);
    expect(await page.inputValue('[data-testid=channel-url]')).toBe('');
    expect(await page.content()).not.toContain(TOKEN_PART);

    await page.click('[data-testid=channel-test-ops]');
    const result = page.locator('[data-testid=channel-test-result-ops]');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute('data-delivered')).toBe('true');
    expect(await result.textContent()).toMatch(/^Test delivered in \d+ ms$/);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({ path: `/hooks/${TOKEN_PART}`, json: { type: 'quorum.alert.test' } });
  });

  it('opens the daily report of 2023-08-01 and exports its HTML', async () => {
    await page.click('[data-testid=nav-reports]');
    await page.waitForSelector('[data-testid=report-account] option[value="paper:binance"]', { state: 'attached' });
    await page.selectOption('[data-testid=report-account]', 'paper:binance');
    await page.fill('[data-testid=report-date]', '2023-08-01');
    await page.click('[data-testid=report-show]');
    await page.waitForSelector('[data-testid=daily-report]');
    expect(await page.locator('[data-testid=report-headline]').textContent()).toBe(day.headline);
    expect(await page.locator('[data-testid=report-trade]').count()).toBe(day.trades.length);
    expect(await page.locator('[data-testid=report-counts]').textContent()).toBe(`${day.fills} / ${day.trades.length} (${day.won} won, ${day.lost} lost)`);
    // One day of history: no Sharpe ratio yet (null on the wire, a dash on the page).
    expect(await page.locator('[data-testid=report-sharpe]').textContent()).toBe('—');
    await page.waitForSelector('[data-testid=equity-chart] canvas');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'daily-report.png'), fullPage: true });

    await page.click('[data-testid=report-save-html]');
    const saved = join(dirname(rig.dbPath), 'exports', 'quorum-daily-paper_binance-2023-08-01.html');
    await expect.poll(() => page.locator('[data-testid=report-notice]').textContent()).toBe(`Saved the HTML to ${saved}`);
    expect(existsSync(saved)).toBe(true);
    expect(readFileSync(saved, 'utf8').match(/<tr class="trade">/g)).toHaveLength(day.trades.length);
  });

  it('the alerts centre shows the emergency stop\'s alert as sent on the channel', async () => {
    await page.click('[data-testid=emergency-stop]');
    await expect.poll(() => page.locator('[data-testid=trading-state]').textContent(), { timeout: 10_000 }).toBe('HALTED (halt)');
    await page.click('[data-testid=nav-alerts]');
    // The stop raises more than one alert (what it cancelled or closed may follow): the kill switch's own row.
    const alertRow = page.locator('[data-testid^=alert-row-]').filter({ hasText: 'Kill switch tripped: halt' });
    await alertRow.waitFor({ timeout: 10_000 });
    const delivery = alertRow.locator('[data-testid$=-ops]');
    await expect.poll(() => delivery.getAttribute('data-state'), { timeout: 15_000 }).toBe('sent');
    expect(await delivery.textContent()).toMatch(/^ops: sent \d{4}-\d{2}-\d{2} .* UTC, 1 attempt$/);
    const cells = await alertRow.locator('td').allTextContents();
    expect(cells[1]).toBe('critical');
    expect(cells[2]).toBe('kill-switch');
    const sent = receiver.requests.find((r) => (r.json as { type?: string }).type === 'quorum.alert');
    expect(sent?.json).toMatchObject({ alert: { level: 'critical', source: 'kill-switch' } });
    expect(consoleErrors).toEqual([]);
  });
});
