// Browser test: the emergency stop halts the real engine, stays latched across an engine restart, re-arms only with REARM
// (on the Risk page, opened from the Status page's summary).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, launchChromium, ROOT, startHeadlessProcess } from './browser';

describe.skipIf(!hasChromium || !hasBuiltRenderer)('emergency stop in Chromium', () => {
  const dir = tempDir();
  const dbPath = join(dir, 'estop.db');
  let browser: Browser;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });

  it('halts, survives a restart latched, and re-arms with the typed word', async () => {
    const first = await startHeadlessProcess(dbPath);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(first.url);
    await page.click('[data-testid=nav-status]');
    await expect.poll(() => page.locator('[data-testid=trading-state]').textContent(), { timeout: 10_000 }).toBe('ACTIVE');
    await page.click('[data-testid=emergency-stop]');
    await expect.poll(() => page.locator('[data-testid=trading-state]').textContent()).toBe('HALTED (halt)');
    await expect.poll(() => page.locator('.alert.critical').first().textContent()).toMatch(/Kill switch tripped: halt/);
    await first.stop();

    const second = await startHeadlessProcess(dbPath);
    await page.goto(second.url);
    await page.click('[data-testid=nav-status]');
    await expect.poll(() => page.locator('[data-testid=trading-state]').textContent(), { timeout: 10_000 }).toBe('HALTED (halt)');
    // The Status page sums it up and opens the Risk page, where the switch is re-armed.
    await expect.poll(() => page.locator('[data-testid=risk-summary]').textContent()).toMatch(/Kill switch latched: halt/);
    await page.click('[data-testid=open-risk-page]');
    await page.fill('[data-testid=rearm-confirm]', 'please');
    await page.click('[data-testid=rearm-button]');
    await expect.poll(() => page.locator('[data-testid=risk-error]').textContent()).toMatch(/REARM/);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'emergency-stop.png'), fullPage: true });
    await page.fill('[data-testid=rearm-confirm]', 'REARM');
    await page.click('[data-testid=rearm-button]');
    await expect.poll(() => page.locator('[data-testid=trading-state]').textContent()).toBe('ACTIVE');
    await second.stop();
  });
});
