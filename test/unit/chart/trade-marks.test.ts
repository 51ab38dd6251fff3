// A run's trades as chart markers: an entry and an exit per trade with the right side (a short sells first), each on
// the chart bar holding its time at a coarser resolution, and none outside the loaded bars; a session's fills one each.
import { describe, expect, it } from 'vitest';
import type { DeskFill } from '../../../shared/desk-book-contract';
import { fillMarks, markText, marksByBar, tradeMarkers, tradeMarks } from '../../../renderer/src/chart/trade-marks';

const H = 3_600_000;
const trade = (entryTime: number, exitTime: number, size: number) => ({ entryTime, exitTime, entryPrice: 100, exitPrice: 110, size, pnl: 10 * size, returnPct: 10, fees: 0 });

describe('trade markers', () => {
  it('marks a long as buy then sell and a short as sell then buy, in time order', () => {
    const marks = tradeMarks([trade(5 * H, 9 * H, -0.5), trade(H, 3 * H, 2)]);
    expect(marks.map((m) => `${m.kind}:${m.side}:${m.size}`)).toEqual(['entry:buy:2', 'exit:sell:2', 'entry:sell:0.5', 'exit:buy:0.5']);
    expect(markText(marks[1])).toBe('exit sell 2 @ 110 (+20)');
    expect(markText(marks[2])).toBe('entry sell 0.5 @ 100');
  });

  it('puts each mark on the 4h bar holding it and leaves out marks outside the loaded bars', () => {
    const bars = [0, 4 * H, 8 * H];
    const marks = tradeMarks([trade(H, 3 * H, 1), trade(5 * H, 13 * H, 1)]);
    const byBar = marksByBar(marks, bars, 4 * H);
    expect([...byBar].map(([bar, list]) => [bar / H, list.length])).toEqual([[0, 2], [4, 1]]);
    const markers = tradeMarkers(byBar, { buy: 'g', sell: 'r' });
    expect(markers.map((m) => [m.time, m.shape, m.color])).toEqual([[0, 'arrowUp', 'g'], [0, 'circle', 'r'], [4 * 3600, 'arrowUp', 'g']]);
  });

  it("marks a session's fills one each by their order's role, a fill in the forming bar on the last closed one", () => {
    const M = 60_000;
    const bars = [10 * M, 11 * M, 12 * M];
    const fill = (id: number, time: number, side: 'buy' | 'sell', role: string | null, amount = 0.5): DeskFill =>
      ({ id, orderId: id, account: 'paper:binance', sessionId: 1, symbol: 'BTC/USDT', side, role, time, price: 100 + id, amount, fee: 0, feeCurrency: null });
    // Newest first, as desk.fills answers: a fill before the window, two partial fills of one entry, an exit after the last bar's close.
    const fills = [fill(4, 13 * M + 5, 'sell', 'take-profit'), fill(3, 11 * M + 2, 'buy', 'entry', 0.25), fill(2, 11 * M + 1, 'buy', 'entry', 0.25), fill(1, 9 * M, 'sell', 'exit')];
    const marks = fillMarks(fills, bars, M);
    expect(marks.map((m) => [m.time, m.kind, m.side, m.size])).toEqual([[11 * M + 1, 'entry', 'buy', 0.25], [11 * M + 2, 'entry', 'buy', 0.25], [12 * M, 'exit', 'sell', 0.5]]);
    expect(markText(marks[2])).toBe('exit sell 0.5 @ 104');
    expect(tradeMarkers(marksByBar(marks, bars, M), { buy: 'g', sell: 'r' })).toHaveLength(3);
    expect(fillMarks(fills, [], M)).toEqual([]);
  });
});
