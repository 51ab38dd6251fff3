// Breaker measures persist per account: a restart resumes the drawdown peak, the day's start and the loss streak.
import { describe, expect, it } from 'vitest';
import { utcDay } from '../../../electron/engine/risk/breakers/daily-loss';
import type { CircuitBreaker } from '../../../electron/engine/risk/breakers/types';
import { dailyLoss, drawdown, HOUR, lossStreak, start, storedMeasures } from './board-fixtures';
import { dbPath, tempDbDir } from './helpers';

const dir = tempDbDir();
const T0 = Date.UTC(2025, 0, 6, 10);
const NEXT_DAY = Date.UTC(2025, 0, 7, 0, 30);

describe('a restart resumes what the breakers measured', () => {
  it('keeps the drawdown peak: 15% down, restart, 10% more trips a 20% breaker', () => {
    const path = dbPath(dir);
    const first = start(path, [drawdown(20)], T0);
    first.board.onEquity(T0, 10_000);
    first.board.onEquity(T0 + 1, 8_500);
    first.db.close();

    const again = start(path, [drawdown(20)], T0 + 2);
    again.board.onEquity(T0 + 2, 7_650);
    expect(again.trips).toEqual([expect.objectContaining({ name: 'max-drawdown', time: T0 + 2, reason: expect.stringMatching(/drawdown 23\.5% from peak 10,000\.00 USDT/) })]);
    // The same readings on a board that starts from nothing: the second drop alone is 10%.
    const fresh = start(dbPath(dir), [drawdown(20)], T0 + 2);
    [8_500, 7_650].forEach((e, i) => fresh.board.onEquity(T0 + 2 + i, e));
    expect(fresh.trips).toEqual([]);
  });

  it("keeps the day's starting equity through a same-day restart", () => {
    const path = dbPath(dir);
    const first = start(path, [dailyLoss(5)], T0);
    first.board.onEquity(T0, 10_000);
    first.board.onEquity(T0 + HOUR, 9_600);
    first.db.close();

    const again = start(path, [dailyLoss(5)], T0 + 2 * HOUR);
    again.board.onEquity(T0 + 2 * HOUR, 9_400);
    expect(again.trips).toEqual([expect.objectContaining({ name: 'daily-loss', reason: expect.stringMatching(/= 6\.0% of the day's starting equity 10,000\.00 USDT/) })]);
  });

  it('starts the next UTC day from its first reading, not from the stored day', () => {
    const path = dbPath(dir);
    const first = start(path, [dailyLoss(5)], T0);
    first.board.onEquity(T0, 10_000);
    first.board.onEquity(T0 + HOUR, 9_600);
    first.db.close();

    const again = start(path, [dailyLoss(5)], NEXT_DAY);
    again.board.onEquity(NEXT_DAY, 9_400);
    expect(again.trips).toEqual([]);
    again.board.onEquity(NEXT_DAY + HOUR, 8_900);
    expect(again.trips).toEqual([expect.objectContaining({ reason: expect.stringMatching(/starting equity 9,400\.00 USDT/) })]);
  });

  it('keeps the loss streak', () => {
    const path = dbPath(dir);
    const first = start(path, [lossStreak(3)], T0);
    first.board.onTradeClosed(-5, T0);
    first.board.onTradeClosed(-7, T0 + 1);
    first.db.close();

    const again = start(path, [lossStreak(3)], T0 + 2);
    again.board.onTradeClosed(-1, T0 + 2);
    expect(again.trips).toEqual([expect.objectContaining({ name: 'consecutive-losses', reason: expect.stringMatching(/^3 consecutive losing trades \(total -13\.00 USDT\)/) })]);
  });

  it('persists what a re-arm cleared, so the old peak does not come back after a restart', () => {
    const path = dbPath(dir);
    const first = start(path, [drawdown(10)], T0);
    first.board.onEquity(T0, 10_000);
    first.board.onEquity(T0 + 1, 8_900);
    expect(first.trips).toHaveLength(1);
    first.board.rearm('max-drawdown', T0 + 2);
    expect(storedMeasures(first.db)).toEqual({ 'max-drawdown': {} });
    first.db.close();

    const again = start(path, [drawdown(10)], T0 + 3);
    again.board.onEquity(T0 + 3, 8_900);
    again.board.onEquity(T0 + 4, 8_100);
    expect(again.trips).toEqual([]);
    expect(again.board.list()).toEqual([{ name: 'max-drawdown', isTripped: false }]);
  });

  it('keeps each scope to its own rows', () => {
    const path = dbPath(dir);
    const paper = start(path, [drawdown(20)], T0, 'paper:binance');
    const live = start(path, [drawdown(20)], T0, 'live:binance');
    paper.board.onEquity(T0, 10_000);
    paper.board.onEquity(T0 + 1, 8_500);
    live.board.onEquity(T0, 20_000);
    live.board.onEquity(T0 + 1, 16_500);
    live.board.onEquity(T0 + 2, 7_650);
    // 7,650 is 23.5% under paper's peak and 61.75% under live's: only live's own peak counts for live.
    expect(live.trips).toEqual([expect.objectContaining({ reason: expect.stringMatching(/from peak 20,000\.00 USDT/) })]);
    expect(paper.trips).toEqual([]);
    paper.db.close();
    live.db.close();

    const paperAgain = start(path, [drawdown(20)], T0 + 3, 'paper:binance');
    const liveAgain = start(path, [drawdown(20)], T0 + 3, 'live:binance');
    const otherAgain = start(path, [drawdown(20)], T0 + 3, 'global');
    expect(storedMeasures(paperAgain.db, 'paper:binance')).toEqual({ 'max-drawdown': { peak: 10_000 } });
    expect(storedMeasures(paperAgain.db, 'live:binance')).toEqual({ 'max-drawdown': { peak: 20_000 } });
    expect(paperAgain.board.list()[0].isTripped).toBe(false);
    expect(liveAgain.board.list()[0].isTripped).toBe(true);
    paperAgain.board.onEquity(T0 + 3, 7_650);
    otherAgain.board.onEquity(T0 + 3, 7_650);
    expect(paperAgain.trips).toEqual([expect.objectContaining({ reason: expect.stringMatching(/from peak 10,000\.00 USDT/) })]);
    expect(otherAgain.trips).toEqual([]);
  });

  it('writes nothing while nothing it measures changes', () => {
    const { board, db } = start(dbPath(dir), [drawdown(20), dailyLoss(5), lossStreak(3)], T0);
    const changes = db.prepare('SELECT total_changes() AS n');
    const count = (): number => (changes.get() as { n: number }).n;
    board.onEquity(T0, 10_000);
    const after = count();
    // Below the peak, within the same day, no trade: every breaker's revision stays put.
    for (let i = 1; i <= 1_000; i++) board.onEquity(T0 + i, 9_900 + (i % 50));
    board.onTradeClosed(3, T0 + 2_000);
    expect(count()).toBe(after);
    board.onEquity(T0 + 3_000, 10_500);
    expect(count()).toBe(after + 1);
  });
});

describe('a measures row that makes no sense', () => {
  const day = utcDay(T0);
  // Each is stored for every breaker; anything accepted by mistake would trip one of them on the readings below.
  const garbage: [string, string | Buffer | number][] = [
    ['text that is not JSON', 'peak=10000'],
    ['empty text', ''],
    ['JSON null', 'null'],
    ['a number', '42'],
    ['an array', '[10000, 2]'],
    ['a blob', Buffer.from('{"peak":10000}')],
    ['a peak as text', '{"peak":"10000","day":' + day + ',"dayStart":"10000","streak":"2","streakPnl":"-5"}'],
    ['infinite numbers', '{"peak":1e999,"day":' + day + ',"dayStart":1e999,"streak":2,"streakPnl":-1e999}'],
    ['a day as text', `{"day":"${day}","dayStart":10000}`],
    ['a fractional streak', '{"streak":2.5,"streakPnl":-5}'],
    ['a winning streak', '{"streak":2,"streakPnl":5}'],
    ['an empty streak with a loss', '{"streak":0,"streakPnl":-5}'],
    ['a negative streak', '{"streak":-2,"streakPnl":-5}'],
  ];

  it.each(garbage)('is ignored: %s', (_label, value) => {
    const path = dbPath(dir);
    const seed = start(path, [drawdown(20), dailyLoss(5), lossStreak(3)], T0);
    const put = seed.db.prepare('INSERT INTO breaker_state (scope, name, measures) VALUES (?, ?, ?)');
    for (const name of ['max-drawdown', 'daily-loss', 'consecutive-losses']) put.run('paper:binance', name, value);
    seed.db.close();

    const { board, db, trips } = start(path, [drawdown(20), dailyLoss(5), lossStreak(3)], T0);
    expect(board.list().every((s) => !s.isTripped)).toBe(true);
    board.onEquity(T0, 5_000);
    board.onTradeClosed(-1, T0);
    expect(trips).toEqual([]);
    // The next change writes good measures over the bad ones.
    expect(storedMeasures(db)).toEqual({
      'max-drawdown': { peak: 5_000 },
      'daily-loss': { day, dayStart: 5_000 },
      'consecutive-losses': { streak: 1, streakPnl: -1 },
    });
  });

  it('does not stop the board when a breaker throws on restore; that breaker starts fresh', () => {
    const path = dbPath(dir);
    start(path, [drawdown(20)], T0).db.prepare("INSERT INTO breaker_state (scope, name, measures) VALUES ('paper:binance', 'fragile', '{}')").run();
    let resets = 0;
    const fragile: CircuitBreaker = {
      name: 'fragile',
      cooldownMs: 0,
      measuresRevision: 0,
      measures: () => ({}),
      restore: () => {
        throw new Error('unexpected shape');
      },
      reset: () => {
        resets++;
      },
    };
    const { board } = start(path, [fragile, drawdown(20)], T0);
    expect(resets).toBe(1);
    expect(board.list()).toEqual([
      { name: 'fragile', isTripped: false },
      { name: 'max-drawdown', isTripped: false },
    ]);
  });
});

describe('a breaker that keeps measures', () => {
  it('must say when they change: without a revision the board refuses it rather than serialise on every event', () => {
    const silent: CircuitBreaker = { name: 'silent', cooldownMs: 0, measures: () => ({}), reset: () => undefined };
    expect(() => start(dbPath(dir), [silent], T0)).toThrow(expect.objectContaining({ code: 'BREAKER_NO_REVISION' }));
  });
});
