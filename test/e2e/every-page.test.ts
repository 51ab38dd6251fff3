// Every page of the app in Chromium over the headless bridge with the real engine: it opens without a console error
// or warning, without a failed request (the favicon included), and axe-core finds no serious or critical
// accessibility violation on it — at the default size and at the smallest the app supports (1024×700).
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { hasBuiltRenderer, hasChromium, openApp, type AppInBrowser } from './browser';

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

const describeViolation = (v: Violation) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`;

async function tabs(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^=nav-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.slice('nav-'.length));
}

describe.skipIf(!hasChromium || !hasBuiltRenderer)('every page in Chromium: console, requests, accessibility', () => {
  const dir = tempDir();
  let app: AppInBrowser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await openApp(join(dir, 'pages.db'), { width: 1440, height: 900 });
    page = app.page;
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    // A request the reload below cuts short is not the app's failure; any other failure, and any HTTP error, is.
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    // A reload with the listeners on: the first load's requests (the favicon among them) are seen too.
    await page.reload();
    await page.locator('[data-testid^=nav-]').first().waitFor();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('has several pages, each of which opens clean and passes axe (no serious or critical violation)', { timeout: 120_000 }, async () => {
    const ids = await tabs(page);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    const violations: string[] = [];
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      for (const id of ids) {
        await page.click(`[data-testid=nav-${id}]`);
        await page.locator('main').waitFor();
        await page.waitForTimeout(300); // the page's first requests answer
        // No horizontal scroll bar at this size: the layout fits.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) violations.push(`${id} at ${size.width}×${size.height}: the layout overflows by ${overflow}px`);
        if (size.width !== 1440) continue;
        const result = await new AxeBuilder({ page }).analyze();
        for (const v of result.violations as Violation[]) {
          if (v.impact === 'serious' || v.impact === 'critical') violations.push(`${id}: ${describeViolation(v)}`);
        }
      }
    }
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });
});
