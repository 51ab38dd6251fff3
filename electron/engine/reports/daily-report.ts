// An account's daily report for one UTC day: equity at its start and end, P&L, fees, the trades that closed that day
// with the votes of the decisions that opened and closed them, breaker and kill-switch events, open positions at the
// day's end, and Sharpe and max drawdown to date. Everything is rebuilt from the journal and the stored candles, so a
// report for any past day can be made again at any time (conventions: see `conventions` in the report).
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../../shared/domain';
import { exchangeOf } from '../accounts/account-id';
import { AccountsRepository, type AccountRow } from '../accounts/accounts-repo';
import { SessionsRepository, type SessionRow } from '../accounts/sessions-repo';
import { drawdownStats } from '../backtest/metrics/drawdown';
import { sharpeRatio } from '../backtest/metrics/ratios';
import { returnMoments } from '../backtest/metrics/returns';
import { CandleStore } from '../data/candle-store';
import { ConfigError, DataError } from '../errors';
import { Portfolio } from '../trading/portfolio';
import { accountFills, type ReportFill } from './account-fills';
import { DecisionVotes, type DecisionSummary } from './decision-votes';
import { EquityReplay, loadMarks, type MarkSeries } from './equity-replay';
import { signed } from './report-format';
import { riskEvents, type RiskEvent } from './risk-events';
import { TradeBook } from './trade-book';
import { DAY_MS, parseUtcDay, utcDayStart } from './utc-day';

export interface ReportTrade {
  symbol: string;
  sessionId: number | null;
  strategy?: string;
  side: 'long' | 'short';
  /** Units traded (always positive; `side` says the direction). */
  size: number;
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
  /** The whole trade's cash P&L, net of its entry and exit fees. */
  pnl: number;
  returnPct: number;
  fees: number;
  /** How it was closed: the exit order's role (exit = a signal; stop-loss, take-profit, flatten). */
  exitBy: string | null;
  entry?: DecisionSummary;
  exit?: DecisionSummary;
}

export interface ReportPosition {
  symbol: string;
  sessionId: number | null;
  strategy?: string;
  size: number;
  entryPrice: number;
  openedAt: number;
  /** The price it is valued at when the report's day ends. */
  mark: number;
  /** size × (mark − entry price), before the exit's fee. */
  unrealizedPnl: number;
  entry?: DecisionSummary;
}

export interface DailyReport {
  account: string;
  mode: 'paper' | 'live';
  quote: string;
  /** The UTC day, YYYY-MM-DD, and its bounds [from, to). */
  date: string;
  from: number;
  to: number;
  /** Where the numbers stop: the day's end, or the report's "now" while the day is still going. */
  asOf: number;
  complete: boolean;
  /** Nothing happened: no fills, no closed trades, no breaker or kill-switch events, nothing held. */
  empty: boolean;
  headline: string;
  equity: { start: number; end: number; basis: 'paper-cash' | 'session-budgets'; basisAmount: number };
  /** equity.end − equity.start (realized and unrealized), and as a percentage of equity.start. */
  pnl: number;
  pnlPct: number;
  /** Sum of the P&L of the trades that closed this day. */
  realizedPnl: number;
  /** Fees of this day's fills. */
  fees: number;
  fills: number;
  won: number;
  lost: number;
  /** Deepest fall below the day's running peak of the equity at its bar closes, percent. */
  dayMaxDrawdownPct: number;
  trades: ReportTrade[];
  openPositions: ReportPosition[];
  events: RiskEvent[];
  toDate: {
    /** 00:00 UTC of the day of the account's first fill (or of this day). */
    since: number;
    /** Daily returns the Sharpe ratio is computed from. */
    days: number;
    returnPct: number;
    sharpe: number;
    maxDrawdownPct: number;
  };
  /** The day's equity: at its start, at every stored bar close, and at its end. */
  curve: { time: number[]; equity: number[] };
  conventions: string[];
}

export interface DailyReportRequest {
  /** The account id, e.g. 'paper:binance' or 'live:binance:main'. */
  account: string;
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** The report's clock (default Date.now): a day not over yet is reported up to it. */
  now?: number;
  candles?: CandleStore;
}

/** The finest timeframe a position in `symbol` can be valued on: its sessions' timeframes first, then any stored one. */
function markTimeframe(candles: CandleStore, exchange: string, symbol: string, sessions: readonly SessionRow[]): Timeframe | undefined {
  const fromSessions = sessions.filter((s) => s.request.symbol === symbol).map((s) => s.request.timeframe as Timeframe);
  const candidates = [...[...new Set(fromSessions)].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]), ...TIMEFRAMES];
  return candidates.find((timeframe) => candles.extent({ exchange, symbol, timeframe }) !== undefined);
}

interface Basis {
  basis: DailyReport['equity']['basis'];
  amount: number;
}

/** Paper: the account's starting cash (its balances are that plus its fills). Live: the capital given to its sessions. */
function equityBasis(row: AccountRow, sessions: readonly SessionRow[]): Basis {
  if (row.mode === 'paper') return { basis: 'paper-cash', amount: row.paperCash ?? 10_000 };
  return { basis: 'session-budgets', amount: sessions.reduce((sum, s) => sum + s.budget, 0) };
}

/** Sorted, without repeats. */
function sortedTimes(parts: readonly ArrayLike<number>[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) all[at++] = p[i];
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i];
  return all.subarray(0, n);
}

function conventionsOf(row: AccountRow, basis: Basis): string[] {
  const q = row.quote;
  return [
    'The day is [00:00, 24:00) UTC. Equity as of a time is the books after every fill before it, each position valued at the close of the last stored bar that closed at or before it (or a later fill\'s price). The P&L is equity at the day\'s end minus equity at its start: realized and unrealized, and consecutive days add up.',
    `Fees are those of the day's fills, in ${q} (a fee charged in the base asset is converted at the fill's price).`,
    'A trade is listed on the day its closing fill happened; its P&L and fees are the whole trade\'s (its entry fee may have been paid on an earlier day). Trades are counted per session, as each session\'s books count them.',
    basis.basis === 'paper-cash'
      ? `Equity is the paper account's: its starting cash (${basis.amount} ${q}) plus every fill of its journal.`
      : `Live: wallet balances are not kept over time, so equity is the capital given to the account's sessions (the sum of their budgets, ${basis.amount} ${q}) plus what Quorum's own fills made of it. P&L and fees are exact; the equity level, and so the percentages, are nominal.`,
    'Sharpe to date: daily returns of the equity at each 00:00 UTC since the day of the account\'s first fill (the last return ends at the report\'s end), mean / sample standard deviation × √365, risk-free rate 0. Max drawdown to date: the deepest fall below the running peak of the equity at every stored bar close since then.',
  ];
}

/** Builds the report; an unknown account is a DataError, a bad or future date a ConfigError naming `date`. */
export function buildDailyReport(db: Database, request: DailyReportRequest): DailyReport {
  const day = parseUtcDay(request.date);
  const now = request.now ?? Date.now();
  if (day.from > now) {
    throw new ConfigError(`--date ${day.date} has not begun yet (it is ${new Date(now).toISOString()} UTC)`, 'CLI_ARGS', { field: 'date', value: day.date });
  }
  const row = new AccountsRepository(db).get(request.account);
  if (!row) {
    const known = new AccountsRepository(db).list().map((a) => a.id);
    throw new DataError(`No account ${request.account}${known.length > 0 ? ` (accounts: ${known.join(', ')})` : ' (no account has traded in this database yet)'}`,
      'ACCOUNT_UNKNOWN', { field: 'account', value: request.account });
  }
  const candles = request.candles ?? new CandleStore(db);
  const sessions = new SessionsRepository(db).list(row.id);
  const strategyOf = new Map(sessions.map((s) => [s.id, s.request.strategy]));
  const asOf = Math.min(day.to, now);
  const fills = accountFills(db, row.id).filter((f) => f.time < asOf);
  const since = fills.length > 0 ? Math.min(day.from, utcDayStart(fills[0].time)) : day.from;
  const exchange = exchangeOf(row.profile);
  const marks: MarkSeries[] = [];
  for (const symbol of new Set(fills.map((f) => f.symbol))) {
    const timeframe = markTimeframe(candles, exchange, symbol, sessions);
    if (timeframe) marks.push(loadMarks(candles, { exchange, symbol, timeframe }, since, asOf));
  }
  const basis = equityBasis(row, sessions);

  // One pass over time: the equity at every midnight (Sharpe), at every bar close (drawdown, the day's curve), at the ends.
  const midnights: number[] = [];
  for (let t = since; t < asOf; t += DAY_MS) midnights.push(t);
  midnights.push(asOf);
  const times = sortedTimes([midnights, ...marks.map((m) => m.closeTime)]).filter((t) => t >= since && t <= asOf);
  const book = new TradeBook();
  const replay = new EquityReplay(new Portfolio(basis.amount, row.quote), fills, marks, (f) => book.apply(f));
  const equity = new Float64Array(times.length);
  const daily: number[] = [];
  let m = 0;
  for (let i = 0; i < times.length; i++) {
    replay.advanceTo(times[i]);
    equity[i] = replay.equity();
    if (times[i] === midnights[m]) {
      daily.push(equity[i]);
      m++;
    }
  }
  const dayStart = times.indexOf(day.from);
  const start = equity[dayStart];
  const end = equity[times.length - 1];
  const dayTimes = times.subarray(dayStart);
  const dayEquity = equity.subarray(dayStart);

  const votes = new DecisionVotes(db);
  // Only the loop's own entries and exits answer a decision; a flatten or a stop shares its id scheme or none at all.
  const decisionOf = (f: ReportFill | undefined) => (f && (f.role === null || f.role === 'entry' || f.role === 'exit') ? votes.forOrder(f) : undefined);
  const trades: ReportTrade[] = book.trades.filter((t) => t.exitTime >= day.from && t.exitTime < day.to).map((t) => {
    const entry = decisionOf(t.entryFill);
    const exit = decisionOf(t.exitFill);
    const strategy = t.sessionId === null ? undefined : strategyOf.get(t.sessionId);
    return {
      symbol: t.symbol, sessionId: t.sessionId, ...(strategy ? { strategy } : {}), side: t.size > 0 ? 'long' : 'short', size: Math.abs(t.size),
      entryTime: t.entryTime, entryPrice: t.entryPrice, exitTime: t.exitTime, exitPrice: t.exitPrice, pnl: t.pnl, returnPct: t.returnPct, fees: t.fees,
      exitBy: t.exitFill.role, ...(entry ? { entry } : {}), ...(exit ? { exit } : {}),
    };
  });
  const openPositions: ReportPosition[] = book.positions().map((p) => {
    const mark = replay.markOf(p.symbol);
    const entry = decisionOf(p.entryFill);
    const strategy = p.sessionId === null ? undefined : strategyOf.get(p.sessionId);
    return {
      symbol: p.symbol, sessionId: p.sessionId, ...(strategy ? { strategy } : {}), size: p.size, entryPrice: p.entryPrice, openedAt: p.openedAt,
      mark, unrealizedPnl: p.size * (mark - p.entryPrice), ...(entry ? { entry } : {}),
    };
  });
  const dayFills = fills.filter((f) => f.time >= day.from);
  // Up to the report's end (its "now" included) for a day still going.
  const events = riskEvents(db, row.id, day.from, Math.min(day.to, asOf + 1));
  const empty = dayFills.length === 0 && trades.length === 0 && events.length === 0 && openPositions.length === 0 && !hadPositionAt(fills, day.from);
  const pnl = end - start;
  const dailyPoints = Float64Array.from(daily);
  const moments = returnMoments(dailyPoints);
  const report: DailyReport = {
    account: row.id, mode: row.mode, quote: row.quote, date: day.date, from: day.from, to: day.to, asOf, complete: asOf === day.to, empty, headline: '',
    equity: { start, end, basis: basis.basis, basisAmount: basis.amount },
    pnl, pnlPct: start > 0 ? (pnl / start) * 100 : Number.NaN,
    realizedPnl: trades.reduce((sum, t) => sum + t.pnl, 0),
    fees: dayFills.reduce((sum, f) => sum + f.fee, 0),
    fills: dayFills.length,
    won: trades.filter((t) => t.pnl > 0).length,
    lost: trades.filter((t) => t.pnl < 0).length,
    dayMaxDrawdownPct: drawdownStats(dayTimes, dayEquity).maxDrawdown * 100,
    trades, openPositions, events,
    toDate: {
      since, days: moments.count,
      returnPct: equity[0] > 0 ? (end / equity[0] - 1) * 100 : Number.NaN,
      sharpe: sharpeRatio({ moments, annReturn: Number.NaN, annVolatility: Number.NaN, periodsPerYear: 365, riskFreeRate: 0, convention: 'mean-std' }),
      maxDrawdownPct: drawdownStats(times, equity).maxDrawdown * 100,
    },
    curve: { time: Array.from(dayTimes), equity: Array.from(dayEquity) },
    conventions: conventionsOf(row, basis),
  };
  report.headline = headlineOf(report);
  return report;
}

/** Whether any position was open at `t` (before the fills at t). */
function hadPositionAt(fills: readonly ReportFill[], t: number): boolean {
  const sizes = new Map<string, number>();
  for (const f of fills) {
    if (f.time >= t) break;
    sizes.set(f.symbol, (sizes.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.amount : -f.amount));
  }
  return [...sizes.values()].some((s) => Math.abs(s) > 1e-9);
}

function headlineOf(r: DailyReport): string {
  if (r.empty) return `No activity on ${r.account} on ${r.date} (UTC): no fills, no closed trades, no breaker or kill-switch events, nothing held.`;
  const partial = r.complete ? '' : ` (so far, up to ${new Date(r.asOf).toISOString().slice(11, 16)} UTC)`;
  return `${r.account} on ${r.date}${partial}: P&L ${signed(r.pnl)} ${r.quote} (${signed(r.pnlPct)} %), ${r.trades.length} trade(s) closed, fees ${r.fees.toFixed(2)} ${r.quote}.`;
}
