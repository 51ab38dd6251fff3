// Replayed candle feed: one series per symbol with a cursor ("now"), advanced by tests, served as Binance klines.
import { roundToStep } from './decimal';
import { errors } from './errors';
import type { EmuCandle, MarketSpec } from './types';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const BINANCE_INTERVALS = new Set([
  '1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w',
]);

/** Milliseconds of a Binance interval, or undefined for one Binance does not offer. */
export function intervalMs(interval: string): number | undefined {
  if (!BINANCE_INTERVALS.has(interval)) return undefined;
  return Number(interval.slice(0, -1)) * UNIT_MS[interval.slice(-1)];
}

/** mulberry32: a small seeded PRNG, the same sequence for the same seed on every machine (markets, faults, kills). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

/** A random walk of about 0.1% per candle whose candle at `anchorIndex` opens at `anchorTime`. */
export function syntheticSeries(id: string, spec: MarketSpec, length: number, stepMs: number, anchorIndex: number, anchorTime: number): EmuCandle[] {
  const random = mulberry32(hashOf(id));
  const candles: EmuCandle[] = [];
  let price = spec.seedPrice;
  for (let i = 0; i < length; i++) {
    const open = price;
    const close = Math.max(open * (1 + (random() - 0.5) * 0.004), Number(spec.tickSize));
    const high = Math.max(open, close) * (1 + random() * 0.001);
    const low = Math.min(open, close) * (1 - random() * 0.001);
    const round = (value: number): number => roundToStep(value, spec.tickSize);
    candles.push({
      time: anchorTime + (i - anchorIndex) * stepMs,
      open: round(open), high: round(high), low: round(low), close: round(close),
      volume: Math.round(random() * 1000 * 1e4) / 1e4,
    });
    price = round(close);
  }
  return candles;
}

/** Groups candles into buckets of `stepMs` (the last one may still be forming, as on the exchange). */
export function aggregate(candles: EmuCandle[], stepMs: number): EmuCandle[] {
  const out: EmuCandle[] = [];
  for (const candle of candles) {
    const bucket = Math.floor(candle.time / stepMs) * stepMs;
    const last = out[out.length - 1];
    if (last && last.time === bucket) {
      last.high = Math.max(last.high, candle.high);
      last.low = Math.min(last.low, candle.low);
      last.close = candle.close;
      last.volume += candle.volume;
    } else {
      out.push({ ...candle, time: bucket });
    }
  }
  return out;
}

export interface KlineQuery {
  interval: string;
  startTime?: number;
  endTime?: number;
  limit: number;
}

/** Binance's window rules: from startTime forward, else back from endTime, else the most recent `limit`. */
export function selectWindow(candles: EmuCandle[], query: KlineQuery): EmuCandle[] {
  let list = candles;
  if (query.endTime !== undefined) list = list.filter((candle) => candle.time <= query.endTime!);
  if (query.startTime !== undefined) {
    return list.filter((candle) => candle.time >= query.startTime!).slice(0, query.limit);
  }
  return list.slice(Math.max(0, list.length - query.limit));
}

/** Holds each symbol's series and cursor; only candles up to the cursor are visible to clients. */
export class CandleFeed {
  private readonly series = new Map<string, EmuCandle[]>();
  private readonly cursors = new Map<string, number>();

  constructor(readonly baseInterval: string) {
    if (intervalMs(baseInterval) === undefined) throw new Error(`emulator: unsupported base interval ${baseInterval}`);
  }

  get baseMs(): number {
    return intervalMs(this.baseInterval)!;
  }

  setSeries(symbol: string, candles: EmuCandle[], startIndex?: number): void {
    if (candles.length === 0) throw new Error(`emulator: empty series for ${symbol}`);
    this.series.set(symbol, candles.map((candle) => ({ ...candle })));
    const index = startIndex ?? Math.floor((candles.length - 1) / 2);
    this.cursors.set(symbol, Math.min(Math.max(index, 0), candles.length - 1));
  }

  has(symbol: string): boolean {
    return this.series.has(symbol);
  }

  symbols(): string[] {
    return [...this.series.keys()];
  }

  current(symbol: string): EmuCandle {
    const candles = this.series.get(symbol);
    if (!candles) throw errors.badSymbol();
    return candles[this.cursors.get(symbol)!];
  }

  cursor(symbol: string): number {
    return this.cursors.get(symbol) ?? -1;
  }

  visible(symbol: string): EmuCandle[] {
    const candles = this.series.get(symbol);
    if (!candles) throw errors.badSymbol();
    return candles.slice(0, this.cursors.get(symbol)! + 1);
  }

  /** Moves one symbol's cursor up to `steps` candles on; returns the candles that became visible. */
  advance(symbol: string, steps: number): EmuCandle[] {
    const candles = this.series.get(symbol);
    if (!candles) throw new Error(`emulator: no series for ${symbol}`);
    const from = this.cursors.get(symbol)!;
    const to = Math.min(from + steps, candles.length - 1);
    this.cursors.set(symbol, to);
    return candles.slice(from + 1, to + 1);
  }

  klines(symbol: string, query: KlineQuery): EmuCandle[] {
    const stepMs = intervalMs(query.interval);
    if (stepMs === undefined || stepMs < this.baseMs || stepMs % this.baseMs !== 0) throw errors.badInterval();
    const visible = this.visible(symbol);
    return selectWindow(stepMs === this.baseMs ? visible : aggregate(visible, stepMs), query);
  }
}
