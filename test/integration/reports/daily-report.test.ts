// Daily reports of a paper account that traded across a UTC midnight on the exchange emulator (historical FIL/USDT
// candles, the desk's clock following them): each day's trades, P&L and fees add up to the session's; the HTML is
// self-contained, the CSV has one row per trade, and `quorum report daily` prints the summary and writes both files.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Engine } from '../../../electron/engine/engine';
import { captureLogger } from '../../support/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDailyReport, type DailyReport } from '../../../electron/engine/reports/daily-report';
import { renderDailyReport } from '../../../electron/engine/reports/daily-html';
import { JOURNAL_COLUMNS, renderJournalCsv } from '../../../electron/engine/reports/journal-csv';
import { accountFills } from '../../../electron/engine/reports/account-fills';
import { openStore } from '../../../electron/engine/store/database';
import { Portfolio } from '../../../electron/engine/trading/portfolio';
import { hasSharedData } from '../../shared-data';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';
import { parseCsv } from '../../unit/reports/csv';

const dir = tempDir();
const DAY1 = Date.UTC(2023, 7, 1);
const DAY2 = DAY1 + 86_400_000;
/** FIL/USDT 1m from 2023-08-01 00:00: candle 1340 is 22:20, so ~100 bars trade on each side of midnight. */
const START_INDEX = 1_340;
const BARS = 200;

let rig: Rig | undefined;
let dbPath = '';
/** What the session ended with: its P&L (budget = the account's cash), its fills' fees and closed trades. */
let session = { pnl: 0, fees: 0, trades: 0, fills: 0 };
let reports: Record<string, DailyReport> = {};

beforeAll(async () => {
  if (!hasSharedData) return;
  const r = (rig = await tradingRig(dir, 'daily.db', { startIndex: START_INDEX }));
  const engine = await r.open();
  await r.start({ mode: 'paper', cash: 10_000, budget: 10_000 });
  await r.bars(BARS);
  const { id } = engine.desk.status().sessions[0];
  engine.desk.stop(id);
  const fills = accountFills(engine.store.db, 'paper:binance');
  const books = new Portfolio(10_000);
  for (const f of fills) books.applyFill(f);
  session = {
    pnl: engine.desk.account('paper:binance')!.equity() - 10_000,
    fees: (engine.store.db.prepare('SELECT SUM(f.fee) AS fees FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.account_id = ?').get('paper:binance') as { fees: number }).fees,
    trades: books.trades.length,
    fills: fills.length,
  };
  dbPath = r.dbPath;
  r.close();
  const { db } = openStore(dbPath);
  try {
    for (const date of ['2023-08-01', '2023-08-02']) reports[date] = buildDailyReport(db, { account: 'paper:binance', date });
  } finally {
    db.close();
  }
}, 60_000);

afterAll(async () => {
  await rig?.dispose();
  reports = {};
});

describe.skipIf(!hasSharedData)('daily report across a UTC midnight', () => {
  it('splits the trades by the day they closed; P&L and fees of the two days add up to the session', () => {
    const d1 = reports['2023-08-01'];
    const d2 = reports['2023-08-02'];
    expect(d1.trades.length).toBeGreaterThan(0);
    expect(d2.trades.length).toBeGreaterThan(0);
    for (const t of d1.trades) expect(t.exitTime >= DAY1 && t.exitTime < DAY2).toBe(true);
    for (const t of d2.trades) expect(t.exitTime >= DAY2 && t.exitTime < DAY2 + 86_400_000).toBe(true);
    expect(d1.trades.length + d2.trades.length).toBe(session.trades);
    expect(d1.fills + d2.fills).toBe(session.fills);
    expect(d1.equity.start).toBe(10_000);
    expect(d2.equity.start).toBe(d1.equity.end);
    expect(Math.abs(d1.pnl + d2.pnl - session.pnl)).toBeLessThan(0.005);
    expect(d1.fees + d2.fees).toBeCloseTo(session.fees, 9);
    expect(d1.realizedPnl + d2.realizedPnl).toBeCloseTo(d1.trades.concat(d2.trades).reduce((s, t) => s + t.pnl, 0), 9);
  });

  it('shows the votes of the decisions that opened and closed each trade', () => {
    for (const t of [...reports['2023-08-01'].trades, ...reports['2023-08-02'].trades]) {
      expect(t.entry).toMatchObject({ action: 'buy', votes: [{ agent: 'sma-cross', direction: 1, reason: expect.stringMatching(/crossed above/) }] });
      expect(t.entry!.time).toBeLessThan(t.entryTime);
      if (t.exitBy === 'exit') expect(t.exit).toMatchObject({ action: 'sell', votes: [{ agent: 'sma-cross', reason: expect.stringMatching(/crossed below/) }] });
    }
  });

  it('reports the loss-streak breaker the session tripped, and Sharpe and drawdown to date', () => {
    const all = [...reports['2023-08-01'].events, ...reports['2023-08-02'].events];
    // Its alert is stamped by the wall clock (the engine's alerts are), so here the trip comes from breaker_state.
    expect(all).toContainEqual(expect.objectContaining({ kind: 'breaker', name: 'consecutive-losses', message: expect.stringMatching(/on paper:binance tripped/) }));
    for (const e of all) expect(e.time >= DAY1 && e.time < DAY2 + 86_400_000).toBe(true);
    const d2 = reports['2023-08-02'];
    expect(d2.toDate).toMatchObject({ since: DAY1, days: 2 });
    expect(Number.isFinite(d2.toDate.sharpe)).toBe(true);
    expect(d2.toDate.maxDrawdownPct).toBeGreaterThanOrEqual(reports['2023-08-01'].toDate.maxDrawdownPct);
  });

  it('renders self-contained HTML with the trade rows and a CSV journal with one row per trade', () => {
    for (const r of Object.values(reports)) {
      const html = renderDailyReport(r);
      expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*https?:/i);
      expect(html).not.toMatch(/https?:\/\//);
      expect(html.match(/<tr class="trade">/g)).toHaveLength(r.trades.length);
      const rows = parseCsv(renderJournalCsv(r));
      expect(rows[0]).toEqual([...JOURNAL_COLUMNS]);
      expect(rows).toHaveLength(r.trades.length + 1);
      for (const row of rows.slice(1)) expect(row).toHaveLength(JOURNAL_COLUMNS.length);
      const pnl = JOURNAL_COLUMNS.indexOf('pnl');
      expect(rows.slice(1).reduce((s, row) => s + Number(row[pnl]), 0)).toBeCloseTo(r.realizedPnl, 9);
    }
  });

  it('`quorum report daily` prints the summary and writes the HTML and the CSV', async () => {
    const html = join(dir, 'day2.html');
    const csv = join(dir, 'day2.csv');
    const res = await quorum('report', 'daily', '--account', 'binance', '--date', '2023-08-02', '--html', html, '--csv', csv, '--db', dbPath);
    expect(res).toMatchObject({ code: 0, err: '' });
    const d2 = reports['2023-08-02'];
    expect(res.out).toContain('Daily report paper:binance, 2023-08-02 (UTC)');
    expect(res.out).toContain(`Trades closed: ${d2.trades.length} (`);
    expect(res.out).toContain(`Wrote the HTML report to ${html}`);
    expect(existsSync(html) && existsSync(csv)).toBe(true);
    expect(readFileSync(html, 'utf8').match(/<tr class="trade">/g)).toHaveLength(d2.trades.length);
    expect(parseCsv(readFileSync(csv, 'utf8'))).toHaveLength(d2.trades.length + 1);
    const json = await quorum('report', 'daily', '--account', 'paper:binance', '--date', '2023-08-01', '--json', '--db', dbPath);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ account: 'paper:binance', date: '2023-08-01', trades: { length: reports['2023-08-01'].trades.length } });
  });

  it("the engine's day-end job writes each day's HTML and CSV to exports/reports and raises an alert naming it", () => {
    const engine = Engine.start({ dbPath, host: 'test', logger: captureLogger().logger });
    try {
      const files = engine.dayEnd.runFor('2023-08-01');
      expect(files.map((f) => basename(f))).toEqual(['quorum-daily-paper_binance-2023-08-01.html', 'quorum-daily-paper_binance-2023-08-01.csv']);
      expect(files.every((f) => f.startsWith(join(dirname(dbPath), 'exports', 'reports')))).toBe(true);
      expect(readFileSync(files[0], 'utf8')).toContain('2023-08-01');
      const [alert] = engine.alerts.list(5).filter((a) => a.source === 'report:paper:binance');
      expect(alert.message).toMatch(/^Quorum daily report paper:binance 2023-08-01: P&L .* \(report: quorum-daily-paper_binance-2023-08-01\.html\)$/);
    } finally {
      engine.close();
    }
  });

  it('a day without activity is an empty report, not an error', async () => {
    const res = await quorum('report', 'daily', '--account', 'binance', '--mode', 'paper', '--date', '2023-07-30', '--db', dbPath);
    expect(res.code).toBe(0);
    expect(res.out).toContain('No activity on paper:binance on 2023-07-30 (UTC)');
  });

  it('a bad --date, --mode or account is a clear error naming it', async () => {
    const bad = await quorum('report', 'daily', '--account', 'binance', '--date', '2023-02-30', '--db', dbPath);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^quorum report daily: --date must be a UTC day written YYYY-MM-DD \(e\.g\. 2026-11-30\), got "2023-02-30"/);
    const mode = await quorum('report', 'daily', '--account', 'binance', '--mode', 'demo', '--date', '2023-08-01', '--db', dbPath);
    expect(mode).toMatchObject({ code: 2, err: expect.stringMatching(/--mode must be paper or live, got "demo"/) });
    const unknown = await quorum('report', 'daily', '--account', 'kraken', '--date', '2023-08-01', '--db', dbPath);
    expect(unknown).toMatchObject({ code: 1, err: expect.stringMatching(/No account for --account kraken \(accounts: paper:binance\)/) });
    const missing = await quorum('report', 'daily', '--date', '2023-08-01', '--db', dbPath);
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/Missing required option --account/) });
  });
});
