// The small pieces of the reports: UTC days, reading a decision out of a client order id, CSV fields, and the
// equity replay's "as of" convention (a fill at t is the next instant's, a bar closing at t counts).
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/engine/errors';
import type { Fill } from '../../../electron/engine/model/order';
import type { ReportFill } from '../../../electron/engine/reports/account-fills';
import { decisionRefOf } from '../../../electron/engine/reports/decision-votes';
import { EquityReplay, type MarkSeries } from '../../../electron/engine/reports/equity-replay';
import { csvField } from '../../../electron/engine/reports/journal-csv';
import { TradeBook } from '../../../electron/engine/reports/trade-book';
import { nextUtcMidnight, parseUtcDay, utcDateOf, yesterdayUtc } from '../../../electron/engine/reports/utc-day';
import { Portfolio } from '../../../electron/engine/trading/portfolio';

const AUG1 = Date.UTC(2023, 7, 1);
const DAY = 86_400_000;

describe('UTC days', () => {
  it('reads a YYYY-MM-DD day as [00:00, 24:00) UTC', () => {
    expect(parseUtcDay('2023-08-01')).toEqual({ date: '2023-08-01', from: AUG1, to: AUG1 + DAY });
    expect(parseUtcDay('2024-02-29').from).toBe(Date.UTC(2024, 1, 29));
  });

  it.each(['2023-02-30', '2023-13-01', '2023-8-1', 'yesterday', '', '2023-08-01T00:00Z'])('refuses %j, naming --date', (text) => {
    let caught: unknown;
    try {
      parseUtcDay(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toMatch(/^--date must be a UTC day written YYYY-MM-DD/);
    expect((caught as ConfigError).details.field).toBe('date');
  });

  it('yesterday and the next midnight follow the UTC clock', () => {
    expect(yesterdayUtc(AUG1)).toBe('2023-07-31');
    expect(yesterdayUtc(AUG1 + DAY - 1)).toBe('2023-07-31');
    expect(nextUtcMidnight(AUG1)).toBe(AUG1 + DAY);
    expect(nextUtcMidnight(AUG1 + 5)).toBe(AUG1 + DAY);
    expect(utcDateOf(AUG1 + DAY - 1)).toBe('2023-08-01');
  });
});

describe('the decision behind an order', () => {
  it('is read out of the loop\'s client order id, retries and spot/derivative symbols included', () => {
    expect(decisionRefOf('12:FIL/USDT:1690928640000:1', 'FIL/USDT')).toEqual({ runId: 12, symbol: 'FIL/USDT', time: 1690928640000 });
    expect(decisionRefOf('12:FIL/USDT:1690928640000:0:r3', 'FIL/USDT')).toEqual({ runId: 12, symbol: 'FIL/USDT', time: 1690928640000 });
    expect(decisionRefOf('7:BTC/USDT:USDT:1690928640000:1', 'BTC/USDT:USDT')).toEqual({ runId: 7, symbol: 'BTC/USDT:USDT', time: 1690928640000 });
  });

  it('is absent for orders the loop did not make', () => {
    expect(decisionRefOf('sl:paper:binance:1:2', 'FIL/USDT')).toBeUndefined();
    expect(decisionRefOf('flatten:paper:binance:FIL/USDT:1:1690928640000', 'FIL/USDT')).toBeUndefined();
    expect(decisionRefOf('run:FIL/USDT:1690928640000:1', 'FIL/USDT')).toBeUndefined();
    expect(decisionRefOf('3:ETH/USDT:1690928640000:1', 'FIL/USDT')).toBeUndefined();
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and line breaks, and keeps text from running as a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
  });
});

const fill = (time: number, side: 'buy' | 'sell', amount: number, price: number, fee = 0, extra: Partial<ReportFill> = {}): ReportFill => ({
  orderId: `o${time}`, clientOrderId: `c${time}`, symbol: 'X/USDT', side, time, price, amount, fee,
  fillId: time, orderRowId: time, sessionId: 1, role: side === 'buy' ? 'entry' : 'exit', decisionId: null, ...extra,
});

describe('equity as of a time', () => {
  const marks: MarkSeries = { symbol: 'X/USDT', closeTime: Float64Array.of(100, 200, 300), close: Float64Array.of(11, 12, 13), barTime: Float64Array.of(40, 140, 240) };

  it('takes fills strictly before t and bar closes at or before t, a close before a fill of the same time', () => {
    const replay = new EquityReplay(new Portfolio(1_000), [fill(100, 'buy', 10, 10, 1), fill(250, 'sell', 10, 12.5, 1)] as Fill[], [marks]);
    replay.advanceTo(100);
    expect(replay.equity()).toBe(1_000); // the buy at 100 is not in yet
    replay.advanceTo(101);
    expect(replay.equity()).toBe(1_000 - 100 - 1 + 10 * 10); // bought after the close at 100: valued at its own price
    replay.advanceTo(200);
    expect(replay.equity()).toBe(899 + 120);
    replay.advanceTo(300);
    expect(replay.equity()).toBe(899 + 125 - 1);
    expect(replay.portfolio.trades).toHaveLength(1);
    // Sampled or not at 100, the result is the same.
    const unsampled = new EquityReplay(new Portfolio(1_000), [fill(100, 'buy', 10, 10, 1)] as Fill[], [marks]);
    unsampled.advanceTo(101);
    expect(unsampled.equity()).toBe(999);
  });
});

describe('trade book', () => {
  it('remembers the fill that opened each position, per symbol and session', () => {
    const book = new TradeBook();
    const entry = fill(1, 'buy', 5, 10);
    book.apply(entry);
    book.apply(fill(2, 'buy', 5, 12)); // adds to it: the entry stays the first
    book.apply(fill(3, 'buy', 1, 20, 0, { sessionId: 2 }));
    const exit = fill(4, 'sell', 10, 13);
    book.apply(exit);
    expect(book.trades).toHaveLength(1);
    expect(book.trades[0]).toMatchObject({ symbol: 'X/USDT', sessionId: 1, entryFill: entry, exitFill: exit, entryPrice: 11, exitPrice: 13, size: 10 });
    expect(book.positions()).toEqual([expect.objectContaining({ sessionId: 2, size: 1, entryPrice: 20 })]);
  });
});
