// Cash, net positions and closed trades, kept from fills alone: the one bookkeeping the loop and the sim venue share.
import type { Fill, Position } from '../model/order';
import { tradeReturnPct } from '../backtest/metrics/trade-return';
import type { TradeRecord } from '../backtest/metrics/types';
import { TradeLog } from '../backtest/metrics/trade-log';

/** A position's live state; handed out as a Position without copying, so read it before the next fill. */
export class PositionState implements Position {
  size = 0;
  entryPrice = 0;
  openedAt = 0;
  /** Entry fees not yet charged to a closed trade (a partial close takes its share). */
  entryFees = 0;
  lastPrice = Number.NaN;
  stopLoss?: number;
  takeProfit?: number;

  constructor(readonly symbol: string) {}
}

/** Sizes this close to zero after a fill are float noise from step-rounded amounts, not a real position. */
const DUST = 1e-9;

export class Portfolio {
  cash: number;
  feesPaid = 0;
  /** Closed trades, oldest first, as numbers (what the statistics and the risk clock read). */
  readonly closed = new TradeLog();
  private readonly records: TradeRecord[] = [];
  private readonly positions: PositionState[] = [];

  constructor(
    readonly initialCash: number,
    readonly currency = 'USDT',
  ) {
    this.cash = initialCash;
  }

  /** The open position in `symbol`, or undefined when flat. */
  position(symbol: string): Position | undefined {
    const p = this.find(symbol);
    return p && p.size !== 0 ? p : undefined;
  }

  /** Signed size in `symbol` (0 when flat). */
  sizeOf(symbol: string): number {
    return this.find(symbol)?.size ?? 0;
  }

  openPositions(): Position[] {
    return this.positions.filter((p) => p.size !== 0).map((p) => ({ ...p }));
  }

  /** Records the latest price of `symbol`, used to value it in `equity()`. */
  mark(symbol: string, price: number): void {
    this.state(symbol).lastPrice = price;
  }

  /** Cash plus every position valued at its last marked price (a short subtracts). */
  equity(): number {
    let value = this.cash;
    for (const p of this.positions) if (p.size !== 0) value += p.size * p.lastPrice;
    return value;
  }

  /**
   * equity() written into `out[at]`: a double returned from a call the optimiser did not inline is boxed into a fresh
   * heap number, and a replay's per-bar callback is past its inlining budget.
   */
  writeEquity(out: Float64Array, at: number): void {
    out[at] = this.equity();
  }

  /**
   * Closed trades as records, oldest first; made from `closed` when first asked for, so a run that needs only its
   * statistics (a sweep job) makes none. Ask again after fills: the list is brought up to date on each call.
   */
  get trades(): readonly TradeRecord[] {
    for (let i = this.records.length; i < this.closed.length; i++) this.records.push(this.closed.at(i));
    return this.records;
  }

  /** Books a fill; returns how many trades it closed (appended to `closed`). */
  applyFill(fill: Fill): number {
    const signed = fill.side === 'buy' ? fill.amount : -fill.amount;
    this.cash -= signed * fill.price + fill.fee;
    this.feesPaid += fill.fee;
    const p = this.state(fill.symbol);
    p.lastPrice = fill.price;
    if (p.size === 0 || Math.sign(p.size) === Math.sign(signed)) {
      this.addTo(p, signed, fill);
      return 0;
    }
    return this.reduce(p, signed, fill);
  }

  private addTo(p: PositionState, signed: number, fill: Fill): void {
    if (p.size === 0) {
      p.entryPrice = fill.price;
      p.openedAt = fill.time;
      p.entryFees = 0;
    } else {
      const total = Math.abs(p.size) + fill.amount;
      p.entryPrice = (p.entryPrice * Math.abs(p.size) + fill.price * fill.amount) / total;
    }
    p.size += signed;
    p.entryFees += fill.fee;
  }

  private reduce(p: PositionState, signed: number, fill: Fill): number {
    const held = Math.abs(p.size);
    const closed = Math.min(fill.amount, held);
    const exitFee = (fill.fee * closed) / fill.amount;
    const entryFee = (p.entryFees * closed) / held;
    const size = Math.sign(p.size) * closed;
    const fees = entryFee + exitFee;
    this.closed.add(p.openedAt, fill.time, p.entryPrice, fill.price, size, size * (fill.price - p.entryPrice) - fees, tradeReturnPct(p.entryPrice, fill.price, size, fees), fees);
    p.entryFees -= entryFee;
    let next = p.size + signed;
    if (Math.abs(next) <= DUST * Math.max(1, held)) next = 0;
    if (next !== 0 && Math.sign(next) !== Math.sign(p.size)) {
      // The fill went through zero: the remainder opens a new position at the fill price.
      p.size = 0;
      p.stopLoss = undefined;
      p.takeProfit = undefined;
      this.addTo(p, next, { ...fill, amount: Math.abs(next), fee: fill.fee - exitFee });
      return 1;
    }
    p.size = next;
    if (next === 0) {
      p.entryFees = 0;
      p.stopLoss = undefined;
      p.takeProfit = undefined;
    }
    return 1;
  }

  private find(symbol: string): PositionState | undefined {
    // Almost always one symbol: a linear scan beats a Map lookup on the hot path.
    for (const p of this.positions) if (p.symbol === symbol) return p;
    return undefined;
  }

  /** The state object for `symbol`, created on first use. */
  state(symbol: string): PositionState {
    let p = this.find(symbol);
    if (!p) {
      p = new PositionState(symbol);
      this.positions.push(p);
    }
    return p;
  }
}
