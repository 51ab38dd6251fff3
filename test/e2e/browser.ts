// Launches Debian's Chromium through playwright-core (never a downloaded browser) and the real headless server.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CandleStore } from '../../electron/engine/data/candle-store';
import { importCandleFile } from '../../electron/engine/data/import-files';
import { openStore } from '../../electron/engine/store/database';
import { sharedPath } from '../shared-data';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/**
 * Where the README's pictures are taken to: test-results/screenshots, so a test run leaves the checkout as it was;
 * `QUORUM_SCREENSHOTS=docs npm test` refreshes docs/screenshots instead.
 */
export const SCREENSHOTS = process.env.QUORUM_SCREENSHOTS === 'docs' ? join(ROOT, 'docs', 'screenshots') : join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const hasBuiltRenderer = existsSync(resolve(ROOT, 'out', 'renderer', 'index.html'));

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface HeadlessProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Runs the same entry `npm run headless` runs, on a given database, and waits for the URL line. */
export function startHeadlessProcess(dbPath: string, extraArgs: string[] = []): Promise<HeadlessProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/headless/main.ts', '--db', dbPath, '--port', '0', ...extraArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const output = () => out;
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`headless did not print its URL in time:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /QUORUM_HEADLESS_URL (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl({ url: match[1], child, output, stop: () => stopChild(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`headless exited with ${code}:\n${out}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

export interface AppInBrowser {
  headless: HeadlessProcess;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The usual start of a page test: headless engine on `dbPath`, Chromium, the app open on one page tab. */
export async function openApp(dbPath: string, options: { args?: string[]; tab?: string; width?: number; height?: number } = {}): Promise<AppInBrowser> {
  const [headless, browser] = await Promise.all([startHeadlessProcess(dbPath, options.args), launchChromium()]);
  // A page in its own context (axe-core's Playwright builder needs one), as newPage would make implicitly.
  const page = await (await browser.newContext({ viewport: { width: options.width ?? 1300, height: options.height ?? 900 } })).newPage();
  // The page runs under the app's CSP (header and meta tag): anything it blocks is a bug in the page or the policy.
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(headless.url);
  if (options.tab) await page.click(`[data-testid=nav-${options.tab}]`);
  return {
    headless, browser, page,
    close: async () => {
      await browser.close();
      await headless.stop();
      if (cspViolations.length > 0) throw new Error(`The page broke its CSP:\n${cspViolations.join('\n')}`);
    },
  };
}

/** The lab pages' start: ../shared's BTC/USDT 1h candles imported as binance:BTC/USDT:1h into `dbPath`, the app open on it. */
export async function openAppOnBtc1h(dbPath: string, options: Parameters<typeof openApp>[1] = {}): Promise<AppInBrowser> {
  const { db } = openStore(dbPath);
  await importCandleFile(new CandleStore(db), sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz'), { exchange: 'binance' });
  db.close();
  return openApp(dbPath, options);
}
