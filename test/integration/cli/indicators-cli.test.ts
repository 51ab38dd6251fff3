// `quorum indicators` prints TA-Lib-exact values per candle, NaN/null in warm-up, in text, CSV and JSON.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../shared-data';
import { quorum } from '../../support/cli';

const DATA = () => sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz');

describe.skipIf(!hasSharedData)('quorum indicators', () => {
  it('prints RSI(14) per candle as JSON, null during warm-up, equal to TA-Lib after it', async () => {
    const r = await quorum('indicators', '--data', DATA(), '--name', 'rsi', '--param', 'period=14', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { time: number; value: number | null }[];
    const ref = JSON.parse(readFileSync(sharedPath('reference', 'talib-generated', 'BTC_USDT-1h_talib.json'), 'utf8')) as { timestamp: number[]; RSI_14: (number | null)[] };
    expect(rows.slice(0, 14).every((row) => row.value === null)).toBe(true);
    const byTime = new Map(rows.map((row) => [row.time, row.value]));
    let compared = 0;
    ref.timestamp.forEach((t, i) => {
      const want = ref.RSI_14[i];
      if (want === null) return;
      expect(Math.abs((byTime.get(t) as number) - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want));
      compared++;
    });
    expect(compared).toBeGreaterThan(5000);
  });

  it('prints every output of a multi-output indicator as CSV', async () => {
    const r = await quorum('indicators', '--data', DATA(), '--name', 'macd', '--csv');
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('time,macd,signal,hist');
    expect(lines[1]).toMatch(/^1640995200000,NaN,NaN,NaN$/);
    expect(lines[34].split(',').slice(1).every((v) => Number.isFinite(Number(v)))).toBe(true);
  });

  it('names an unknown indicator or param', async () => {
    expect((await quorum('indicators', '--data', DATA(), '--name', 'rsx')).err).toMatch(/rsx/);
    const bad = await quorum('indicators', '--data', DATA(), '--name', 'rsi', '--param', 'length=3');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown param length.*accepted: period/);
  });
});
