// Each circuit breaker trips exactly at its threshold, not a hair before, and its reason names the numbers.
import { describe, expect, it } from 'vitest';
import { ConsecutiveLossesBreaker } from '../../../electron/engine/risk/breakers/consecutive-losses';
import { DailyLossBreaker } from '../../../electron/engine/risk/breakers/daily-loss';
import { ExchangeErrorsBreaker } from '../../../electron/engine/risk/breakers/exchange-errors';
import { MaxDrawdownBreaker } from '../../../electron/engine/risk/breakers/max-drawdown';
import { PriceGapBreaker } from '../../../electron/engine/risk/breakers/price-gap';
import { StaleDataBreaker } from '../../../electron/engine/risk/breakers/stale-data';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6, 10);

describe('max drawdown', () => {
  it('trips at the threshold below the running peak', () => {
    const b = new MaxDrawdownBreaker({ maxDrawdownPct: 20, cooldownMs: 0 });
    expect(b.onEquity(T0, 10_000)).toBeUndefined();
    expect(b.onEquity(T0 + 1, 12_000)).toBeUndefined();
    expect(b.onEquity(T0 + 2, 9_600.01)).toBeUndefined();
    expect(b.onEquity(T0 + 3, 9_600)).toBe('drawdown 20.0% from peak 12,000.00 USDT to 9,600.00 USDT ≥ 20% limit');
  });

  it('measures from a fresh peak after a reset', () => {
    const b = new MaxDrawdownBreaker({ maxDrawdownPct: 20, cooldownMs: 0 });
    b.onEquity(T0, 10_000);
    b.reset();
    expect(b.onEquity(T0 + 1, 8_500)).toBeUndefined();
    expect(b.onEquity(T0 + 2, 6_800)).toMatch(/from peak 8,500\.00 USDT/);
  });
});

describe('daily loss', () => {
  it('trips at the threshold below the UTC day start and re-arms no earlier than next midnight', () => {
    const b = new DailyLossBreaker({ maxDailyLossPct: 5, cooldownMs: 0 });
    expect(b.onEquity(T0, 10_000)).toBeUndefined();
    expect(b.onEquity(T0 + 1000, 9_500.01)).toBeUndefined();
    expect(b.onEquity(T0 + 2000, 9_500)).toBe(
      "daily loss 500.00 USDT = 5.0% of the day's starting equity 10,000.00 USDT ≥ 5% limit",
    );
    expect(b.rearmAt(T0 + 2000)).toBe(Date.UTC(2025, 0, 7));
  });

  it('starts a new day from where the previous one closed', () => {
    const b = new DailyLossBreaker({ maxDailyLossPct: 5, cooldownMs: 0 });
    b.onEquity(T0, 10_000);
    expect(b.onEquity(T0 + 1000, 9_600)).toBeUndefined();
    expect(b.onEquity(T0 + DAY, 9_120.01)).toBeUndefined();
    expect(b.onEquity(T0 + DAY + 1, 9_120)).toMatch(/starting equity 9,600\.00 USDT/);
  });

  it('keeps a longer cooldown when one is set', () => {
    const b = new DailyLossBreaker({ maxDailyLossPct: 5, cooldownMs: 2 * DAY });
    expect(b.rearmAt(T0)).toBe(T0 + 2 * DAY);
  });
});

describe('consecutive losses', () => {
  it('trips on the Nth loss in a row; a win or a flat trade ends the streak', () => {
    const b = new ConsecutiveLossesBreaker({ maxConsecutiveLosses: 3, cooldownMs: 0 });
    expect(b.onTradeClosed(-1)).toBeUndefined();
    expect(b.onTradeClosed(-1)).toBeUndefined();
    expect(b.onTradeClosed(0)).toBeUndefined();
    expect(b.onTradeClosed(-1)).toBeUndefined();
    expect(b.onTradeClosed(-2.5)).toBeUndefined();
    expect(b.onTradeClosed(-10)).toBe('3 consecutive losing trades (total -13.50 USDT) ≥ 3 limit');
  });
});

describe('exchange errors', () => {
  const settings = { maxErrorRatePct: 50, minCalls: 4, windowMs: 60_000, cooldownMs: 0 };

  it('waits for minCalls, then trips at the error-rate threshold', () => {
    const b = new ExchangeErrorsBreaker(settings);
    expect(b.onExchangeCall(false, T0)).toBeUndefined();
    expect(b.onExchangeCall(false, T0 + 1)).toBeUndefined();
    expect(b.onExchangeCall(true, T0 + 2)).toBeUndefined();
    expect(b.onExchangeCall(true, T0 + 3)).toBe('exchange errors 2/4 calls = 50.0% in the last 1m ≥ 50% limit');
  });

  it('does not trip just below the threshold', () => {
    const b = new ExchangeErrorsBreaker(settings);
    for (const ok of [true, true, true, false]) expect(b.onExchangeCall(ok, T0)).toBeUndefined();
    expect(b.onExchangeCall(true, T0)).toBeUndefined();
  });

  it('forgets calls that slid out of the window', () => {
    const b = new ExchangeErrorsBreaker(settings);
    b.onExchangeCall(false, T0);
    b.onExchangeCall(false, T0);
    b.onExchangeCall(false, T0);
    for (let i = 0; i < 3; i++) expect(b.onExchangeCall(true, T0 + 60_000 + i)).toBeUndefined();
    expect(b.onExchangeCall(false, T0 + 60_010)).toBeUndefined();
  });
});

describe('stale data', () => {
  it('trips when a watched symbol is silent for N × timeframe', () => {
    const b = new StaleDataBreaker({ timeframeMs: 60_000, maxBarsMissed: 3, cooldownMs: 0 });
    expect(b.onClock(T0)).toBeUndefined();
    b.onMarketData('BTC/USDT', T0);
    b.onMarketData('ETH/USDT', T0 + 60_000);
    expect(b.onClock(T0 + 179_999)).toBeUndefined();
    expect(b.onClock(T0 + 180_000)).toBe('no market data for BTC/USDT for 3m ≥ 3 × 1m limit');
  });

  it('gives every symbol a fresh grace period on reset', () => {
    const b = new StaleDataBreaker({ timeframeMs: 60_000, maxBarsMissed: 3, cooldownMs: 0 });
    b.onMarketData('BTC/USDT', T0);
    b.reset(T0 + 500_000);
    expect(b.onClock(T0 + 679_999)).toBeUndefined();
    expect(b.onClock(T0 + 680_000)).toMatch(/BTC\/USDT/);
  });

  it('stops watching a market no session trades any more', () => {
    const b = new StaleDataBreaker({ timeframeMs: 60_000, maxBarsMissed: 3, cooldownMs: 0 });
    b.onMarketData('BTC/USDT', T0);
    b.onMarketData('ETH/USDT', T0);
    b.unwatch('BTC/USDT');
    b.onMarketData('ETH/USDT', T0 + 600_000);
    expect(b.onClock(T0 + 600_000)).toBeUndefined();
  });
});

describe('price gap', () => {
  it('trips when the open is the threshold away from the previous close', () => {
    const b = new PriceGapBreaker({ maxGapPct: 10, cooldownMs: 0 });
    expect(b.onMarketData('BTC/USDT', T0, 109.99, 100)).toBeUndefined();
    expect(b.onMarketData('BTC/USDT', T0, 90.01, 100)).toBeUndefined();
    expect(b.onMarketData('BTC/USDT', T0, 110, 100)).toBe('price gap BTC/USDT 10.0% (open 110 vs previous close 100) ≥ 10% limit');
    expect(b.onMarketData('ETH/USDT', T0, 90, 100)).toMatch(/ETH\/USDT 10\.0%/);
  });

  it('uses the last price seen when no previous close is given', () => {
    const b = new PriceGapBreaker({ maxGapPct: 10, cooldownMs: 0 });
    expect(b.onMarketData('BTC/USDT', T0, 40_000)).toBeUndefined();
    expect(b.onMarketData('BTC/USDT', T0 + 1, 43_999)).toBeUndefined();
    expect(b.onMarketData('BTC/USDT', T0 + 2, 39_599)).toMatch(/open 39,599 vs previous close 43,999/);
  });
});
