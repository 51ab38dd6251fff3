// The exchange emulator serving BTC/USDT 1m bars that all closed minutes ago, published one at a time when the test
// says so, and the app (headless engine pointed at it, the desk polled every 200 ms) open in Chromium at 1440×900 with
// a contract client beside it. Desk tests that need each bar exactly when they ask for it use this.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { SessionView } from '../../shared/desk-contract';
import { BinanceEmulator, type EmuCandle } from '../emulator';
import type { QuorumClient } from '../../renderer/src/api/client';
import { openApp, type AppInBrowser } from './browser';
import { contractClient } from './contract-client';

export interface ReplayDesk {
  emulator: BinanceEmulator;
  app: AppInBrowser;
  page: Page;
  contract: { client: QuorumClient; close(): void };
  /** Console errors and page errors seen so far: a test ends by expecting none. */
  problems: string[];
  /** The first running session, as the desk reports it. */
  session(): Promise<SessionView | undefined>;
  /** Publishes one more bar and waits until the session has traded it; its open time. */
  nextBar(): Promise<number>;
}

/**
 * For a describe block: `candles(now)` served from bar `history - 1` on (the rest published by nextBar), the app open
 * on `tab` before the block's tests (`onOpen` hands the parts to its variables), everything closed after.
 */
export function replayDeskHooks(dir: string, name: string, candles: (now: number) => EmuCandle[], history: number, tab: string, onOpen: (desk: ReplayDesk) => void): void {
  let desk: ReplayDesk | undefined;
  beforeAll(async () => {
    const emulator = await BinanceEmulator.start({ interval: '1m', series: { 'BTC/USDT': candles(Date.now()) }, startIndex: history - 1 });
    const app = await openApp(join(dir, name), { args: ['--exchange-url', emulator.url, '--desk-poll-ms', '200'], tab, width: 1440, height: 900 });
    const problems: string[] = [];
    app.page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    app.page.on('pageerror', (err) => problems.push(err.message));
    const contract = await contractClient(app.headless.url);
    const session = async () => (await contract.client.request('desk.status', {})).sessions[0];
    const nextBar = async () => {
      emulator.advance(1, 'BTC/USDT');
      const time = emulator.currentCandle('BTC/USDT').time;
      await expect.poll(async () => (await session())?.lastBarTime, { timeout: 10_000 }).toBe(time);
      return time;
    };
    desk = { emulator, app, page: app.page, contract, problems, session, nextBar };
    onOpen(desk);
  }, 60_000);
  afterAll(async () => {
    desk?.contract.close();
    await desk?.app.close();
    await desk?.emulator.close();
  });
}
