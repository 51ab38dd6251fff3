// Exposure from closed trades (backtesting.py's way): entry to exit bar inclusive, open positions left out.
import { describe, expect, it } from 'vitest';
import { closedTradeExposure } from '../../../electron/engine/backtest/trade-exposure';
import type { TradeRecord } from '../../../electron/engine/backtest/metrics/types';
import { DAY, T0 } from './helpers';

const trade = (entryBar: number, exitBar: number): TradeRecord => ({
  entryTime: T0 + entryBar * DAY, exitTime: T0 + exitBar * DAY, entryPrice: 1, exitPrice: 1, size: 1, pnl: 0, returnPct: 0, fees: 0,
});

describe('closedTradeExposure', () => {
  it('marks entry through exit bars, a same-bar trade as one bar, and nothing else', () => {
    const time = Float64Array.from({ length: 10 }, (_, i) => T0 + i * DAY);
    expect(Array.from(closedTradeExposure(time, [trade(1, 3), trade(3, 4), trade(7, 7)]))).toEqual([0, 1, 1, 1, 1, 0, 0, 1, 0, 0]);
  });
});
