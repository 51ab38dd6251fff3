// Trips after maxConsecutiveLosses closed trades in a row lost money; a winning or flat trade ends the streak.
import { fmtLimit, fmtMoney } from '../format';
import { isFiniteNumber, isRecord } from './measures';
import type { Use } from '../../../../shared/risk-contract';
import type { CircuitBreaker } from './types';

export interface ConsecutiveLossesSettings {
  maxConsecutiveLosses: number;
  cooldownMs: number;
  currency?: string;
}

export class ConsecutiveLossesBreaker implements CircuitBreaker {
  readonly name = 'consecutive-losses';
  readonly cooldownMs: number;
  private streak = 0;
  private streakPnl = 0;
  private revision = 0;

  constructor(private readonly settings: ConsecutiveLossesSettings) {
    this.cooldownMs = settings.cooldownMs;
  }

  onTradeClosed(pnl: number): string | undefined {
    if (!(pnl < 0)) {
      if (this.streak !== 0) this.reset();
      return undefined;
    }
    this.revision++;
    this.streak++;
    this.streakPnl += pnl;
    if (this.streak < this.settings.maxConsecutiveLosses) return undefined;
    return `${this.streak} consecutive losing trades (total ${fmtMoney(this.streakPnl, this.settings.currency ?? 'USDT')}) ≥ ${fmtLimit(this.settings.maxConsecutiveLosses)} limit`;
  }

  use(): Use {
    return { used: this.streak, max: this.settings.maxConsecutiveLosses, unit: 'trades' };
  }

  reset(): void {
    this.streak = 0;
    this.streakPnl = 0;
    this.revision++;
  }

  get measuresRevision(): number {
    return this.revision;
  }

  measures(): { streak: number; streakPnl: number } {
    return { streak: this.streak, streakPnl: this.streakPnl };
  }

  restore(measures: unknown): void {
    if (!isRecord(measures)) return;
    const { streak, streakPnl } = measures;
    // A streak is a count of losing trades: whole, not negative, and its total is a loss (or nothing when empty).
    if (typeof streak !== 'number' || !Number.isSafeInteger(streak) || streak < 0 || !isFiniteNumber(streakPnl)) return;
    if (streak === 0 ? streakPnl !== 0 : !(streakPnl < 0)) return;
    this.streak = streak;
    this.streakPnl = streakPnl;
  }
}
