// The run replayed through the backtester: the same stored candles (with the run's warm-up window before its first
// bar), strategy, params, panel settings, sizing, commission and market rules, filled at each bar's close as the
// desk's market orders are sent right after it.
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS } from '../../../shared/domain';
import { SESSION_DEFAULT_SIZING } from '../accounts/session-runner';
import type { BacktestRiskSettings } from '../backtest/backtest-risk';
import { runBacktest, type BacktestResult } from '../backtest/run-backtest';
import { storedMarketRules } from '../backtest/stored-market';
import { CandleStore } from '../data/candle-store';
import { unrestrictedMarket, type MarketRules } from '../model/market';
import type { StrategyBase } from '../strategies/registry';
import { MemoryRecorder } from '../trading/recorder';
import { Portfolio } from '../trading/portfolio';
import type { DriftReport } from '../../../shared/drift-contract';
import type { RunRecord } from './run-record';

export interface ReplayOptions {
  /** The app's panel settings (and model library) the run's strategy started from. */
  strategyBase?: StrategyBase;
  /** The app's limits and breakers, on a replay-local state; false: none. Default: none given means the defaults. */
  risk?: BacktestRiskSettings | false;
  /** The venue's rules (amount step, minimums) when the caller knows them (an open account's exchange). */
  market?: MarketRules;
}

export interface Replay {
  result: BacktestResult;
  recorder: MemoryRecorder;
  settings: DriftReport['replay'];
  /** The stored close of a replayed bar (by open time). */
  closeAt: (time: number) => number;
  notes: string[];
}

/** The run's window: the session keeps this many bars (RollingSeries), so the strategy saw as many before each bar. */
const DEFAULT_WINDOW = 1000;

export async function replayRun(db: Database, record: RunRecord, options: ReplayOptions = {}): Promise<Replay | undefined> {
  const { decisions, session, key } = record;
  if (decisions.length === 0) return undefined;
  const request = session.request;
  const tf = TIMEFRAME_MS[record.timeframe];
  const from = decisions[0].time;
  const to = decisions[decisions.length - 1].time;
  const warmupBars = request.windowBars ?? DEFAULT_WINDOW;
  const series = new CandleStore(db).load(key, { from: from - warmupBars * tf, to: to + tf });
  const notes: string[] = [];
  if (series.length === 0 || series.time[series.length - 1] < to) {
    notes.push(`The stored ${key.exchange}:${key.symbol}:${key.timeframe} candles do not reach the run's last bar: the replay stops where they end.`);
  }
  if (series.length === 0) return undefined;
  const books = new Portfolio(session.budget);
  for (const f of record.openingFills) books.applyFill(f);
  if (books.sizeOf(key.symbol) !== 0) {
    notes.push(`The run started holding ${books.sizeOf(key.symbol)} ${key.symbol} from earlier runs of session ${session.id}; the replay starts flat with that cash.`);
  }
  const market = marketFor(db, record, options.market);
  if (market.from !== 'given' && market.from !== 'stored instrument') {
    notes.push(`The venue's amount step was not stored: ${market.from === 'default' ? 'the replay trades in steps of 1e-8' : `${market.rules.amountStep}, the coarsest step all the run's entry amounts sit on`}.`);
  }
  const sizing = request.sizing ?? SESSION_DEFAULT_SIZING;
  const commission = request.commission ?? 0.001;
  const recorder = new MemoryRecorder();
  const risk = options.risk ?? {};
  const result = await runBacktest({
    series, symbol: key.symbol, timeframe: key.timeframe, strategy: request.strategy, params: request.params, strategyBase: options.strategyBase,
    cash: books.cash, commission, fill: 'close', sizing, market: market.rules, risk, from, to, recorder, recordHolds: true,
  });
  const closes = new Map<number, number>();
  for (let k = 0; k < series.length; k++) closes.set(series.time[k], series.close[k]);
  return {
    result, recorder, notes, closeAt: (time) => closes.get(time) ?? Number.NaN,
    settings: {
      cash: books.cash, commission, sizing, fill: 'close', amountStep: market.rules.amountStep, marketFrom: market.from, warmupBars,
      risk: risk === false ? 'off' : 'the stored limits and circuit breakers, on a replay-local state (bar time)',
    },
  };
}

function marketFor(db: Database, record: RunRecord, given: MarketRules | undefined): { rules: MarketRules; from: DriftReport['replay']['marketFrom'] } {
  const { symbol, exchange } = record.key;
  if (given) return { rules: given, from: 'given' };
  const stored = storedMarketRules(db, exchange, symbol);
  if (stored) return { rules: stored, from: 'stored instrument' };
  const step = inferredStep(record.orders.filter((o) => o.role === 'entry').map((o) => o.amount));
  if (step !== undefined) return { rules: { ...unrestrictedMarket(symbol), amountStep: step }, from: 'inferred from the run\'s orders' };
  return { rules: unrestrictedMarket(symbol), from: 'default' };
}

/** The coarsest power-of-ten step (1 down to 1e-8) every amount is a multiple of; undefined without amounts. */
export function inferredStep(amounts: readonly number[]): number | undefined {
  if (amounts.length === 0) return undefined;
  for (let decimals = 0; decimals <= 8; decimals++) {
    const scale = 10 ** decimals;
    if (amounts.every((a) => Math.abs(a * scale - Math.round(a * scale)) < 1e-6)) return 1 / scale;
  }
  return 1e-8;
}
