// A backtest is the live trading loop fed by a ReplayFeed and filled by the SimBroker; this wires them and scores the run.
import { computeStats } from './metrics/stats';
import type { BacktestStats, TradeRecord } from './metrics/types';
import { SimBroker } from '../execution/sim-broker/sim-broker';
import { parseSlippage } from '../execution/sim-broker/options';
import { unrestrictedMarket } from '../model/market';
import type { SignalSource } from '../model/signal';
import { createStrategy } from '../strategies/registry';
import { MemoryRecorder, type Recorder } from '../trading/recorder';
import { TradingSession } from '../trading/session';
import { parseSizing } from '../trading/sizer';
import { BacktestCancelled } from './cancel';
import { checkBacktestOptions, CHECKPOINT_BARS, type BacktestOptions } from './options';
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
  const session = new TradingSession(
    {
      symbol,
      source,
      broker,
      sizer: parseSizing(options.sizing ?? 'all-in-units'),
      recorder: counts,
      run: { kind: 'backtest', params: { ...options.params }, timeframe: options.timeframe, startedAt: series.time[0] },
      risk: options.risk,
      market,
      feeRate: commission,
      spread,
      allowShort,
      // A stored run keeps a decision for every candle (holds too), so each bar's votes can be inspected later.
      recordHolds: options.recordHolds ?? options.recorder !== undefined,
    },
    cash,
  );
  return { broker, session, counts, recorder };
}

function checkpointOf(options: BacktestOptions, total: number) {
  const hook = options.checkpoint;
  return hook && { every: CHECKPOINT_BARS, run: (done: number) => hook(done, total) };
}

export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  checkBacktestOptions(options);
  const { series, symbol } = options;
  const { broker, session, counts, recorder } = assemble(options);
  const [from, to] = replayRange(options);
  const feed = new ReplayFeed(series, from, to);
  const equity = new Float64Array(feed.length);
  const exposure = new Uint8Array(feed.length);
  const book = session.portfolio;
  let tradesSeen = 0;
  session.start(series);
  try {
    await replay(feed, broker, session, symbol, {
      fill: options.fill ?? 'next-open',
      finalize: options.finalize ?? false,
      afterBar: (k) => {
        equity[k] = book.equity();
        const closedNow = book.trades.length !== tradesSeen;
        tradesSeen = book.trades.length;
        exposure[k] = book.sizeOf(symbol) !== 0 || closedNow ? 1 : 0;
      },
      checkpoint: checkpointOf(options, feed.length),
    });
    await options.checkpoint?.(feed.length, feed.length);
  } catch (err) {
    session.finish(err instanceof BacktestCancelled ? 'cancelled' : 'failed');
    throw err;
  }
  const time = series.time.subarray(from, to);
  const close = series.close.subarray(from, to);
  const { trades, feesPaid } = book;
  const exposed = options.exposure === 'closed-trades' ? closedTradeExposure(time, trades) : exposure;
  const stats = computeStats({
    time, equity, close, exposure: exposed, trades, feesPaid,
    periodsPerYear: options.periodsPerYear,
    sharpeConvention: options.sharpeConvention,
  });
  session.finish('finished', stats);
  return {
    stats,
    trades: book.trades,
    equity,
    exposure: exposed,
    time,
    decisions: session.decisions,
    ...counts.counts,
    finalCash: book.cash,
    finalPosition: book.sizeOf(symbol),
    recorder,
  };
}
