// Byte-level number and time parsing must agree exactly with Number() and Date.UTC.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNum } from '../../../electron/engine/data/importers/num-parse';
import { epochToMs, parseTimeField } from '../../../electron/engine/data/importers/time-parse';
import { hintsFromName } from '../../../electron/engine/data/importers/file-meta';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const num = (s: string) => parseNum(bytes(s), 0, s.length);
const time = (s: string) => parseTimeField(bytes(s), 0, s.length);

describe('parseNum', () => {
  it('equals Number() for any double written plainly, fixed or exponential', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 12 }), (d, digits) => {
        for (const s of [String(d), d.toFixed(digits), d.toExponential(digits)]) {
          if (s.includes('Infinity')) continue;
          expect(num(s)).toBe(Number(s));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('handles decimal strings with many digits like Binance prices', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,20}(\.\d{1,20})?$/), (s) => {
        expect(num(s)).toBe(Number(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns NaN for non-numbers instead of Number()\'s 0 or Infinity', () => {
    for (const s of ['', ' ', 'abc', 'NaN', 'Infinity', '0x10', '1e', '1.2.3', '-', '12abc']) expect(num(s)).toBeNaN();
    expect(num('"1.5"')).toBe(1.5);
  });
});

describe('time fields', () => {
  it('parses ISO dates and datetimes as UTC, with zones', () => {
    expect(time('2004-08-19')).toBe(Date.UTC(2004, 7, 19));
    expect(time('2021-12-31 23:01:00.000000')).toBe(Date.UTC(2021, 11, 31, 23, 1));
    expect(time('2020-08-23T00:59:00.123Z')).toBe(Date.UTC(2020, 7, 23, 0, 59, 0, 123));
    expect(time('2020-08-23T02:00:00+02:00')).toBe(Date.UTC(2020, 7, 23, 0, 0));
    expect(time('2020/08/23 10:30')).toBe(Date.UTC(2020, 7, 23, 10, 30));
    expect(time('2020-13-01')).toBeNaN();
    expect(time('2020-01-01 xx')).toBeNaN();
  });

  it('agrees with Date for random instants', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 4e12 }), (ms) => {
        expect(time(new Date(ms).toISOString())).toBe(ms);
      }),
      { numRuns: 1000 },
    );
  });

  it('tells epoch units apart by magnitude', () => {
    expect(epochToMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(epochToMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(epochToMs(1_735_689_600_000_000)).toBe(1_735_689_600_000);
    expect(epochToMs(1_735_689_600_000_000_000)).toBe(1_735_689_600_000);
  });
});

describe('file-name hints', () => {
  it.each([
    ['FILUSDT-1m-2023-08.csv', 'FIL/USDT', '1m'],
    ['BTC_USDT-1h.json.gz', 'BTC/USDT', '1h'],
    ['futures__XRP_USDT_USDT-8h-funding_rate.json', 'XRP/USDT:USDT', '8h'],
    ['ADABTC-1m-2021-11-27.zip', 'ADA/BTC', '1m'],
    ['btc-perp-20211231-20220201_1m.csv', undefined, '1m'],
    ['2006-day-001.txt', undefined, undefined],
  ])('%s → %s %s', (name, symbol, timeframe) => {
    const h = hintsFromName(`/x/${name}`);
    expect(h.symbol).toBe(symbol);
    expect(h.timeframe).toBe(timeframe);
  });
});
