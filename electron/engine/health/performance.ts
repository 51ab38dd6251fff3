// Live performance per account: its equity sampled while the engine runs (at every decision and every health run),
// and from it the Sharpe ratio and the drawdown. The drawdown is judged against the max-drawdown breaker's limit, so
// the panel warns before the breaker stops the account's entries.
import type { EquityRepository } from '../store/equity-repo';
import { formatMs, type HealthCheckResult, type HealthThresholds } from './types';

const YEAR_MS = 365.25 * 86_400_000;
/** Fewer returns than this give no Sharpe ratio (it would be noise). */
export const MIN_RETURNS_FOR_SHARPE = 20;
/** Samples kept per account; the oldest go first (a week of one-minute samples, or more at a slower pace). */
export const MAX_SAMPLES = 10_080;

export interface EquitySeries {
  time: number[];
  equity: number[];
}

export interface PerformanceStats {
  samples: number;
  firstTime?: number;
  lastTime?: number;
  lastEquity?: number;
  /** Largest fall from a running peak over the history, percent of that peak. */
  maxDrawdownPct: number;
  /** How far the last sample is below the running peak, percent. */
  currentDrawdownPct: number;
  /** mean/std of the sample-to-sample returns, annualized by the median spacing; undefined without enough history. */
  sharpe?: number;
  /** Median time between samples, ms. */
  stepMs?: number;
}

/** Equity samples per account, written through to `store` when given (and read back from it at start). */
export class EquityHistory {
  private readonly series: Map<string, EquitySeries>;

  constructor(
    private readonly capacity = MAX_SAMPLES,
    private readonly store?: EquityRepository,
  ) {
    this.series = store?.load(capacity) ?? new Map();
  }

  /** One reading; a second reading at the same time replaces the first, an older time or a non-finite value is ignored. */
  note(account: string, time: number, equity: number): void {
    if (!Number.isFinite(time) || !Number.isFinite(equity)) return;
    let s = this.series.get(account);
    if (!s) {
      s = { time: [], equity: [] };
      this.series.set(account, s);
    }
    const last = s.time.length - 1;
    if (last >= 0 && time < s.time[last]) return;
    this.store?.save(account, time, equity);
    if (last >= 0 && time === s.time[last]) {
      s.equity[last] = equity;
      return;
    }
    s.time.push(time);
    s.equity.push(equity);
    if (s.time.length > this.capacity) {
      const drop = s.time.length - this.capacity;
      s.time.splice(0, drop);
      s.equity.splice(0, drop);
      this.store?.dropBefore(account, s.time[0]);
    }
  }

  accounts(): string[] {
    return [...this.series.keys()].sort();
  }

  get(account: string): EquitySeries | undefined {
    const s = this.series.get(account);
    return s && { time: [...s.time], equity: [...s.equity] };
  }

  forget(account: string): void {
    this.series.delete(account);
  }
}

export function performanceOf(s: EquitySeries): PerformanceStats {
  const n = s.equity.length;
  if (n === 0) return { samples: 0, maxDrawdownPct: 0, currentDrawdownPct: 0 };
  let peak = -Infinity;
  let maxDd = 0;
  for (const e of s.equity) {
    if (e > peak) peak = e;
    if (peak > 0) maxDd = Math.max(maxDd, (peak - e) / peak);
  }
  const last = s.equity[n - 1];
  const currentDd = peak > 0 ? Math.max(0, (peak - last) / peak) : 0;
  const returns: number[] = [];
  const steps: number[] = [];
  for (let i = 1; i < n; i++) {
    if (s.equity[i - 1] > 0) returns.push(s.equity[i] / s.equity[i - 1] - 1);
    steps.push(s.time[i] - s.time[i - 1]);
  }
  const stepMs = steps.length > 0 ? median(steps) : undefined;
  return {
    samples: n, firstTime: s.time[0], lastTime: s.time[n - 1], lastEquity: last,
    maxDrawdownPct: maxDd * 100, currentDrawdownPct: currentDd * 100,
    ...(stepMs !== undefined ? { stepMs } : {}),
    ...sharpeOf(returns, stepMs),
  };
}

function sharpeOf(returns: number[], stepMs: number | undefined): { sharpe?: number } {
  if (returns.length < MIN_RETURNS_FOR_SHARPE || !stepMs || stepMs <= 0) return {};
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1);
  const std = Math.sqrt(variance);
  // A flat curve (no trade yet) has no risk to divide by: no ratio rather than ±Infinity.
  if (!(std > 1e-12)) return {};
  return { sharpe: (mean / std) * Math.sqrt(YEAR_MS / stepMs) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface PerformanceLimits {
  /** The max-drawdown breaker's limit, percent; undefined when that breaker is off (the drawdown is then only shown). */
  maxDrawdownPct?: number;
  thresholds: Pick<HealthThresholds, 'drawdownWarnShare'>;
}

export function checkPerformance(account: string, s: EquitySeries, limits: PerformanceLimits): HealthCheckResult {
  const name = `performance:${account}`;
  const p = performanceOf(s);
  const measured = {
    samples: p.samples, sharpe: p.sharpe === undefined ? null : round(p.sharpe, 3),
    maxDrawdownPct: round(p.maxDrawdownPct, 3), currentDrawdownPct: round(p.currentDrawdownPct, 3),
    equity: p.lastEquity === undefined ? null : round(p.lastEquity, 2), since: p.firstTime ?? null,
  };
  const sharpe = p.sharpe === undefined
    ? `Sharpe n/a (${p.samples < MIN_RETURNS_FOR_SHARPE + 1 ? `${p.samples} of ${MIN_RETURNS_FOR_SHARPE + 1} samples` : 'flat equity'})`
    : `Sharpe ${p.sharpe.toFixed(2)} (annualized, ${p.samples} samples every ~${formatMs(p.stepMs ?? 0)})`;
  const dd = `drawdown now ${p.currentDrawdownPct.toFixed(2)}%, max ${p.maxDrawdownPct.toFixed(2)}% since ${p.firstTime === undefined ? '—' : new Date(p.firstTime).toISOString()}`;
  const limit = limits.maxDrawdownPct;
  if (limit === undefined || !(limit > 0)) return { name, status: 'ok', detail: `${sharpe}; ${dd} (max-drawdown breaker off)`, measured };
  const warnAt = limit * limits.thresholds.drawdownWarnShare;
  if (p.currentDrawdownPct >= limit) return { name, status: 'bad', detail: `${dd}: at the max-drawdown limit (${limit}%); ${sharpe}`, measured };
  if (p.currentDrawdownPct >= warnAt) return { name, status: 'warn', detail: `${dd}: near the max-drawdown limit (warn ≥ ${round(warnAt, 2)}%, breaker at ${limit}%); ${sharpe}`, measured };
  return { name, status: 'ok', detail: `${sharpe}; ${dd} (breaker at ${limit}%)`, measured };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
