// Shared by the engine-level benchmarks (bench/killswitch.ts, bench/loop.ts): the engine as the app assembles it on
// the Binance emulator, and clocks for what the engine does on the wire, all on one sub-millisecond clock
// (performance.now(); the emulator runs in the same process, so its arrivals are on that clock too).
// Nothing in the engine is edited: ccxt's Exchange prototype and the emulator's HTTP server are wrapped from here.
import type { IncomingMessage } from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import ccxt from 'ccxt';
import { Engine } from '../electron/engine/engine';
import { createLogger } from '../electron/engine/log/logger';
import { TEST_API_KEY, TEST_API_SECRET, type BinanceEmulator } from '../test/emulator';
import { memoryCredentials } from '../test/support/memory-credentials';

export const LIVE_ACCOUNT = 'live:binance';

/** One HTTP call ccxt made: when `fetch` was entered and when it returned the parsed answer (after ccxt's throttle). */
export interface WireCall {
  method: string;
  path: string;
  start: number;
  end: number;
}

/** A wait in ccxt's client-side rate limiter (leaky bucket) before a request could go out. */
export interface ThrottleWait {
  start: number;
  end: number;
}

/** A request as the emulator's HTTP server received it (headers parsed). */
export interface Arrival {
  method: string;
  path: string;
  time: number;
}

export const clock = (): number => performance.now();

const calls: WireCall[] = [];
const waits: ThrottleWait[] = [];
let wired = false;

/**
 * Every ccxt instance in the process (the engine creates its own per account) logs its HTTP calls and throttle waits.
 * Installed once; the existing per-instance wrappers of bench/killswitch.ts still see the patched prototype.
 */
export function wireLog(): { calls: WireCall[]; waits: ThrottleWait[]; clear(): void } {
  if (!wired) {
    wired = true;
    const proto = (ccxt as unknown as { Exchange: { prototype: Record<string, (...args: unknown[]) => Promise<unknown>> } }).Exchange.prototype;
    const fetch = proto.fetch;
    proto.fetch = async function (this: unknown, url: unknown, method: unknown = 'GET', ...rest: unknown[]) {
      const start = clock();
      try {
        return await fetch.call(this, url, method, ...rest);
      } finally {
        calls.push({ method: String(method), path: new URL(String(url)).pathname, start, end: clock() });
      }
    };
    const throttle = proto.throttle;
    proto.throttle = async function (this: unknown, ...args: unknown[]) {
      const start = clock();
      try {
        return await throttle.apply(this, args);
      } finally {
        waits.push({ start, end: clock() });
      }
    };
  }
  return { calls, waits, clear: () => { calls.length = 0; waits.length = 0; } };
}

/** Arrival times at the emulator on the bench's clock (its own requestLog has Date.now, 1 ms resolution). */
export function emulatorArrivals(emulator: BinanceEmulator): { list: Arrival[]; clear(): void } {
  const list: Arrival[] = [];
  const server = (emulator as unknown as { server: { prependListener(e: 'request', l: (req: IncomingMessage) => void): void } }).server;
  server.prependListener('request', (req) => {
    list.push({ method: (req.method ?? 'GET').toUpperCase(), path: (req.url ?? '/').split('?')[0], time: clock() });
  });
  return { list, clear: () => void (list.length = 0) };
}

export interface EngineRigOptions {
  emulator: BinanceEmulator;
  /** The engine's clock (default Date.now, as in the app). */
  now?: () => number;
}

/** Starts engines the way the app does (headless host, keys from a keychain, timers off so the bench drives them). */
export async function engineRig(options: EngineRigOptions) {
  const credentials = memoryCredentials();
  await credentials.save('binance', { apiKey: TEST_API_KEY, secret: TEST_API_SECRET });
  // Logging as in the app (pino, JSON lines, info), written nowhere.
  const logger = createLogger({ sink: { write: () => true }, level: 'info' });
  return {
    credentials,
    /** Engine.start only: `ready` is not awaited (the after-restart case times it). */
    begin(dbPath: string): Engine {
      return Engine.start({ dbPath, host: 'test', logger, exchangeUrl: options.emulator.url, credentials, deskPollMs: 0, killSwitchPollMs: 0,
        now: options.now ?? Date.now });
    },
    async open(dbPath: string): Promise<Engine> {
      const engine = this.begin(dbPath);
      await engine.ready;
      return engine;
    },
  };
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function stats(values: readonly number[]): Stats {
  return { n: values.length, p50: percentile(values, 0.5), p95: percentile(values, 0.95), p99: percentile(values, 0.99), max: values.length ? Math.max(...values) : NaN };
}

export const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1).padStart(7)} ms` : '      – ms');

export function statsLine(label: string, values: readonly number[], width = 46): string {
  const s = stats(values);
  return `${label.padEnd(width)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  n=${s.n}`;
}

/** Resolves when `check` returns a value; throws after `timeoutMs` (loops are bounded). */
export async function until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Length of the union of [start, end] intervals clipped to [from, to] (overlapping waits counted once). */
export function covered(intervals: readonly { start: number; end: number }[], from: number, to: number): number {
  const clipped = intervals.map((i) => [Math.max(i.start, from), Math.min(i.end, to)] as const).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = from;
  for (const [a, b] of clipped) {
    if (b <= reach) continue;
    total += b - Math.max(a, reach);
    reach = b;
  }
  return total;
}

/** Garbage-collection pauses on the bench's clock (the engine and the emulator share this process and its heap). */
export function gcLog(): { pauses: { start: number; end: number }[]; clear(): void } {
  const pauses: { start: number; end: number }[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ entryTypes: ['gc'] });
  return { pauses, clear: () => void (pauses.length = 0) };
}
