// `quorum data download`: fills the missing bars of a series from an exchange, page by page, resumably.
import ccxt from 'ccxt';
import type { Timeframe } from '../../../../shared/domain';
import { TIMEFRAME_MS } from '../../../../shared/domain';
import { ExchangeError, QuorumError } from '../../errors';
import type { CandleSeries } from '../../model/candle-series';
import { TIMEOUTS, withTimeout } from '../../exchange/timeouts';
import { barsIn, missingRanges, type TimeRange } from './missing-ranges';
import { parseOhlcvPage } from './ohlcv-page';

/** The slice of a ccxt exchange the downloader needs. */
export interface OhlcvClient {
  fetchOHLCV(symbol: string, timeframe: string, since?: number, limit?: number): Promise<unknown[]>;
  /** ms between requests the exchange asks for (ccxt's `rateLimit`). */
  rateLimit?: number;
  /** Whether ccxt already throttles this client itself. */
  enableRateLimit?: boolean;
}

export interface SeriesKey {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
}

/** Where downloaded candles go; the CandleStore satisfies it. */
export interface CandleSink {
  load(key: SeriesKey, range?: { from?: number; to?: number }): CandleSeries;
  write(key: SeriesKey, batch: CandleSeries): unknown;
}

export interface DownloadOptions {
  from: number;
  /** Inclusive open time of the last wanted bar. */
  to: number;
  pageLimit?: number;
  timeoutMs?: number;
  maxRetries?: number;
  /** Pause between requests when ccxt's own throttle is off (defaults to the exchange's rateLimit). */
  minIntervalMs?: number;
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

export interface DownloadProgress {
  wantedBars: number;
  storedBars: number;
  requests: number;
}

export interface DownloadResult extends DownloadProgress {
  missingBefore: TimeRange[];
  /** Ranges the exchange had no candles for. */
  unavailable: TimeRange[];
  retries: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function downloadCandles(client: OhlcvClient, sink: CandleSink, key: SeriesKey, opts: DownloadOptions): Promise<DownloadResult> {
  const stored = sink.load(key, { from: opts.from, to: opts.to + 1 }).time;
  const missing = missingRanges(stored, opts.from, opts.to, key.timeframe);
  const state: DownloadResult = {
    missingBefore: missing, unavailable: [], retries: 0, requests: 0, storedBars: 0,
    wantedBars: missing.reduce((n, r) => n + barsIn(r, key.timeframe), 0),
  };
  const pacer = new Pacer(client.enableRateLimit ? 0 : (opts.minIntervalMs ?? client.rateLimit ?? 0), opts.sleep ?? defaultSleep);
  for (const range of missing) await fillRange(client, sink, key, range, opts, state, pacer);
  return state;
}

async function fillRange(client: OhlcvClient, sink: CandleSink, key: SeriesKey, range: TimeRange, opts: DownloadOptions, state: DownloadResult, pacer: Pacer): Promise<void> {
  const step = TIMEFRAME_MS[key.timeframe];
  const limit = opts.pageLimit ?? 1000;
  let since = range.from;
  while (since <= range.to) {
    if (opts.signal?.aborted) throw new QuorumError('Download cancelled', 'CANCELLED');
    const rows = await fetchPage(client, key, since, limit, opts, state, pacer);
    const page = parseOhlcvPage(rows, key.timeframe, since, range.to);
    if (page.length === 0) {
      state.unavailable.push({ from: since, to: range.to });
      return;
    }
    // Each page is stored on its own, so an interrupted download resumes where it stopped.
    sink.write(key, page);
    state.storedBars += page.length;
    opts.onProgress?.({ wantedBars: state.wantedBars, storedBars: state.storedBars, requests: state.requests });
    if (page.time[0] > since) state.unavailable.push({ from: since, to: page.time[0] - step });
    since = page.time[page.length - 1] + step;
  }
}

async function fetchPage(client: OhlcvClient, key: SeriesKey, since: number, limit: number, opts: DownloadOptions, state: DownloadResult, pacer: Pacer): Promise<unknown[]> {
  const maxRetries = opts.maxRetries ?? 5;
  for (let attempt = 0; ; attempt++) {
    await pacer.wait();
    state.requests++;
    try {
      return await withTimeout('fetchOHLCV', opts.timeoutMs ?? TIMEOUTS.ohlcv, () => client.fetchOHLCV(key.symbol, key.timeframe, since, limit));
    } catch (err) {
      // Only transient failures are retried: a timeout, a rate limit, the exchange being down, a dropped connection.
      const transient = err instanceof ccxt.NetworkError || (err instanceof QuorumError && err.code === 'EXCHANGE_TIMEOUT');
      if (!transient || attempt >= maxRetries) {
        if (err instanceof QuorumError) throw err;
        throw new ExchangeError(`fetchOHLCV ${key.symbol} ${key.timeframe} failed: ${(err as Error).message}`, 'FETCH_OHLCV_FAILED', { since }, { cause: err });
      }
      state.retries++;
      const rateLimited = err instanceof ccxt.RateLimitExceeded || err instanceof ccxt.DDoSProtection;
      await (opts.sleep ?? defaultSleep)(Math.min(30_000, (rateLimited ? 1000 : 250) * 2 ** attempt));
    }
  }
}

/** Spaces requests at least `intervalMs` apart. */
class Pacer {
  private last = -Infinity;
  constructor(
    private readonly intervalMs: number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async wait(): Promise<void> {
    // A sub-millisecond clock, and whole milliseconds rounded up: never a request early by a rounding error.
    const due = this.last + this.intervalMs - performance.now();
    if (due > 0) await this.sleep(Math.ceil(due));
    this.last = performance.now();
  }
}
