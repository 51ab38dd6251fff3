// Trips when equity falls maxDrawdownPct below its running peak (the peak restarts on re-arm, and survives a restart).
import { fmtLimit, fmtMoney, fmtPct } from '../format';
import { isFiniteNumber, isRecord } from './measures';
import type { Use } from '../../../../shared/risk-contract';
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
  /** The latest reading: only for use(), so not part of measures (it changes on every bar). */
  private last = Number.NaN;
  private revision = 0;

  constructor(private readonly settings: MaxDrawdownSettings) {
    this.cooldownMs = settings.cooldownMs;
  }

  onEquity(_time: number, equity: number): string | undefined {
    if (!Number.isFinite(equity)) return undefined;
    this.last = equity;
    if (!(this.peak >= equity)) {
      this.peak = equity;
      this.revision++;
    }
    const drop = this.peak - equity;
    // Compared as amounts, not a divided ratio, so "exactly at the threshold" is exact.
    if (this.peak <= 0 || drop < (this.peak * this.settings.maxDrawdownPct) / 100) return undefined;
    const cur = this.settings.currency ?? 'USDT';
    return `drawdown ${fmtPct((drop / this.peak) * 100)} from peak ${fmtMoney(this.peak, cur)} to ${fmtMoney(equity, cur)} ≥ ${fmtLimit(this.settings.maxDrawdownPct)}% limit`;
  }

  reset(): void {
    this.peak = Number.NaN;
    this.last = Number.NaN;
    this.revision++;
  }

  use(): Use | undefined {
    if (!(this.peak > 0) || Number.isNaN(this.last)) return undefined;
    return { used: Math.max(0, ((this.peak - this.last) / this.peak) * 100), max: this.settings.maxDrawdownPct, unit: 'pct' };
  }

  get measuresRevision(): number {
    return this.revision;
  }

  /** The running peak; {} before the first reading (NaN is not JSON). */
  measures(): { peak?: number } {
    return Number.isNaN(this.peak) ? {} : { peak: this.peak };
  }

  restore(measures: unknown): void {
    // Without a usable peak the breaker measures from the next reading, as on a first start.
    if (isRecord(measures) && isFiniteNumber(measures.peak)) this.peak = measures.peak;
  }
}
