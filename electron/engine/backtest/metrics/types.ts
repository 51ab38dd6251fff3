// Input and output shapes of the backtest statistics; definitions of each field live in README.md#backtest-metrics.

/** A closed trade as the backtest engine records it. */
export interface TradeRecord {
  /** ms since the UTC epoch. */
  readonly entryTime: number;
  readonly exitTime: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Signed quantity: positive long, negative short. */
  readonly size: number;
  /** Cash profit or loss, net of all fees of the trade. */
  readonly pnl: number;
  /**
   * Return in PERCENT (5 means +5 %), net of fees, relative to the entry notional, as backtesting.py ≥ 0.6:
   * sign(size)·(exitPrice/entryPrice − 1)·100 − fees/(|size|·entryPrice)·100. Use `tradeReturnPct` to fill it.
   */
  readonly returnPct: number;
  /** Fees paid on entry and exit, in cash. */
  readonly fees: number;
}

/** Closed trades as rows of numbers, read by index (a Portfolio's TradeLog). */
export interface TradeRows {
  readonly length: number;
  entryTime(i: number): number;
  exitTime(i: number): number;
  pnl(i: number): number;
  returnPct(i: number): number;
}

/** 'backtesting.py': compounded annual return over compounded annual volatility; 'mean-std': classic √N·mean/std. */
export type SharpeConvention = 'backtesting.py' | 'mean-std';

export interface MetricsInput {
  /** Bar times, ms since the UTC epoch, increasing. */
  readonly time: Float64Array;
  /** Account equity at each bar's close; same length as `time`. */
  readonly equity: Float64Array;
  /** The instrument's close at each bar, for the buy & hold benchmark. */
  readonly close: Float64Array;
  /** Truthy (1 / true) on bars where a position is open. */
  readonly exposure: ArrayLike<number | boolean>;
  /** The closed trades: a run's log, or records. */
  readonly trades: TradeRows | readonly TradeRecord[];
  /** Total fees of the run, in cash; reported as is. */
  readonly feesPaid: number;
  /** Periods (bars) per year; inferred from `time` when absent or not a positive finite number. */
  readonly periodsPerYear?: number;
  /** Which Sharpe and Sortino formulas to use; 'backtesting.py' by default. */
  readonly sharpeConvention?: SharpeConvention;
  /** Annual risk-free rate as a fraction (0.04 = 4 %); 0 by default. */
  readonly riskFreeRate?: number;
}

/** Every field is a number; NaN means "undefined for this run" (e.g. trade stats with no trades). */
/** Statistics over the closed trades (see trades.ts for how each is computed). */
export interface TradeStats {
  trades: number;
  winRatePct: number;
  bestTradePct: number;
  worstTradePct: number;
  avgTradePct: number;
  maxTradeDuration: number;
  avgTradeDuration: number;
  profitFactor: number;
  expectancyPct: number;
  sqn: number;
  kellyCriterion: number;
}

export interface BacktestStats extends TradeStats {
  start: number;
  end: number;
  duration: number;
  exposurePct: number;
  finalEquity: number;
  peakEquity: number;
  returnPct: number;
  buyHoldReturnPct: number;
  annReturnPct: number;
  annVolatilityPct: number;
  cagrPct: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdownPct: number;
  avgDrawdownPct: number;
  maxDrawdownDuration: number;
  avgDrawdownDuration: number;
  feesPaid: number;
  /** The annualization factor actually used (given or inferred). */
  periodsPerYear: number;
}
