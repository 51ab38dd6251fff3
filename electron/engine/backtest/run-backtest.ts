// A backtest is the live trading loop fed by a ReplayFeed and filled by the SimBroker; this wires them and scores the run.
import { computeStats } from './metrics/stats';
import type { BacktestStats, TradeRecord } from './metrics/types';
import { SimBroker } from '../execution/sim-broker/sim-broker';
import { parseSlippage } from '../execution/sim-broker/options';
import { unrestrictedMarket } from '../model/market';
import type { SignalSource } from '../model/signal';
import { createStrategy } from '../strategies/registry';
import type { ReasonCount } from '../trading/reason-tally';
import { MemoryRecorder, type Recorder, type RunSource } from '../trading/recorder';
import type { RiskGate } from '../trading/risk-gate';
import { TradingSession } from '../trading/session';
import { parseSizing } from '../trading/sizer';
import { BacktestRisk, barSpanMs, type BacktestRiskSettings, type BreakerTrip } from './backtest-risk';
import { BacktestCancelled } from './cancel';
import { checkBacktestOptions, CHECKPOINT_BARS, defaultSizing, type BacktestOptions } from './options';
import { firstAtOrAfter, ReplayFeed } from './replay-feed';
import { replay } from './replay-clock';
import { CountingRecorder } from './counting-recorder';
import { closedTradeExposure } from './trade-exposure';

export interface BacktestResult {
  stats: BacktestStats;
  trades: readonly TradeRecord[];
  /** Equity at each replayed bar's close. */
  equity: Float64Array;
  /** 1 where a position was held at the bar's close or a trade closed during the bar. */
  exposure: Uint8Array;
  /** Bar times of the replayed range, aligned with `equity`. */
  time: Float64Array;
  decisions: number;
  /** Decisions that acted (not 'hold'). */
  actions: number;
  orders: number;
  fills: number;
  vetoes: number;
  /** Why orders were vetoed, grouped by cause (first wording and count). */
  vetoReasons: ReasonCount[];
  /** Entries not sent because sizing gave 0 units or less than the market's minimum, with why (first wording, count). */
  skippedEntries: ReasonCount[];
  /** 'local': the given limits and breakers on a backtest-local risk state; 'gate': a given RiskGate; 'off': none. */
  risk: 'local' | 'gate' | 'off';
  /** Circuit breakers tripped during the replay, in bar time (only with a local risk state). */
  breakerTrips: BreakerTrip[];
  finalCash: number;
  finalPosition: number;
  recorder: Recorder;
}

function replayRange(o: BacktestOptions): [number, number] {
  const from = o.from === undefined ? 0 : firstAtOrAfter(o.series, o.from);
  const to = o.to === undefined ? o.series.length : firstAtOrAfter(o.series, o.to + 1);
  return [from, to];
}

interface Assembled {
  broker: SimBroker;
  session: TradingSession;
  counts: CountingRecorder;
  recorder: Recorder;
  /** The backtest-local risk state, when the run has one: fed by the replay, closed at the end. */
  local?: BacktestRisk;
}

function isGate(risk: RiskGate | BacktestRiskSettings): risk is RiskGate {
  return typeof (risk as Partial<RiskGate>).check === 'function';
}

/** The live loop's parts with the replay pieces plugged in: a SimBroker and an in-memory (or given) recorder. */
function assemble(options: BacktestOptions): Assembled {
  const { series, symbol } = options;
  const cash = options.cash ?? 10_000;
  const commission = options.commission ?? 0;
  const market = options.market ?? unrestrictedMarket(symbol);
  const allowShort = options.allowShort ?? false;
  const source: SignalSource =
    typeof options.strategy === 'string' ? createStrategy(options.strategy, options.params, options.strategyBase) : options.strategy;
  const spread = options.spread ?? 0;
  const broker = new SimBroker({ cash, commission, spread, slippage: parseSlippage(options.slippage), markets: [market], allowShort });
  const recorder = options.recorder ?? new MemoryRecorder();
  const counts = new CountingRecorder(recorder);
  const sizer = parseSizing(options.sizing ?? defaultSizing(symbol));
  const risk = options.risk || undefined;
  const gate = risk && isGate(risk) ? risk : undefined;
  // Last, after everything that may throw on bad options: it holds a database until the run closes it.
  const local = risk && !isGate(risk) ? new BacktestRisk(risk, symbol) : undefined;
  const session = new TradingSession(
    {
      symbol,
      source,
      broker,
      sizer,
      recorder: counts,
      run: { kind: 'backtest', params: { ...options.params }, timeframe: options.timeframe, startedAt: series.time[0], source: runSource(options) },
      risk: local ?? gate,
      market,
      feeRate: commission,
      spread,
      allowShort,
      // A stored run keeps a decision for every candle (holds too), so each bar's votes can be inspected later.
      recordHolds: options.recordHolds ?? options.recorder !== undefined,
      holdReasons: options.holdReasons ?? false,
      actingReasons: options.actingReasons ?? true,
    },
    cash,
  );
  return { broker, session, counts, recorder, local };
}

/** The candles the strategy is prepared on (the whole series: bars before `from` warm it up) and what it started from. */
function runSource({ series, data, strategyBase }: BacktestOptions): RunSource {
  return {
    kind: data?.kind ?? 'memory', ...(data ? { name: data.name } : {}),
    first: series.time[0], last: series.time[series.length - 1], bars: series.length,
    ...(strategyBase?.panel ? { base: { panel: strategyBase.panel } } : {}),
  };
}

function checkpointOf(options: BacktestOptions, total: number) {
  const hook = options.checkpoint;
  return hook && { every: CHECKPOINT_BARS, run: (done: number) => hook(done, total) };
}

export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  checkBacktestOptions(options);
  const parts = assemble(options);
  try {
    return await replayAndScore(options, parts);
  } finally {
    parts.local?.close();
  }
}

async function replayAndScore(options: BacktestOptions, { broker, session, counts, recorder, local }: Assembled): Promise<BacktestResult> {
  const { series, symbol } = options;
  const [from, to] = replayRange(options);
  const feed = new ReplayFeed(series, from, to);
  const equity = new Float64Array(feed.length);
  const exposure = new Uint8Array(feed.length);
  const book = session.portfolio;
  let tradesSeen = 0;
  // The risk clock is bar time: a bar opens at its time and closes one bar length later.
  const span = local ? barSpanMs(series, options.timeframe) : 0;
  // Per-bar books, with the risk clock's call only when there is a risk state: left in as an optional call it still
  // cost a heap number per bar (measured with V8's sampling heap profiler; see Portfolio.writeEquity).
  const closeBar = (k: number): void => {
    book.writeEquity(equity, k);
    const closedNow = book.closed.length !== tradesSeen;
    tradesSeen = book.closed.length;
    exposure[k] = book.position(symbol) !== undefined || closedNow ? 1 : 0;
  };
  await session.preload(series);
  session.start(series);
  try {
    await replay(feed, broker, session, symbol, {
      fill: options.fill ?? 'next-open',
      finalize: options.finalize ?? false,
      beforeBar: local && ((i) => local.barOpened(symbol, series.time[i], series.open[i], i > 0 ? series.close[i - 1] : undefined)),
      afterBar: local ? (k, i) => {
        closeBar(k);
        local.barClosed(series.time[i] + span, book.closed, equity[k]);
      } : closeBar,
      checkpoint: checkpointOf(options, feed.length),
    });
    await options.checkpoint?.(feed.length, feed.length);
  } catch (err) {
    session.finish(err instanceof BacktestCancelled ? 'cancelled' : 'failed');
    throw err;
  }
  const time = series.time.subarray(from, to);
  const close = series.close.subarray(from, to);
  const exposed = options.exposure === 'closed-trades' ? closedTradeExposure(time, book.trades) : exposure;
  const stats = computeStats({
    time, equity, close, exposure: exposed, trades: book.closed, feesPaid: book.feesPaid,
    periodsPerYear: options.periodsPerYear,
    sharpeConvention: options.sharpeConvention,
  });
  session.finish('finished', stats);
  return {
    stats,
    // Made on first read: a sweep job reads only the statistics, and so makes no record of its trades.
    get trades() {
      return book.trades;
    },
    equity,
    exposure: exposed,
    time,
    decisions: session.decisions,
    ...counts.counts,
    vetoReasons: counts.vetoReasons.list(),
    skippedEntries: session.skippedEntries.list(),
    risk: local ? 'local' : options.risk ? 'gate' : 'off',
    breakerTrips: local ? [...local.trips] : [],
    finalCash: book.cash,
    finalPosition: book.sizeOf(symbol),
    recorder,
  };
}
