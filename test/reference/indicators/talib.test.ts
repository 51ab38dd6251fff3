// Every indicator TA-Lib's C library produced for real BTC/USDT 1h candles must match ours to 1e-9 relative, NaN-for-null.
import { describe, expect, it } from 'vitest';
import { adx, atr, bbands, ema, macd, rsi, sma, stoch } from '../../../electron/engine/indicators';
import { hasSharedData, SHARED_SKIP_REASON } from '../../shared-data';
import { loadTalibReference, mismatches } from './talib-fixture';

describe.skipIf(!hasSharedData)(`TA-Lib reference, BTC/USDT 1h${hasSharedData ? '' : ` (${SHARED_SKIP_REASON})`}`, () => {
  const { ref, series } = hasSharedData ? loadTalibReference() : ({} as ReturnType<typeof loadTalibReference>);
  const { high, low, close } = series ?? {};

  it('uses the same closes as the reference', () => {
    expect(Array.from(close)).toEqual(ref.close);
  });

  it.each([
    ['SMA_20', () => sma(close, 20), 19],
    ['EMA_12', () => ema(close, 12), 11],
    ['EMA_26', () => ema(close, 26), 25],
    ['RSI_14', () => rsi(close, 14), 14],
    ['ATR_14', () => atr(high, low, close, 14), 14],
    ['ADX_14', () => adx(high, low, close, 14).adx, 27],
  ] as const)('%s matches, first value at the documented index', (key, run, firstIndex) => {
    const ours = run();
    expect(mismatches(ours, ref[key])).toEqual([]);
    expect(ref[key].findIndex((v) => v !== null)).toBe(firstIndex);
  });

  it('MACD(12,26,9) line, signal and histogram match; first value at index 33', () => {
    const ours = macd(close, { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 });
    const want = ref.MACD_12_26_9;
    expect(mismatches(ours.macd, want.macd)).toEqual([]);
    expect(mismatches(ours.signal, want.signal)).toEqual([]);
    expect(mismatches(ours.hist, want.hist)).toEqual([]);
    expect(want.macd.findIndex((v) => v !== null)).toBe(33);
  });

  it("MACD's fast EMA is not the standalone EMA_12: TA-Lib seeds it at bar 14, aligned with the slow EMA", () => {
    const line = macd(close).macd;
    const naive = ref.EMA_12[40]! - ref.EMA_26[40]!;
    expect(Math.abs(line[40] - naive)).toBeGreaterThan(1e-9 * Math.abs(naive));
  });

  it('BBANDS(20,2) upper, middle and lower match', () => {
    const ours = bbands(close, { period: 20, stdDev: 2 });
    const want = ref.BBANDS_20_2;
    expect(mismatches(ours.upper, want.upper)).toEqual([]);
    expect(mismatches(ours.middle, want.middle)).toEqual([]);
    expect(mismatches(ours.lower, want.lower)).toEqual([]);
  });

  it('STOCH(14,3,3) slow %K and %D match; first value at index 17', () => {
    const ours = stoch(high, low, close, { fastK: 14, slowK: 3, slowD: 3 });
    expect(mismatches(ours.k, ref.STOCH_14_3_3.slowk)).toEqual([]);
    expect(mismatches(ours.d, ref.STOCH_14_3_3.slowd)).toEqual([]);
    expect(ref.STOCH_14_3_3.slowk.findIndex((v) => v !== null)).toBe(17);
  });
});
