// What decides on each closed bar: a built-in strategy or the agent panel, behind one interface the trading loop calls.
import type { Decision } from '../../../shared/domain';
import type { CandleSeries } from './candle-series';
import type { Position } from './order';

export interface BarContext {
  /** Index of the just-closed bar in `series`; a source may read bars 0..index and nothing after. */
  index: number;
  series: CandleSeries;
  symbol: string;
  position: Position | undefined;
  equity: number;
  cash: number;
  /**
   * false: a hold decision's votes may carry empty reasons ([]) — acting decisions (action !== 'hold') always carry
   * full reasons; undefined or true: every decision carries full reasons. Backtests pass false: formatting reasons for
   * every bar dominated the panel's cost, and only acting bars (or bars someone inspects) are read. Sources other than
   * the panel may ignore it.
   */
  holdReasons?: boolean;
  /**
   * false: nobody reads any decision's reasons (a run that records nothing: sweep jobs, walk-forward windows,
   * `--no-store`), so acting decisions may leave theirs empty too. Formatting them was an eighth of a trade-heavy
   * sweep job's time. Undefined or true: acting decisions carry full reasons.
   */
  actingReasons?: boolean;
  /**
   * true: nobody keeps hold decisions (a backtest that records only acting ones), so a source may return one hold
   * object rewritten on every bar. Acting decisions are always fresh objects.
   */
  reuseHolds?: boolean;
}

export interface SignalSource {
  readonly name: string;
  /**
   * Called before the loop with the candles known so far, so indicators can be computed in batch.
   * Values at bar i must depend only on bars ≤ i (the look-ahead test replaces the future with garbage).
   */
  prepare(series: CandleSeries): void;
  /**
   * Async work a source needs before prepare() on these candles (a model's batched inference): every loop awaits it
   * before preparing the source on new candles. Sources without one need nothing.
   */
  preload?(series: CandleSeries): Promise<void>;
  /** The decision for closed bar `ctx.index`, with every vote that led to it. */
  decide(ctx: BarContext): Decision;
}
