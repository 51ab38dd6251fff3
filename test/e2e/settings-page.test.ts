// Browser test of the Settings page: panel thresholds saved through the engine, a bad value refused with its field;
// the risk and panel forms built from the engine's schemas check each field as it is typed and save what is valid.
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
    await page.waitForSelector('[data-testid=risk-form]');
  });
  /** The JSON editors are folded under the forms: opened for the tests that use them (a reload folds them again). */
  const openJson = async () => {
    if (!(await page.locator('[data-testid=panel-json]').isVisible())) await page.click('[data-testid=panel-json-toggle]');
  };
  afterAll(async () => { await app?.close(); });

  const editPanel = async (edit: (panel: Record<string, Record<string, unknown>>) => void) => {
    await openJson();
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
    await openJson();
    await expect.poll(async () => JSON.parse(await page.inputValue('[data-testid=panel-json]')).thresholds.enterLong).toBe(0.42);
    // The form shows the saved value too.
    await page.click('[data-testid=panel-group-thresholds]');
    expect(await page.inputValue('[data-testid=panel-thresholds-enterLong]')).toBe('0.42');
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

  it('checks the risk form as the trader types: the error at its field, save held back, then saved and kept', async () => {
    const field = '[data-testid=risk-limits-maxOpenOrders]';
    await page.click('[data-testid=risk-group-limits]');
    await page.fill(field, '0');
    await expect.poll(() => page.locator('[data-testid=risk-limits-maxOpenOrders-error]').textContent()).toMatch(/>=\s*1|at least 1|too small/i);
    expect(await page.getAttribute(field, 'aria-invalid')).toBe('true');
    expect(await page.isDisabled('[data-testid=risk-form-save]')).toBe(true);
    await page.fill(field, '7');
    await page.click('[data-testid=risk-group-breakers]');
    await page.fill('[data-testid=risk-breakers-dailyLoss-maxDailyLossPct]', '3.5');
    expect(await page.locator('[data-testid=risk-limits-maxOpenOrders-error]').count()).toBe(0);
    await page.click('[data-testid=risk-form-save]');
    await expect.poll(() => page.locator('[data-testid=settings-message]').textContent()).toBe('Saved.');
    await page.reload();
    await page.click('[data-testid=nav-settings]');
    await page.click('[data-testid=risk-group-limits]');
    expect(await page.inputValue(field)).toBe('7');
    await page.click('[data-testid=risk-group-breakers]');
    expect(await page.inputValue('[data-testid=risk-breakers-dailyLoss-maxDailyLossPct]')).toBe('3.5');
  });

  it('refuses a bad value and names the field', async () => {
    await editPanel((p) => { p.quant.rsiPeriod = 0; });
    await expect.poll(() => page.locator('[data-testid=settings-message]').textContent()).toMatch(/panel.*rsiPeriod|quant\.rsiPeriod/);
  });
});
