// What a backtest is asked to do, with defaults and the checks that name the offending field.
import { ConfigError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import type { MarketRules } from '../model/market';
import type { SignalSource } from '../model/signal';
import type { SlippageModel } from '../execution/sim-broker/options';
import type { StrategyParams } from '../strategies/params';
import type { StrategyBase } from '../strategies/registry';
import type { Recorder } from '../trading/recorder';
import type { RiskGate } from '../trading/risk-gate';
import type { Sizer } from '../trading/sizer';
import type { SharpeConvention } from './metrics/types';
import type { FillTiming } from './replay-clock';
import type { ExposureConvention } from './trade-exposure';
import type { BacktestRiskSettings } from './backtest-risk';

export interface BacktestOptions {
  series: CandleSeries;
  symbol: string;
  /** A built-in strategy's name, or any SignalSource (e.g. the agent panel). */
  strategy: string | SignalSource;
  params?: StrategyParams;
  /** Stored settings a named strategy starts from (the panel's), before `params` are applied. */
  strategyBase?: StrategyBase;
  /** Where `series` came from (a dataset name or a file), kept with a stored run so its reasons can be recomputed. */
  data?: { kind: 'dataset' | 'file'; name: string };
  /** Starting cash in the quote currency. Default 10,000. */
  cash?: number;
  /** Fee as a fraction of notional per side. Default 0. */
  commission?: number;
  /**
   * Entries (and adds) fill this fraction worse: a buy at price·(1+s), a short at price·(1−s); exits at the plain
   * price. backtesting.py's `spread=`, i.e. its `commission=` before 0.6. Default 0.
   */
  spread?: number;
  /** A slippage model, bps as a number, or text ('5bps', 'range:0.1'). Default none. */
  slippage?: SlippageModel | number | string;
  /** Default 'next-open'. */
  fill?: FillTiming;
  /**
   * 'all-in-units', 'all-in', 'fixed:<qty>', 'fraction:<f>', or a Sizer. Default: `defaultSizing(symbol)`, i.e.
   * 'fraction:0.95' for a crypto pair (BASE/QUOTE), 'all-in-units' (backtesting.py's) for anything else.
   */
  sizing?: string | Sizer;
  allowShort?: boolean;
  /** Close what is open at the last bar's close. Default false (open positions are marked, not closed). */
  finalize?: boolean;
  periodsPerYear?: number;
  /** Sharpe/Sortino formula; 'backtesting.py' by default (see README.md#backtest-metrics). */
  sharpeConvention?: SharpeConvention;
  /**
   * Which bars count as exposed. 'position' (default): a position is held at the bar's close or a trade closed in it.
   * 'closed-trades': entry to exit bar of each closed trade, so a position still open at the end is not counted
   * (backtesting.py).
   */
  exposure?: ExposureConvention;
  /** Bar times (ms) to replay, both inclusive; bars before `from` still warm up the indicators. */
  from?: number;
  to?: number;
  /** The market's amount step and minimums (a stored instrument's); default: no minimum, steps of 1e-8. */
  market?: MarketRules;
  /**
   * Risk settings (the app's limits and breakers) run a backtest-local RiskManager fed on bar time; a RiskGate is
   * used as given; false or absent: no risk check (a library call, e.g. the reference tests). Every app path
   * (CLI, UI service, sweeps, walk-forward) passes the stored settings unless turned off.
   */
  risk?: RiskGate | BacktestRiskSettings | false;
  /** Defaults to an in-memory recorder. */
  recorder?: Recorder;
  /** Record 'hold' decisions too. Default: yes when a recorder is given (stored runs), no otherwise (speed). */
  recordHolds?: boolean;
  /** Holds carry their votes' reasons. Default no: acting decisions always do, and stored holds are explained on demand. */
  holdReasons?: boolean;
  /** Acting decisions carry their reasons (default yes; see BarContext.actingReasons). Runs that record nothing turn it off. */
  actingReasons?: boolean;
  timeframe?: string;
  /**
   * Called every CHECKPOINT_BARS replayed bars with (bars done, bars total). It may return a promise (awaited, so a
   * host can yield to its event loop) and may throw to stop the run (BacktestCancelled marks the run 'cancelled').
   */
  checkpoint?: (done: number, total: number) => void | Promise<void>;
}

/**
 * Crypto trades in fractions of a unit, so whole units would give 0 BTC at 46,000 with 10,000 cash: a pair sizes
 * 95% of equity, rounded down to the amount step (the 5% keeps an entry that fills at a worse price within cash and
 * within the default 100%-of-equity position limit). Other data keeps backtesting.py's whole units.
 */
export const CRYPTO_SIZING = 'fraction:0.95';

export function isCryptoPair(symbol: string): boolean {
  return /^[^/\s]+\/[^/\s]+$/.test(symbol);
}

export function defaultSizing(symbol: string): string {
  return isCryptoPair(symbol) ? CRYPTO_SIZING : 'all-in-units';
}

/** Often enough for a responsive progress bar and cancel, rare enough to cost nothing per bar. */
export const CHECKPOINT_BARS = 4096;

function check(ok: boolean, field: string, value: unknown, want: string): void {
  if (!ok) throw new ConfigError(`backtest ${field} must be ${want}, got ${String(value)}`, 'CONFIG_INVALID', { field, value });
}

export function checkBacktestOptions(o: BacktestOptions): void {
  check(o.series !== undefined && o.series.length > 0, 'series', o.series?.length, 'a non-empty candle series');
  check(typeof o.symbol === 'string' && o.symbol.length > 0, 'symbol', o.symbol, 'a non-empty string');
  const cash = o.cash ?? 10_000;
  check(Number.isFinite(cash) && cash > 0, 'cash', cash, 'a number > 0');
  const fill = o.fill ?? 'next-open';
  check(fill === 'next-open' || fill === 'close', 'fill', fill, "'next-open' or 'close'");
  const sharpe = o.sharpeConvention ?? 'backtesting.py';
  check(sharpe === 'backtesting.py' || sharpe === 'mean-std', 'sharpeConvention', sharpe, "'backtesting.py' or 'mean-std'");
  const spread = o.spread ?? 0;
  check(Number.isFinite(spread) && spread >= 0 && spread < 1, 'spread', spread, 'a fraction in [0, 1)');
  const exposure = o.exposure ?? 'position';
  check(exposure === 'position' || exposure === 'closed-trades', 'exposure', exposure, "'position' or 'closed-trades'");
  if (o.periodsPerYear !== undefined) check(o.periodsPerYear > 0, 'periodsPerYear', o.periodsPerYear, 'a number > 0');
  if (o.from !== undefined && o.to !== undefined) check(o.from <= o.to, 'from', o.from, `at most to (${o.to})`);
}
