// The daily report on a hand-made journal whose numbers are known: a trade per day, one of them held over midnight and
// closed by a stop exactly at 00:00, breaker and kill-switch events of this account and of others, a live account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { AccountsRepository } from '../../../electron/engine/accounts/accounts-repo';
import type { SessionRequest } from '../../../electron/engine/accounts/session-request';
import { SessionsRepository } from '../../../electron/engine/accounts/sessions-repo';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { ConfigError, DataError } from '../../../electron/engine/errors';
import { allocateSeries } from '../../../electron/engine/model/candle-series';
import { buildDailyReport } from '../../../electron/engine/reports/daily-report';
import { dailyReportFiles, dailyReportsFor, nextDailyRun } from '../../../electron/engine/reports/daily-job';
import { renderDailyReport } from '../../../electron/engine/reports/daily-html';
import { dailyReportAlert, dailyReportText } from '../../../electron/engine/reports/daily-text';
import { JOURNAL_COLUMNS, renderJournalCsv } from '../../../electron/engine/reports/journal-csv';
import { openStore } from '../../../electron/engine/store/database';
import { parseCsv } from './csv';

const H = 3_600_000;
const AUG1 = Date.UTC(2023, 7, 1);
const AUG2 = AUG1 + 24 * H;
const SYMBOL = 'FIL/USDT';
/** 1h bars over Aug 1 and 2: bar i closes at 10 + i/10 (bar 23 closes at 00:00 Aug 2 at 12.3). */
const closeOf = (i: number) => 10 + i / 10;

let db: Database;
let orderSeq = 0;

function request(mode: 'paper' | 'live'): SessionRequest {
  return { account: 'binance', mode, symbol: SYMBOL, timeframe: '1h', strategy: 'panel', params: {} } as SessionRequest;
}

function decision(time: number, action: string, votes: unknown[]): void {
  db.prepare('INSERT INTO decisions (run_id, time, symbol, action, score, votes) VALUES (1, ?, ?, ?, ?, ?)').run(time, SYMBOL, action, action === 'buy' ? 0.7 : -0.6, JSON.stringify(votes));
}

function filledOrder(account: string, clientId: string, side: 'buy' | 'sell', role: string, time: number, price: number, amount: number, fee: number): void {
  const o = db.prepare(`INSERT INTO orders (account_id, session_id, role, client_order_id, symbol, side, type, amount, status, filled, average_price, created_at, updated_at)
    VALUES (?, 1, ?, ?, ?, ?, 'market', ?, 'filled', ?, ?, ?, ?)`).run(account, role, clientId, SYMBOL, side, amount, amount, price, time, time);
  db.prepare("INSERT INTO fills (order_id, trade_id, time, price, amount, fee, fee_currency) VALUES (?, ?, ?, ?, ?, ?, 'USDT')")
    .run(o.lastInsertRowid, `t${++orderSeq}`, time, price, amount, fee);
}

const bull = { agent: 'bull', direction: 0.8, confidence: 0.9, reasons: ['trend up, strong', 'RSI 61'] };
const bear = { agent: 'bear', direction: 0, confidence: 0, reasons: [], abstained: true };

beforeEach(() => {
  db = openStore(':memory:').db;
  const accounts = new AccountsRepository(db, () => AUG1);
  accounts.ensure({ profile: 'binance', mode: 'paper' }, 1_000);
  accounts.ensure({ profile: 'binance', mode: 'live' });
  const sessions = new SessionsRepository(db, () => AUG1);
  sessions.create('paper:binance', request('paper'), 1_000);
  sessions.create('live:binance', request('live'), 500);
  db.prepare(`INSERT INTO runs (kind, strategy, params, symbol, timeframe, status, started_at) VALUES ('paper', 'panel', '{"session":1}', ?, '1h', 'running', ?)`).run(SYMBOL, AUG1);
  const bars = allocateSeries(48);
  for (let i = 0; i < 48; i++) {
    bars.time[i] = AUG1 + i * H;
    bars.open[i] = bars.high[i] = bars.low[i] = bars.close[i] = closeOf(i);
    bars.volume[i] = 1;
  }
  new CandleStore(db).write({ exchange: 'binance', symbol: SYMBOL, timeframe: '1h' }, bars);
  // Trade 1 on Aug 1: decided at the 10:00 and 15:00 bars, filled half a minute after they closed.
  decision(AUG1 + 10 * H, 'buy', [bull, bear]);
  decision(AUG1 + 15 * H, 'sell', [{ ...bull, direction: -0.7, reasons: ['trend broke'] }]);
  decision(AUG1 + 20 * H, 'buy', [bull]);
  filledOrder('paper:binance', `1:${SYMBOL}:${AUG1 + 10 * H}:1`, 'buy', 'entry', AUG1 + 11 * H + 30_000, 11, 10, 0.11);
  filledOrder('paper:binance', `1:${SYMBOL}:${AUG1 + 15 * H}:0`, 'sell', 'exit', AUG1 + 16 * H + 30_000, 11.5, 10, 0.115);
  // Trade 2: bought on Aug 1, closed by the session's stop exactly at 00:00 Aug 2 (the new day's first instant).
  filledOrder('paper:binance', `1:${SYMBOL}:${AUG1 + 20 * H}:1`, 'buy', 'entry', AUG1 + 21 * H + 30_000, 12, 20, 0.24);
  filledOrder('paper:binance', 'sl:paper:binance:1:1', 'sell', 'stop-loss', AUG2, 12.3, 20, 0.246);
  // Safety events on Aug 2: ours, another account's, the app-wide kill switch and its executor's report elsewhere.
  const alert = db.prepare('INSERT INTO alerts (time, level, source, message, details) VALUES (?, ?, ?, ?, ?)');
  alert.run(AUG2 + H, 'critical', 'breaker:daily-loss', 'Circuit breaker daily-loss on paper:binance tripped: loss 3 % ≥ 2 %.', null);
  alert.run(AUG2 + 2 * H, 'critical', 'breaker:daily-loss', 'Circuit breaker daily-loss on paper:binance:main tripped: loss 3 % ≥ 2 %.', null);
  alert.run(AUG2 + 3 * H, 'critical', 'kill-switch', 'Kill switch tripped: halt by ui: test', null);
  alert.run(AUG2 + 3 * H + 1_000, 'warning', 'kill-switch', 'Kill switch halt (test): 1 order(s) cancelled', JSON.stringify({ account: 'live:binance' }));
  const breaker = db.prepare('INSERT INTO breaker_state (scope, name, tripped, tripped_at, reason) VALUES (?, ?, 1, ?, ?)');
  breaker.run('paper:binance', 'daily-loss', AUG2 + H + 10, 'loss 3 % ≥ 2 %'); // the alert's trip: not twice
  breaker.run('paper:binance', 'stale-data', AUG2 + 5 * H, 'no candle for 10 min'); // no alert for it
  db.prepare("UPDATE kill_switch SET mode = 'halt', latched = 1, tripped_at = ?, reason = 'test', source = 'ui' WHERE id = 1").run(AUG2 + 3 * H + 2);
});

afterEach(() => db.close());

const NOW = AUG2 + 30 * 24 * H;
const report = (date: string, account = 'paper:binance', now = NOW) => buildDailyReport(db, { account, date, now });

describe('daily report', () => {
  it('splits trades by the day they closed; P&L and fees add up across days', () => {
    const d1 = report('2023-08-01');
    const d2 = report('2023-08-02');
    // Aug 1: cash 1000 − 110.11 + 114.885 − 240.24 = 764.535, plus 20 FIL at the 00:00 close (12.3).
    expect(d1.equity.start).toBe(1_000);
    expect(d1.equity.end).toBeCloseTo(764.535 + 246, 9);
    expect(d1.fees).toBeCloseTo(0.465, 12);
    expect(d1.trades).toHaveLength(1);
    expect(d1.trades[0]).toMatchObject({ side: 'long', size: 10, entryPrice: 11, exitPrice: 11.5, exitBy: 'exit', strategy: 'panel', sessionId: 1 });
    expect(d1.trades[0].pnl).toBeCloseTo(5 - 0.225, 12);
    expect(d1.openPositions).toEqual([expect.objectContaining({ symbol: SYMBOL, size: 20, entryPrice: 12, mark: 12.3 })]);
    expect(d1.openPositions[0].unrealizedPnl).toBeCloseTo(6, 9);
    // Aug 2: the stop at 00:00 belongs to it, with its fee; the trade's entry was on Aug 1.
    expect(d2.equity.start).toBe(d1.equity.end);
    expect(d2.fees).toBeCloseTo(0.246, 12);
    expect(d2.trades).toHaveLength(1);
    expect(d2.trades[0]).toMatchObject({ entryTime: AUG1 + 21 * H + 30_000, exitTime: AUG2, exitBy: 'stop-loss' });
    expect(d2.trades[0].pnl).toBeCloseTo(6 - 0.486, 12);
    expect(d2.openPositions).toEqual([]);
    expect(d1.pnl + d2.pnl).toBeCloseTo(d2.equity.end - 1_000, 9);
    expect(d2.equity.end).toBeCloseTo(1_010.289, 9);
    expect(d1.fees + d2.fees).toBeCloseTo(0.711, 12);
    expect(d1.complete && d2.complete).toBe(true);
  });

  it('carries the votes of the entry and exit decisions; a stop has no decision', () => {
    const [t1] = report('2023-08-01').trades;
    expect(t1.entry).toMatchObject({ runId: 1, time: AUG1 + 10 * H, action: 'buy', score: 0.7 });
    expect(t1.entry?.votes).toEqual([
      { agent: 'bull', direction: 0.8, confidence: 0.9, reason: 'trend up, strong' },
      { agent: 'bear', direction: 0, confidence: 0, abstained: true },
    ]);
    expect(t1.exit).toMatchObject({ action: 'sell', votes: [{ agent: 'bull', direction: -0.7, reason: 'trend broke' }] });
    const [t2] = report('2023-08-02').trades;
    expect(t2.entry).toMatchObject({ time: AUG1 + 20 * H, action: 'buy' });
    expect(t2.exit).toBeUndefined();
  });

  it("lists the account's breaker and kill-switch events, from alerts and from trips only the state rows kept", () => {
    const { events } = report('2023-08-02');
    expect(events.map((e) => [e.kind, e.name, e.from])).toEqual([
      ['breaker', 'daily-loss', 'alert'],
      ['kill-switch', 'halt', 'alert'],
      ['breaker', 'stale-data', 'breaker_state'],
    ]);
    expect(report('2023-08-01').events).toEqual([]);
  });

  it('Sharpe and max drawdown to date come from daily points and bar closes since the first fill', () => {
    const d2 = report('2023-08-02');
    expect(d2.toDate.since).toBe(AUG1);
    expect(d2.toDate.days).toBe(2);
    const r1 = 1_010.535 / 1_000 - 1;
    const r2 = 1_010.289 / 1_010.535 - 1;
    const mean = (r1 + r2) / 2;
    const std = Math.sqrt(((r1 - mean) ** 2 + (r2 - mean) ** 2) / 1);
    expect(d2.toDate.sharpe).toBeCloseTo((mean / std) * Math.sqrt(365), 6);
    expect(d2.toDate.maxDrawdownPct).toBeGreaterThan(0);
    expect(d2.toDate.returnPct).toBeCloseTo(1.0289, 9);
    // One day gives one daily return: no Sharpe yet.
    expect(Number.isNaN(report('2023-08-01').toDate.sharpe)).toBe(true);
  });

  it('a day without activity is an empty report that says so', () => {
    for (const date of ['2023-07-31', '2023-08-05']) {
      const r = report(date);
      expect(r).toMatchObject({ empty: true, trades: [], openPositions: [], events: [], fills: 0, pnl: 0 });
      expect(r.headline).toMatch(/^No activity on paper:binance on /);
      expect(renderDailyReport(r)).toContain('No trade closed this day.');
      expect(parseCsv(renderJournalCsv(r))).toEqual([[...JOURNAL_COLUMNS]]);
      expect(dailyReportAlert(r)).toMatchObject({ level: 'info', message: `Quorum daily report paper:binance ${date}: no activity.` });
    }
    // A live account's equity is its sessions' budgets plus Quorum's fills.
    expect(report('2023-08-01', 'live:binance')).toMatchObject({ empty: true, equity: { start: 500, end: 500, basis: 'session-budgets' } });
  });

  it("today's report stops at now", () => {
    const r = report('2023-08-02', 'paper:binance', AUG2 + 2 * H);
    expect(r).toMatchObject({ complete: false, asOf: AUG2 + 2 * H });
    expect(r.events).toHaveLength(1);
    expect(r.headline).toMatch(/so far, up to 02:00 UTC/);
  });

  it('refuses a day not begun yet, and an unknown account', () => {
    expect(() => report('2023-08-03', 'paper:binance', AUG2)).toThrow(ConfigError);
    expect(() => report('2023-08-03', 'paper:binance', AUG2)).toThrow(/--date 2023-08-03 has not begun yet/);
    expect(() => report('2023-08-01', 'paper:kraken')).toThrow(DataError);
    expect(() => report('2023-08-01', 'paper:kraken')).toThrow(/No account paper:kraken \(accounts: live:binance, paper:binance\)/);
  });

  it('renders self-contained HTML, a CSV journal with one row per trade, a text summary and an alert', () => {
    const d2 = report('2023-08-02');
    const html = renderDailyReport(d2);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|\shref=/i);
    expect(html).toContain('<svg');
    expect(html.match(/<tr class="trade">/g)).toHaveLength(1);
    expect(html).toContain('stop-loss');
    const rows = parseCsv(renderJournalCsv(report('2023-08-01')));
    expect(rows[0]).toEqual([...JOURNAL_COLUMNS]);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(JOURNAL_COLUMNS.map((c, i) => [c, rows[1][i]]));
    expect(row).toMatchObject({ date: '2023-08-01', account: 'paper:binance', symbol: SYMBOL, side: 'long', size: '10', entry_price: '11', exit_by: 'exit' });
    expect(Number(row.pnl)).toBeCloseTo(4.775, 12);
    expect(row.entry_votes).toBe('bull +0.80 (conf 0.90): trend up, strong | bear abstained');
    expect(dailyReportText(d2)).toMatch(/P&L -0\.25 USDT/);
    expect(dailyReportAlert(d2)).toMatchObject({ level: 'warning', source: 'report:paper:binance' });
    expect(dailyReportAlert(d2).message).toMatch(/^Quorum daily report paper:binance 2023-08-02: P&L -0\.25 USDT .*3 breaker\/kill-switch event/);
  });

  it("the day-end job: every account's non-empty report of the day just over, with file names, and when to run next", () => {
    expect(dailyReportsFor(db, '2023-08-01', NOW).map((r) => r.account)).toEqual(['paper:binance']);
    // The kill switch is the whole app's: its trip is an event of every account that day.
    const aug2 = dailyReportsFor(db, '2023-08-02', NOW);
    expect(aug2.map((r) => r.account)).toEqual(['live:binance', 'paper:binance']);
    // …and the executor's report on live:binance is that account's alone.
    expect(aug2[0].events.map((e) => e.message)).toEqual(['Kill switch tripped: halt by ui: test', 'Kill switch halt (test): 1 order(s) cancelled']);
    expect(dailyReportsFor(db, '2023-08-05', NOW)).toEqual([]);
    const files = dailyReportFiles(report('2023-08-01'));
    expect(files.html.name).toBe('quorum-daily-paper_binance-2023-08-01.html');
    expect(files.csv.name).toBe('quorum-daily-paper_binance-2023-08-01.csv');
    expect(files.html.text).toContain('<!DOCTYPE html>');
    expect(nextDailyRun(AUG2 - 1)).toEqual({ at: AUG2 + 60_000, date: '2023-08-01' });
    expect(nextDailyRun(AUG2 + 30_000)).toEqual({ at: AUG2 + 60_000, date: '2023-08-01' });
    expect(nextDailyRun(AUG2 + 60_001)).toEqual({ at: AUG2 + 24 * H + 60_000, date: '2023-08-02' });
  });
});
