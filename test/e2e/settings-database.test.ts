// Browser test of Settings' exchange profiles and database restore, over the headless bridge with the real engine, a
// private OS keychain and the exchange emulator: keys saved (never shown again) and "Test connection" green for the
// emulator's key, red (auth) for a wrong one; a backup restored from the page — a file that is not a database refused,
// the real backup staged, and after the engine restarts the settings are those of the backup. The log's newest lines
// show on the page, without the keys.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinanceEmulator } from '../emulator';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, SCREENSHOTS, type AppInBrowser } from './browser';
import { hasKeyringTools, startPrivateKeyring, type PrivateKeyring } from './keyring';

const WRONG_SECRET = 'e2e-wrong-secret-0123456789';

describe.skipIf(!hasChromium || !hasBuiltRenderer || !hasKeyringTools)('Settings: exchange profiles and database restore in Chromium', () => {
  const dir = tempDir('quorum-settings-db-');
  const dbPath = join(dir, 'settings-db.db');
  let emulator: BinanceEmulator;
  let keyring: PrivateKeyring;
  let app: AppInBrowser | undefined;
  let page: Page;
  const message = () => page.locator('[data-testid=settings-message]').textContent();

  const open = async () => {
    app = await openApp(dbPath, { args: ['--exchange-url', emulator.url], tab: 'settings', width: 1300, height: 1000 });
    page = app.page;
    await page.waitForSelector('[data-testid=database-section]');
  };
  beforeAll(async () => {
    emulator = await BinanceEmulator.start({ interval: '1m', syntheticLength: 200 });
    keyring = await startPrivateKeyring();
    process.env.DBUS_SESSION_BUS_ADDRESS = keyring.env.DBUS_SESSION_BUS_ADDRESS;
    await open();
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    keyring?.stop();
    await emulator?.close();
  });

  const addProfile = async (account: string, apiKey: string, secret: string) => {
    await page.fill('[data-testid=profile-account]', account);
    await page.fill('[data-testid=profile-apiKey]', apiKey);
    await page.fill('[data-testid=profile-secret]', secret);
    await page.click('[data-testid=profile-save]');
    await page.locator(`[data-testid="profile-row-${account}"]`).waitFor();
  };

  it('refuses a bad profile name at its field, saves keys without showing them again, and tests the connection', async () => {
    await page.fill('[data-testid=profile-account]', 'Binance Main');
    await page.fill('[data-testid=profile-apiKey]', emulator.apiKey);
    await page.fill('[data-testid=profile-secret]', emulator.apiSecret);
    await page.click('[data-testid=profile-save]');
    expect(await page.locator('[data-testid=profile-error-account]').textContent()).toMatch(/exchange id/);
    expect(await page.locator('[data-testid=profile-table]').count()).toBe(0);

    await addProfile('binance:e2e', emulator.apiKey, emulator.apiSecret);
    expect(await page.inputValue('[data-testid=profile-apiKey]')).toBe('');
    expect(await page.inputValue('[data-testid=profile-secret]')).toBe('');
    await page.click('[data-testid="profile-test-binance:e2e"]');
    const good = page.locator('[data-testid="profile-test-result-binance:e2e"]');
    await good.waitFor({ timeout: 15_000 });
    expect(await good.getAttribute('data-ok')).toBe('true');
    expect(await good.textContent()).toMatch(/^Connected: binance accepted the keys of binance:e2e: balance read in \d+ ms$/);

    await addProfile('binance:wrong', emulator.apiKey, WRONG_SECRET);
    await page.click('[data-testid="profile-test-binance:wrong"]');
    const bad = page.locator('[data-testid="profile-test-result-binance:wrong"]');
    await bad.waitFor({ timeout: 15_000 });
    expect(await bad.getAttribute('data-ok')).toBe('false');
    expect(await bad.textContent()).toMatch(/^Failed \(auth\): binance refused the keys of binance:wrong/);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('[data-testid=exchange-profiles]').screenshot({ path: join(SCREENSHOTS, 'settings-exchange-profiles.png') });
    // The log, read from the page (the browser build has no folder to open): the tests are there, the keys are not.
    await page.click('[data-testid=logs-toggle]');
    await expect.poll(async () => {
      await page.click('[data-testid=logs-refresh]');
      return page.locator('[data-testid=logs-section]').textContent();
    }, { timeout: 10_000 }).toContain('exchange connection tested');
    // With results, the field error and the log open: no serious or critical accessibility violation in these sections.
    const axe = await new AxeBuilder({ page }).include('[data-testid=exchange-profiles]').include('[data-testid=logs-section]').include('[data-testid=database-section]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const shown = await page.content();
    for (const secret of [emulator.apiKey, emulator.apiSecret, WRONG_SECRET]) expect(shown).not.toContain(secret);
  });

  const enterLong = async () => {
    if (!(await page.locator('[data-testid=panel-json]').isVisible())) await page.click('[data-testid=panel-json-toggle]');
    return JSON.parse(await page.inputValue('[data-testid=panel-json]')).thresholds.enterLong as number;
  };
  const setEnterLong = async (v: number) => {
    await enterLong(); // opens the editor
    const panel = JSON.parse(await page.inputValue('[data-testid=panel-json]'));
    panel.thresholds.enterLong = v;
    await page.fill('[data-testid=panel-json]', JSON.stringify(panel));
    await page.click('[data-testid=panel-save]');
    await expect.poll(message).toBe('Saved.');
  };

  it('restores a backup from the page: a non-database refused, the backup staged, the old settings back after a restart', { timeout: 120_000 }, async () => {
    await setEnterLong(0.31);
    await page.click('[data-testid=backup-button]');
    await expect.poll(message).toMatch(/^Backed up to /);
    const backup = /^Backed up to (.+) \(\d+ pages\)\.$/.exec((await message()) ?? '')?.[1];
    expect(backup).toBeDefined();
    await setEnterLong(0.47);

    const junk = join(dir, 'holiday-notes.db');
    writeFileSync(junk, 'not a database\n'.repeat(50));
    await page.setInputFiles('[data-testid=restore-file]', junk);
    await expect.poll(message, { timeout: 15_000 }).toMatch(/holiday-notes\.db is not a SQLite database/);
    expect(await page.locator('[data-testid=restore-pending]').count()).toBe(0);

    await page.setInputFiles('[data-testid=restore-file]', backup as string);
    const name = (backup as string).split('/').pop() as string;
    await expect.poll(message, { timeout: 15_000 }).toBe(`Restore from ${name} is ready: it takes effect when Quorum next starts.`);
    expect(await page.locator('[data-testid=restore-pending]').textContent()).toContain(name);
    // Still the current database until the restart.
    expect(await enterLong()).toBe(0.47);
    await page.locator('[data-testid=database-section]').screenshot({ path: join(SCREENSHOTS, 'settings-database.png') });

    await app?.close();
    app = undefined;
    await open();
    expect(await enterLong()).toBe(0.31);
    expect(await page.locator('[data-testid=restore-pending]').count()).toBe(0);
    // The restart said what it did, in the alerts centre's feed.
    await page.click('[data-testid=nav-alerts]');
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain(`Database restored from ${name}`);
    // The keys live in the keychain, not the database: the restore kept the profiles.
    await page.click('[data-testid=nav-settings]');
    await page.locator('[data-testid="profile-row-binance:e2e"]').waitFor();
  });
});
