// Small builders shared by the metrics tests.
import type { MetricsInput, TradeRecord } from '../../../../electron/engine/backtest/metrics';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Monday 2024-01-01 00:00 UTC. */
export const MONDAY = Date.UTC(2024, 0, 1);

export function evenTimes(n: number, step: number, start = MONDAY): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = start + i * step;
  return t;
}

export function makeInput(equity: number[], over: Partial<MetricsInput> = {}): MetricsInput {
  return {
    time: evenTimes(equity.length, HOUR),
    equity: Float64Array.from(equity),
    close: Float64Array.from(equity),
    exposure: new Uint8Array(equity.length),
    trades: [],
    feesPaid: 0,
    ...over,
  };
}

export function trade(over: Partial<TradeRecord>): TradeRecord {
  return {
    entryTime: MONDAY, exitTime: MONDAY + HOUR, entryPrice: 100, exitPrice: 100,
    size: 1, pnl: 0, returnPct: 0, fees: 0, ...over,
  };
}
