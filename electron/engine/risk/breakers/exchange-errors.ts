// Trips when failed exchange calls reach maxErrorRatePct of the calls in a sliding window (once the window holds minCalls).
import { fmtDuration, fmtLimit, fmtPct } from '../format';
import type { CircuitBreaker } from './types';

export interface ExchangeErrorsSettings {
  maxErrorRatePct: number;
  /** Too few calls say nothing about a rate: one failure out of one call is not a 100% outage. */
  minCalls: number;
  windowMs: number;
  cooldownMs: number;
}

export class ExchangeErrorsBreaker implements CircuitBreaker {
  readonly name = 'exchange-errors';
  readonly cooldownMs: number;
  private times: number[] = [];
  private oks: boolean[] = [];
  private errors = 0;

  constructor(private readonly settings: ExchangeErrorsSettings) {
    this.cooldownMs = settings.cooldownMs;
  }

  onExchangeCall(ok: boolean, time: number): string | undefined {
    this.times.push(time);
    this.oks.push(ok);
    if (!ok) this.errors++;
    this.dropBefore(time - this.settings.windowMs);
    const calls = this.times.length;
    if (calls < this.settings.minCalls || this.errors * 100 < calls * this.settings.maxErrorRatePct) return undefined;
    return `exchange errors ${this.errors}/${calls} calls = ${fmtPct((this.errors / calls) * 100)} in the last ${fmtDuration(this.settings.windowMs)} ≥ ${fmtLimit(this.settings.maxErrorRatePct)}% limit`;
  }

  reset(): void {
    this.times = [];
    this.oks = [];
    this.errors = 0;
  }

  /** Calls at or before `cutoff` have left the window. */
  private dropBefore(cutoff: number): void {
    let n = 0;
    while (n < this.times.length && this.times[n] <= cutoff) {
      if (!this.oks[n]) this.errors--;
      n++;
    }
    if (n === 0) return;
    this.times.splice(0, n);
    this.oks.splice(0, n);
  }
}
