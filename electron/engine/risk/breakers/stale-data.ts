// Trips when a watched symbol has had no new bar or ticker for maxBarsMissed × timeframe (checked on the clock).
import { fmtDuration, fmtLimit } from '../format';
import type { CircuitBreaker } from './types';

export interface StaleDataSettings {
  timeframeMs: number;
  maxBarsMissed: number;
  cooldownMs: number;
}

export class StaleDataBreaker implements CircuitBreaker {
  readonly name = 'stale-data';
  readonly cooldownMs: number;
  /** Last data time per symbol; a symbol is watched from its first update on. */
  private readonly lastSeen = new Map<string, number>();
  /** Bar length per symbol when a session said so; otherwise the configured timeframe. */
  private readonly barMs = new Map<string, number>();

  constructor(private readonly settings: StaleDataSettings) {
    this.cooldownMs = settings.cooldownMs;
  }

  watch(symbol: string, timeframeMs: number): void {
    this.barMs.set(symbol, timeframeMs);
  }

  /** No session trades `symbol` any more: its silence is no longer news. */
  unwatch(symbol: string): void {
    this.barMs.delete(symbol);
    this.lastSeen.delete(symbol);
  }

  onMarketData(symbol: string, time: number): undefined {
    const seen = this.lastSeen.get(symbol);
    if (seen === undefined || time > seen) this.lastSeen.set(symbol, time);
    return undefined;
  }

  onClock(time: number): string | undefined {
    let stalest: [string, number, number] | undefined;
    for (const [symbol, seen] of this.lastSeen) {
      const bar = this.barMs.get(symbol) ?? this.settings.timeframeMs;
      const silent = time - seen;
      if (silent >= bar * this.settings.maxBarsMissed && (!stalest || silent > stalest[1])) stalest = [symbol, silent, bar];
    }
    if (!stalest) return undefined;
    return `no market data for ${stalest[0]} for ${fmtDuration(stalest[1])} ≥ ${fmtLimit(this.settings.maxBarsMissed)} × ${fmtDuration(stalest[2])} limit`;
  }

  /** Every watched symbol gets a fresh grace period from the re-arm; a feed that stays dead trips again. */
  reset(time: number): void {
    for (const symbol of this.lastSeen.keys()) this.lastSeen.set(symbol, time);
  }
}
