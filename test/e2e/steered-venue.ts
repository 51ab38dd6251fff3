// The exchange emulator on wall-clock time, as a real venue runs: a history that ends a few bars before now, then a
// "future" the test steers, published bar by bar as each one closes. Desk and first-run tests start paper sessions
// on it and see their first decisions within seconds.
import type { Page } from 'playwright-core';
import { BinanceEmulator, type EmuCandle } from '../emulator';
import { afterAll, beforeAll } from 'vitest';
import { openApp, type AppInBrowser } from './browser';

export interface SteeredPath {
  barMs: number;
  /** Bars of history: a slow fall with a small wave, ending `(endsBarsAgo - 1)` closed bars before now. */
  history: number;
  /** Growth factor of each future bar's close over its open (1.004 = +0.4 % a bar). */
  climb: number;
  /** Future bars after the history. */
  future: number;
  endsBarsAgo?: number;
}

/** A slow fall for `history` bars, then a steady climb: sma-cross and the panel buy soon after the turn. */
export function steeredPath(now: number, p: SteeredPath): EmuCandle[] {
  const cursorTime = Math.floor(now / p.barMs) * p.barMs - (p.endsBarsAgo ?? 3) * p.barMs;
  const r = (x: number) => Math.round(x * 100) / 100;
  const candles: EmuCandle[] = [];
  let close = 62_000;
  for (let i = 0; i < p.history + p.future; i++) {
    const open = close;
    close = i < p.history ? open - 4 + 3 * Math.sin(i / 3) : open * p.climb;
    candles.push({ time: cursorTime + (i - (p.history - 1)) * p.barMs, open: r(open), high: r(Math.max(open, close) + 3), low: r(Math.min(open, close) - 3), close: r(close), volume: 5 + (i % 7) });
  }
  return candles;
}

/** Publishes every bar of `symbol` that has closed by the wall clock, at once and then every second; returns the stop. */
export function publishClosedBars(emulator: BinanceEmulator, symbol: string, barMs: number): () => void {
  const publish = () => {
    const lastClosed = Math.floor(Date.now() / barMs) * barMs - barMs;
    while (emulator.currentCandle(symbol).time < lastClosed) emulator.advance(1, symbol);
  };
  publish();
  const timer = setInterval(publish, 1_000);
  return () => clearInterval(timer);
}

export interface AppOnVenue {
  emulator: BinanceEmulator;
  app: AppInBrowser;
  page: Page;
  /** Console errors and page errors seen so far: a test ends by expecting none. */
  problems: string[];
  /** Starts publishing BTC/USDT's bars as they close (see publishClosedBars). */
  startTicker(): void;
  close(): Promise<void>;
}

/** The emulator serving BTC/USDT on `path`, and the app (headless engine pointed at it) open in Chromium at 1440×900. */
export async function openAppOnVenue(dbPath: string, path: SteeredPath, interval: '1m' | '1h'): Promise<AppOnVenue> {
  const emulator = await BinanceEmulator.start({ interval, series: { 'BTC/USDT': steeredPath(Date.now(), path) }, startIndex: path.history - 1 });
  const app = await openApp(dbPath, { args: ['--exchange-url', emulator.url], width: 1440, height: 900 });
  const problems: string[] = [];
  app.page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  app.page.on('pageerror', (err) => problems.push(err.message));
  let stopTicker: (() => void) | undefined;
  return {
    emulator, app, page: app.page, problems,
    startTicker: () => (stopTicker = publishClosedBars(emulator, 'BTC/USDT', path.barMs)),
    close: async () => {
      stopTicker?.();
      await app.close();
      await emulator.close();
    },
  };
}

/**
 * For a describe block: the venue and the app up before its tests (`onOpen` hands them to the block's variables),
 * closed after; returns the ticker's start.
 */
export function appOnVenueHooks(dbPath: string, path: SteeredPath, interval: '1m' | '1h', onOpen: (venue: AppOnVenue) => void): () => void {
  let venue: AppOnVenue | undefined;
  beforeAll(async () => {
    venue = await openAppOnVenue(dbPath, path, interval);
    onOpen(venue);
  }, 60_000);
  afterAll(async () => {
    await venue?.close();
  });
  return () => venue?.startTicker();
}
