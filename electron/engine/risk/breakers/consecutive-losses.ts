// Trips after maxConsecutiveLosses closed trades in a row lost money; a winning or flat trade ends the streak.
import { fmtLimit, fmtMoney } from '../format';
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

  constructor(private readonly settings: ConsecutiveLossesSettings) {
    this.cooldownMs = settings.cooldownMs;
  }

  onTradeClosed(pnl: number): string | undefined {
    if (!(pnl < 0)) {
      this.streak = 0;
      this.streakPnl = 0;
      return undefined;
    }
    this.streak++;
    this.streakPnl += pnl;
    if (this.streak < this.settings.maxConsecutiveLosses) return undefined;
    return `${this.streak} consecutive losing trades (total ${fmtMoney(this.streakPnl, this.settings.currency ?? 'USDT')}) ≥ ${fmtLimit(this.settings.maxConsecutiveLosses)} limit`;
  }

  reset(): void {
    this.streak = 0;
    this.streakPnl = 0;
  }
}
