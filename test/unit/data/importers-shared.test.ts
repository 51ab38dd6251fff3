// Every real data file imports completely, with zero problems, the right metadata and the expected gaps.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../shared-data';
import { countRows, drain, jsonRows } from './helpers';

const files = hasSharedData
  ? readdirSync(sharedPath('data')).flatMap((d) => readdirSync(sharedPath('data', d)).map((f) => join(d, f)))
  : [];

const EXPECTED_FORMAT: Record<string, string> = {
  'isda-binance-1m': 'binance-csv',
  nautilus: 'binance-csv',
  freqtrade: 'freqtrade-json',
  'Pr4v33n23-freqtrade': 'freqtrade-json',
  'backtesting.py': 'generic-csv',
  backtrader: 'generic-csv',
  'trading-signals': 'object-json',
};

const NO_GAPS = /^(isda-binance-1m\/|Pr4v33n23-freqtrade\/(BTC|ETH)_USDT-5m)/;
const gapSummary: Record<string, string> = {};

describe.skipIf(!hasSharedData)('importing every shared data file', () => {
  it.each(files)('%s: exact row count, zero problems', async (file) => {
    const path = sharedPath('data', file);
    const { reader, report, series } = await drain(path);
    const dir = file.split('/')[0];
    const expectedFormat = file.includes('btc-perp') ? 'generic-csv' : EXPECTED_FORMAT[dir];
    expect(reader.format).toBe(expectedFormat);
    expect(report.problems).toEqual([]);
    expect(report.rowsValid).toBe(countRows(path));
    expect(series.length).toBe(report.rowsValid);
    expect(report.rowsSkipped).toBe(0);
    gapSummary[file] = `${report.gaps.length} ranges / ${report.gaps.reduce((n, g) => n + g.bars, 0)} bars`;
    if (NO_GAPS.test(file)) expect(report.gaps).toEqual([]);
  });

  it('records the gap counts (missing bars) of every file', () => {
    console.log('gap ranges / missing bars per file:', JSON.stringify(gapSummary, null, 1));
    expect(Object.keys(gapSummary).length).toBe(files.length);
  });

  it.each(files.filter((f) => f.includes('freqtrade/')))('%s: values equal JSON.parse exactly', async (file) => {
    const path = sharedPath('data', file);
    const rows = jsonRows(path);
    const { series } = await drain(path);
    rows.forEach((r, i) => {
      const got = [series.time[i], series.open[i], series.high[i], series.low[i], series.close[i], series.volume[i]];
      expect(got).toEqual(r.map((v) => (v === null ? 0 : v)));
    });
  });

  it.each(['isda-binance-1m/NEARUSDT-1m-2023-09.csv', 'nautilus/btc-perp-20211231-20220201_1m.csv', 'backtesting.py/EURUSD.csv'])(
    '%s: CSV values equal Number() of each field',
    async (file) => {
      const path = sharedPath('data', file);
      const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(1);
      const { series } = await drain(path);
      lines.forEach((l, i) => {
        const f = l.split(',').slice(1, 6).map(Number);
        expect([series.open[i], series.high[i], series.low[i], series.close[i], series.volume[i]]).toEqual(f);
      });
    },
  );

  it('reads metadata from names and contents', async () => {
    const meta = async (f: string) => (await drain(sharedPath('data', f))).reader.meta;
    expect(await meta('isda-binance-1m/FILUSDT-1m-2023-08.csv')).toMatchObject({ symbol: 'FIL/USDT', timeframe: '1m', exchange: 'binance' });
    expect(await meta('Pr4v33n23-freqtrade/BTC_USDT-1h.json.gz')).toMatchObject({ symbol: 'BTC/USDT', timeframe: '1h', compression: 'gzip' });
    expect(await meta('trading-signals/1h-in-1m.json')).toMatchObject({ symbol: 'BTC/USDT', timeframe: '1m' });
    expect(await meta('trading-signals/one_month_in_days.json')).toMatchObject({ symbol: 'BTC/USDT', timeframe: '1d' });
    expect(await meta('freqtrade/futures__XRP_USDT_USDT-8h-funding_rate.json')).toMatchObject({ symbol: 'XRP/USDT:USDT', timeframe: '8h', contents: 'funding-rate' });
    expect(await meta('backtesting.py/GOOG.csv')).toMatchObject({ timeframe: '1d' });
    expect(await meta('backtesting.py/EURUSD.csv')).toMatchObject({ symbol: 'EUR/USD', timeframe: '1h' });
    expect((await meta('backtesting.py/BTCUSD.csv')).timeframe).toBe('1M'); // monthly bars: calendar months
  });

  it('parses ISO datetimes as UTC', async () => {
    const { series } = await drain(sharedPath('data', 'nautilus/btc-perp-20211231-20220201_1m.csv'));
    expect(series.time[0]).toBe(Date.UTC(2021, 11, 31, 23, 1));
    const goog = await drain(sharedPath('data', 'backtesting.py/GOOG.csv'));
    expect(goog.series.time[0]).toBe(Date.UTC(2004, 7, 19));
    expect(goog.series.close[0]).toBe(100.34);
  });
});
