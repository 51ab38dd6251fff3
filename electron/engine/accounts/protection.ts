// Keeps a session's stop-loss (and take-profit) at the exchange in step with its position, so a sleeping laptop is
// not a naked position: placed after an entry fills, re-placed when size or level is off (or it went missing, e.g.
// after a restart), cancelled before the session's own exit and when the position is gone. With both levels the live
// venue gets one OCO list (spot locks the coins once for both legs).
import { floorToStep, roundToStep, type MarketRules } from '../model/market';
import type { Position } from '../model/order';
import type { JournalEntry } from '../execution/journal';
import { LiveBroker } from '../execution/live';
import type { Account } from './account';

export interface ProtectionOptions {
  account: Account;
  sessionId: number;
  symbol: string;
  market: MarketRules;
  /** Stop distance below the entry price, in percent. */
  stopLossPct: number;
  /** Take-profit distance above the entry price, in percent (none when absent). */
  takeProfitPct?: number;
  /** How far below the trigger the stop's limit sits (a STOP_LOSS_LIMIT needs room to fill in a fast fall). */
  limitRoomPct?: number;
  now: () => number;
  /** Told when the stop could not be placed (the session keeps trying on later bars). */
  onProblem?(message: string): void;
}

const STOP = 'stop-loss';
const TARGET = 'take-profit';

export class SessionProtection {
  constructor(private readonly o: ProtectionOptions) {}

  /** The protective orders of this session resting at the venue, as the journal knows them. */
  resting(): JournalEntry[] {
    const { account, sessionId, symbol } = this.o;
    return account.journal.openEntries().filter((e) => e.sessionId === sessionId && e.symbol === symbol && (e.role === STOP || e.role === TARGET));
  }

  /** Brings the protective orders in line with `position` (long only: spot cannot short). */
  async sync(position: Position | undefined): Promise<void> {
    const { market } = this.o;
    const size = position && position.size > 0 ? floorToStep(position.size, market.amountStep) : 0;
    const resting = this.resting();
    if (!(size > 0) || size < market.minAmount) {
      await this.cancel(resting);
      return;
    }
    const entry = position!.entryPrice;
    const trigger = roundToStep(entry * (1 - this.o.stopLossPct / 100), market.priceStep);
    const limit = roundToStep(trigger * (1 - (this.o.limitRoomPct ?? 1) / 100), market.priceStep);
    const target = this.o.takeProfitPct === undefined ? undefined : roundToStep(entry * (1 + this.o.takeProfitPct / 100), market.priceStep);
    const sized = (e: JournalEntry) => Math.abs(e.amount - e.filled - size) < market.amountStep / 2;
    const stops = resting.filter((e) => e.role === STOP);
    const targets = resting.filter((e) => e.role === TARGET);
    const stopFits = stops.length === 1 && sized(stops[0]) && stops[0].stopPrice === trigger;
    const targetFits = target === undefined ? targets.length === 0 : targets.length === 1 && sized(targets[0]) && targets[0].price === target;
    if ((stopFits && targetFits) || size * limit < market.minNotional) return;
    // Spot locks the coins a stop may sell: the old orders must be gone before new ones can hold them.
    await this.cancel(resting);
    try {
      await this.place(size, trigger, limit, target);
    } catch (err) {
      this.o.onProblem?.(`stop-loss for ${size} ${this.o.symbol} at ${trigger}${target === undefined ? '' : ` / take-profit at ${target}`} not placed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async place(size: number, trigger: number, limit: number, target: number | undefined): Promise<void> {
    const { account, sessionId, symbol } = this.o;
    const base = { symbol, side: 'sell' as const, amount: size, reduceOnly: true, decisionTime: this.o.now(), sessionId };
    const stop = { ...base, clientOrderId: this.nextId(STOP), type: 'stop-limit' as const, price: limit, stopPrice: trigger, reason: STOP };
    if (target === undefined) {
      await account.broker.createOrder(stop);
      return;
    }
    const takeProfit = { ...base, clientOrderId: this.nextId(TARGET), type: 'limit' as const, price: target, reason: TARGET };
    const broker = account.broker;
    if (broker instanceof LiveBroker) {
      await broker.createOco(stop, takeProfit);
      return;
    }
    // The paper venue books reduce-only orders: whichever fills first, the other can no longer sell and is cancelled.
    await broker.createOrder(stop);
    await broker.createOrder(takeProfit);
  }

  /**
   * Each protective order of a session gets the next number: a clock-based id could repeat after a restart (and the
   * journal answers a known id with the old order instead of placing a new one).
   */
  private nextId(role: string): string {
    const { account, sessionId } = this.o;
    const placed = account.journal.entries().filter((e) => e.sessionId === sessionId && e.role === role).length;
    return `${role === STOP ? 'sl' : 'tp'}:${account.id}:${sessionId}:${placed + 1}`;
  }

  /** Before the session's own exit: the stop holds the coins the exit must sell. */
  async clear(): Promise<void> {
    await this.cancel(this.resting());
  }

  private async cancel(orders: readonly JournalEntry[]): Promise<void> {
    // Both venues answer to the journal's exchange id (the paper venue's is the client id).
    const broker = this.o.account.broker;
    await Promise.all(orders.filter((e) => e.exchangeOrderId).map((e) => broker.cancelOrder(e.exchangeOrderId as string, e.symbol)));
  }
}
