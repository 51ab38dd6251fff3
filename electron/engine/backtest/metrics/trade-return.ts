// The per-trade return convention (percent, net of fees), shared by the engine that records trades and the stats.

/**
 * backtesting.py ≥ 0.6 `Trade.pl_pct`, in percent: the price move in the trade's direction, minus the fees
 * as a share of the entry notional. NaN for a zero size or a non-positive entry price.
 */
export function tradeReturnPct(entryPrice: number, exitPrice: number, size: number, fees: number): number {
  const notional = Math.abs(size) * entryPrice;
  if (!(notional > 0)) return Number.NaN;
  const gross = Math.sign(size) * (exitPrice / entryPrice - 1);
  return (gross - fees / notional) * 100;
}
