// Statistics of a paper or live run, the same BacktestStats a backtest gets: its equity curve rebuilt from the session's
// fills and the stored candles of its symbol and timeframe between its start and end (see equity-replay.ts).
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import { exchangeOf } from '../accounts/account-id';
import { AccountsRepository } from '../accounts/accounts-repo';
import { SessionsRepository } from '../accounts/sessions-repo';
import { computeStats } from '../backtest/metrics/stats';
import type { BacktestStats, TradeRecord } from '../backtest/metrics/types';
import type { CandleStore } from '../data/candle-store';
import { RunsRepository } from '../store/runs-repo';
import { Portfolio } from '../trading/portfolio';
import { accountFills } from './account-fills';
import { EquityReplay, loadMarks } from './equity-replay';

export interface RunRebuild {
  stats: BacktestStats;
  /** Trades the run closed (a position opened by an earlier run of the session and closed in this one counts here). */
  trades: TradeRecord[];
  /** Bar (open) times of the bars that closed during the run, and the equity at each bar's close. */
  time: Float64Array;
  equity: Float64Array;
  /** Fills the run made. */
  fills: number;
  notes: string[];
}

export interface RunRebuildOptions {
  /** The run's end: its bars are those closing after its start and at or before this (default: runs.ended_at, else now). */
  endAt?: number;
  /**
   * Fills up to this time count (default `endAt`). A run finishing now takes every fill of its session (Infinity): the
   * answer to its last bar may be stamped by the venue a moment after the local clock's "now".
   */
  fillsUntil?: number;
  /** Cash the session's books started from (default: the sessions row's budget). */
  startingCash?: number;
  now?: () => number;
}

/**
 * The run's statistics, or undefined when it is not a paper/live run of a known session. Fills of the session up to the
 * run's start are its opening books (earlier runs); fills after it, up to the end, are the run's. Each bar's equity is
 * the books as of its close; the last bar also takes every later fill up to `fillsUntil`.
 */
export function rebuildRun(db: Database, candles: CandleStore, runId: number, options: RunRebuildOptions = {}): RunRebuild | undefined {
  const run = new RunsRepository(db).get(runId);
  if (!run || run.kind === 'backtest' || !run.symbol || !run.timeframe || !(run.timeframe in TIMEFRAME_MS)) return undefined;
  const session = new SessionsRepository(db).get(Number(run.params.session));
  const account = session && new AccountsRepository(db).get(session.accountId);
  if (!session || !account) return undefined;
  const timeframe = run.timeframe as Timeframe;
  const endAt = options.endAt ?? run.endedAt ?? (options.now ?? Date.now)();
  const fillsUntil = options.fillsUntil ?? endAt;
  const all = accountFills(db, account.id, { sessionId: session.id });
  const opening = all.filter((f) => f.time <= run.startedAt);
  const own = all.filter((f) => f.time > run.startedAt && f.time <= fillsUntil);
  const books = new Portfolio(options.startingCash ?? session.budget, account.quote);
  for (const f of opening) books.applyFill(f);
  const tradesBefore = books.trades.length;
  const marks = loadMarks(candles, { exchange: exchangeOf(account.profile), symbol: run.symbol, timeframe }, run.startedAt, endAt);
  const n = marks.closeTime.length;
  const replay = new EquityReplay(books, own, [marks]);
  const equity = new Float64Array(n);
  const exposure = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const seen = books.closed.length;
    if (i === n - 1) replay.drain();
    else replay.advanceTo(marks.closeTime[i]);
    equity[i] = books.equity();
    exposure[i] = books.sizeOf(run.symbol) !== 0 || books.closed.length !== seen ? 1 : 0;
  }
  replay.drain();
  const trades = books.trades.slice(tradesBefore);
  const feesPaid = own.reduce((sum, f) => sum + f.fee, 0);
  const stats = computeStats({ time: marks.barTime, equity, close: marks.close, exposure, trades, feesPaid });
  const notes = [
    `${run.kind === 'paper' ? 'Paper' : 'Live'} run of session ${session.id} on ${account.id}: statistics rebuilt from its ${own.length} fill(s) ` +
      `and ${n} stored ${timeframe} bar(s), equity at each bar's close${opening.length > 0 ? `, books opened from ${opening.length} earlier fill(s)` : ''}.`,
  ];
  if (n === 0) notes.push('No stored bar closed during the run: there is no equity curve.');
  return { stats, trades, time: marks.barTime, equity, fills: own.length, notes };
}
