// Trips when equity is maxDailyLossPct below the UTC day's starting equity; stays tripped at least until the next UTC day.
import { fmtLimit, fmtMoney, fmtPct } from '../format';
import { isFiniteNumber, isRecord } from './measures';
import type { Use } from '../../../../shared/risk-contract';
import type { CircuitBreaker } from './types';

export interface DailyLossSettings {
  maxDailyLossPct: number;
  /** Extra time after the trip; the breaker never re-arms by itself before the next UTC midnight anyway. */
  cooldownMs: number;
  currency?: string;
}

const DAY_MS = 86_400_000;

export function utcDay(time: number): number {
  return Math.floor(time / DAY_MS);
}

export class DailyLossBreaker implements CircuitBreaker {
  readonly name = 'daily-loss';
  readonly cooldownMs: number;
  private day = Number.NaN;
  private dayStart = Number.NaN;
  private last = Number.NaN;
  private revision = 0;

  constructor(private readonly settings: DailyLossSettings) {
    this.cooldownMs = settings.cooldownMs;
  }

  onEquity(time: number, equity: number): string | undefined {
    if (!Number.isFinite(equity)) return undefined;
    const day = utcDay(time);
    if (day !== this.day) {
      // The day starts from where the previous one closed; the first reading (ever, or since a re-arm or restart)
      // stands in when there is none.
      this.day = day;
      this.dayStart = Number.isNaN(this.last) ? equity : this.last;
      this.revision++;
    }
    this.last = equity;
    const loss = this.dayStart - equity;
    if (this.dayStart <= 0 || loss < (this.dayStart * this.settings.maxDailyLossPct) / 100) return undefined;
    const cur = this.settings.currency ?? 'USDT';
    return `daily loss ${fmtMoney(loss, cur)} = ${fmtPct((loss / this.dayStart) * 100)} of the day's starting equity ${fmtMoney(this.dayStart, cur)} ≥ ${fmtLimit(this.settings.maxDailyLossPct)}% limit`;
  }

  use(): Use | undefined {
    if (!(this.dayStart > 0) || Number.isNaN(this.last) || Number.isNaN(this.day)) return undefined;
    return { used: Math.max(0, ((this.dayStart - this.last) / this.dayStart) * 100), max: this.settings.maxDailyLossPct, unit: 'pct' };
  }

  rearmAt(trippedAt: number): number {
    return Math.max(trippedAt + this.cooldownMs, (utcDay(trippedAt) + 1) * DAY_MS);
  }

  /** A re-arm (the trader's, or the new day's) measures the loss from the next reading on. */
  reset(): void {
    this.day = Number.NaN;
    this.last = Number.NaN;
    this.revision++;
  }

  get measuresRevision(): number {
    return this.revision;
  }

  /**
   * The day and its starting equity; they change once a day. The last reading is left out on purpose: it changes on
   * every bar, and persisting it would cost a write per bar for one case (a restart across midnight), which starts
   * the new day from its first reading instead of the previous close.
   */
  measures(): { day?: number; dayStart?: number } {
    return Number.isNaN(this.day) ? {} : { day: this.day, dayStart: this.dayStart };
  }

  /** The day's starting equity counts only on the same UTC day; a later day starts from its first reading. */
  restore(measures: unknown, now: number): void {
    const today = utcDay(now);
    if (!isRecord(measures) || measures.day !== today || !isFiniteNumber(measures.dayStart)) return;
    this.day = today;
    this.dayStart = measures.dayStart;
  }
}
