// Browser test of the Settings page: panel thresholds saved through the engine, a bad value refused with its field.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, type AppInBrowser } from './browser';

describe.skipIf(!hasChromium || !hasBuiltRenderer)('Settings page in Chromium', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;
  beforeAll(async () => {
    app = await openApp(join(dir, 'settings.db'), { tab: 'settings' });
    page = app.page;
    await page.waitForSelector('[data-testid=panel-json]');
  });
  afterAll(async () => { await app?.close(); });

  const editPanel = async (edit: (panel: Record<string, Record<string, unknown>>) => void) => {
    const panel = JSON.parse(await page.inputValue('[data-testid=panel-json]'));
    edit(panel);
    await page.fill('[data-testid=panel-json]', JSON.stringify(panel));
    await page.click('[data-testid=panel-save]');
  };

  it('saves a panel threshold and the flatten-on-stop choice', async () => {
    await editPanel((p) => { p.thresholds.enterLong = 0.42; });
    await expect.poll(() => page.locator('[data-testid=settings-message]').textContent()).toBe('Saved.');
    await page.check('[data-testid=flatten-on-stop]');
    await page.reload();
    await page.click('[data-testid=nav-settings]');
    await expect.poll(async () => JSON.parse(await page.inputValue('[data-testid=panel-json]')).thresholds.enterLong).toBe(0.42);
    expect(await page.isChecked('[data-testid=flatten-on-stop]')).toBe(true);
  });

  it('refuses a typo in a key as a whole, naming the key', async () => {
    await editPanel((p) => { p.thresholds.entrLong = 0.5; });
    await expect.poll(() => page.locator('[data-testid=settings-message]').textContent()).toMatch(/panel\.thresholds\.entrLong/);
  });

  it('shows where logs live and backs the database up into the exports folder', async () => {
    expect(await page.locator('[data-testid=log-dir]').textContent()).toBe(join(dir, 'logs'));
    await page.click('[data-testid=backup-button]');
    await expect.poll(() => page.locator('[data-testid=settings-message]').textContent()).toContain(`Backed up to ${join(dir, 'exports', 'quorum-backup-')}`);
  });

  it('refuses a bad value and names the field', async () => {
    await editPanel((p) => { p.quant.rsiPeriod = 0; });
    await expect.poll(() => page.locator('[data-testid=settings-message]').textContent()).toMatch(/panel.*rsiPeriod|quant\.rsiPeriod/);
  });
});
