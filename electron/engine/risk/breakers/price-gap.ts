// Trips when a price opens more than maxGapPct away from the previous close (given, or the last price seen).
import { fmtLimit, fmtPct } from '../format';
import type { CircuitBreaker } from './types';

export interface PriceGapSettings {
  maxGapPct: number;
  cooldownMs: number;
}

const price = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 10 });

export class PriceGapBreaker implements CircuitBreaker {
  readonly name = 'price-gap';
  readonly cooldownMs: number;
  private readonly lastPrice = new Map<string, number>();

  constructor(private readonly settings: PriceGapSettings) {
    this.cooldownMs = settings.cooldownMs;
  }

  onMarketData(symbol: string, _time: number, open: number, prevClose?: number): string | undefined {
    const previous = prevClose ?? this.lastPrice.get(symbol);
    this.lastPrice.set(symbol, open);
    if (previous === undefined || !(previous > 0) || !Number.isFinite(open)) return undefined;
    const gap = Math.abs(open - previous);
    if (gap < (previous * this.settings.maxGapPct) / 100) return undefined;
    return `price gap ${symbol} ${fmtPct((gap / previous) * 100)} (open ${price.format(open)} vs previous close ${price.format(previous)}) ≥ ${fmtLimit(this.settings.maxGapPct)}% limit`;
  }

  reset(): void {
    // A gap is a single event; there is nothing to forget.
  }
}
