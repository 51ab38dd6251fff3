// Stop-loss and take-profit orders attached to a position: placed when it opens, resized with it, cancelled together.
import type { PositionState } from '../../trading/portfolio';
import type { OrderIntent } from '../../model/order';
import { simOrder, type SimOrder } from './sim-order';

/** What the exits need from the venue that owns the book. */
export interface ExitsHost {
  place(order: SimOrder): void;
  cancel(order: SimOrder, reason: string): void;
  resting(): readonly SimOrder[];
  position(symbol: string): PositionState;
  newSeq(): number;
}

export class AttachedExits {
  constructor(private readonly host: ExitsHost) {}

  /** Keeps the exits in line with the position after a fill of `order`; `before` is the signed size before it. */
  afterFill(order: SimOrder, before: number): void {
    const p = this.host.position(order.symbol);
    const after = p.size;
    const flipped = before !== 0 && after !== 0 && Math.sign(after) !== Math.sign(before);
    if (after === 0 || flipped) this.cancelAll(order.symbol, after === 0 ? 'position closed' : 'position reversed');
    if (after === 0) return;
    const grew = before === 0 || flipped || Math.abs(after) > Math.abs(before);
    if (grew && (order.stopLoss !== undefined || order.takeProfit !== undefined)) {
      this.cancelAll(order.symbol, 'replaced by new exits');
      this.attach(order, p);
      return;
    }
    for (const o of this.host.resting()) if (o.protects && o.symbol === order.symbol) o.amount = Math.abs(after);
  }

  private cancelAll(symbol: string, reason: string): void {
    const exits = this.host.resting().filter((o) => o.protects && o.symbol === symbol);
    for (const o of exits) this.host.cancel(o, reason);
  }

  private attach(entry: SimOrder, p: PositionState): void {
    p.stopLoss = entry.stopLoss;
    p.takeProfit = entry.takeProfit;
    // The stop goes first: if the price is already through it, it fills and the target is never placed.
    if (entry.stopLoss !== undefined) this.host.place(this.exit(entry, p, 'stop-loss'));
    if (entry.takeProfit !== undefined && p.size !== 0) this.host.place(this.exit(entry, p, 'take-profit'));
  }

  private exit(entry: SimOrder, p: PositionState, kind: 'stop-loss' | 'take-profit'): SimOrder {
    const seq = this.host.newSeq();
    const isStop = kind === 'stop-loss';
    const intent: OrderIntent = {
      clientOrderId: `${entry.clientOrderId}:${isStop ? 'sl' : 'tp'}`,
      symbol: entry.symbol,
      side: p.size > 0 ? 'sell' : 'buy',
      type: isStop ? 'stop-market' : 'limit',
      amount: Math.abs(p.size),
      price: isStop ? undefined : entry.takeProfit,
      stopPrice: isStop ? entry.stopLoss : undefined,
      reduceOnly: true,
      decisionTime: entry.decisionTime,
      reason: kind,
      sessionId: entry.sessionId,
    };
    const order = simOrder(intent, `sim-${seq}`, seq, entry.updatedAt);
    order.protects = kind;
    return order;
  }
}
