// Trips when equity falls maxDrawdownPct below its running peak (the peak restarts on re-arm).
import { fmtLimit, fmtMoney, fmtPct } from '../format';
import type { CircuitBreaker } from './types';

export interface MaxDrawdownSettings {
  maxDrawdownPct: number;
  cooldownMs: number;
  currency?: string;
}

export class MaxDrawdownBreaker implements CircuitBreaker {
  readonly name = 'max-drawdown';
  readonly cooldownMs: number;
  private peak = Number.NaN;

  constructor(private readonly settings: MaxDrawdownSettings) {
    this.cooldownMs = settings.cooldownMs;
  }

  onEquity(_time: number, equity: number): string | undefined {
    if (!Number.isFinite(equity)) return undefined;
    if (!(this.peak >= equity)) this.peak = equity;
    const drop = this.peak - equity;
    // Compared as amounts, not a divided ratio, so "exactly at the threshold" is exact.
    if (this.peak <= 0 || drop < (this.peak * this.settings.maxDrawdownPct) / 100) return undefined;
    const cur = this.settings.currency ?? 'USDT';
    return `drawdown ${fmtPct((drop / this.peak) * 100)} from peak ${fmtMoney(this.peak, cur)} to ${fmtMoney(equity, cur)} ≥ ${fmtLimit(this.settings.maxDrawdownPct)}% limit`;
  }

  reset(): void {
    this.peak = Number.NaN;
  }
}
