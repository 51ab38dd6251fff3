// Browser test: Chromium opens the headless URL and shows the status the real engine reports over the bridge.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, launchChromium, ROOT, startHeadlessProcess, type HeadlessProcess } from './browser';

if (!hasChromium) console.warn('Chromium not found at /usr/bin/chromium (apt-get install chromium): skipping browser tests');
if (!hasBuiltRenderer) console.warn('out/renderer not built (npm run build): skipping browser tests');

describe.skipIf(!hasChromium || !hasBuiltRenderer)('headless mode in Chromium', () => {
  const dir = tempDir();
  const dbPath = join(dir, 'e2e.db');
  let headless: HeadlessProcess;
  let browser: Browser;

  beforeAll(async () => {
    [headless, browser] = await Promise.all([startHeadlessProcess(dbPath), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await headless?.stop();
  });

  it('shows mode, database path, version and uptime from the engine', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    await page.goto(headless.url);
    // The Desk is the first page; the engine's status has its own.
    await page.click('[data-testid=nav-status]');
    await expect.poll(() => page.locator('[data-testid=status-mode]').textContent(), { timeout: 15_000 }).toBe('paper');
    expect(await page.locator('[data-testid=status-db-path]').textContent()).toBe(dbPath);
    expect(await page.locator('[data-testid=status-live-armed]').textContent()).toBe('disarmed');
    expect(await page.locator('[data-testid=status-version]').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    expect(await page.locator('[data-testid=status-host]').textContent()).toBe('headless via websocket');
    // Uptime ticks with the engine's heartbeat events.
    const first = await page.locator('[data-testid=status-uptime]').textContent();
    await expect.poll(() => page.locator('[data-testid=status-uptime]').textContent(), { timeout: 5_000 }).not.toBe(first);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'headless-status.png') });
    await page.close();
  });

  it('explains how to connect when the page is opened without its token', async () => {
    const page = await browser.newPage();
    await page.goto(headless.url.split('?')[0]);
    await expect.poll(() => page.locator('[data-testid=engine-error]').textContent(), { timeout: 10_000 }).toMatch(/npm run headless/);
    await page.close();
  });

  it('refuses a bridge connection with a wrong token', async () => {
    const page = await browser.newPage();
    await page.goto(headless.url.replace(/token=[^&]+/, 'token=wrong'));
    await expect.poll(() => page.locator('[data-testid=engine-error]').textContent(), { timeout: 10_000 }).toMatch(/Cannot connect/);
    await page.close();
  });
});
