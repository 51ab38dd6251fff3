// Keeps a session's stop-loss at the exchange in step with its position, so a sleeping laptop is not a naked
// position: placed after an entry fills, re-placed when its size or level is off (or it went missing, e.g. after a
// restart), cancelled before the session's own exit and when the position is gone.
import { floorToStep, roundToStep, type MarketRules } from '../model/market';
import type { Position } from '../model/order';
import type { JournalEntry } from '../execution/journal';
import { PaperBroker } from '../execution/paper';
import type { Account } from './account';

export interface ProtectionOptions {
  account: Account;
  sessionId: number;
  symbol: string;
  market: MarketRules;
  /** Stop distance below the entry price, in percent. */
  stopLossPct: number;
  /** How far below the trigger the stop's limit sits (a STOP_LOSS_LIMIT needs room to fill in a fast fall). */
  limitRoomPct?: number;
  now: () => number;
  /** Told when the stop could not be placed (the session keeps trying on later bars). */
  onProblem?(message: string): void;
}

const ROLE = 'stop-loss';

export class SessionProtection {
  constructor(private readonly o: ProtectionOptions) {}

  /** The stop orders of this session resting at the venue, as the journal knows them. */
  resting(): JournalEntry[] {
    const { account, sessionId, symbol } = this.o;
    return account.journal.openEntries().filter((e) => e.sessionId === sessionId && e.symbol === symbol && e.role === ROLE);
  }

  /** Brings the stop in line with `position` (long only: spot cannot short). */
  async sync(position: Position | undefined): Promise<void> {
    const { market } = this.o;
    const size = position && position.size > 0 ? floorToStep(position.size, market.amountStep) : 0;
    const stops = this.resting();
    if (!(size > 0) || size < market.minAmount) {
      await this.cancel(stops);
      return;
    }
    const trigger = roundToStep(position!.entryPrice * (1 - this.o.stopLossPct / 100), market.priceStep);
    const limit = roundToStep(trigger * (1 - (this.o.limitRoomPct ?? 1) / 100), market.priceStep);
    const fits = stops.length === 1 && Math.abs(stops[0].amount - stops[0].filled - size) < market.amountStep / 2 && stops[0].stopPrice === trigger;
    if (fits || size * limit < market.minNotional) return;
    // Spot locks the coins a stop may sell: the old stop must be gone before the new one can hold them.
    await this.cancel(stops);
    try {
      await this.o.account.broker.createOrder({
        clientOrderId: this.nextId(), symbol: this.o.symbol, side: 'sell', type: 'stop-limit',
        amount: size, price: limit, stopPrice: trigger, reduceOnly: true, decisionTime: this.o.now(), reason: ROLE, sessionId: this.o.sessionId,
      });
    } catch (err) {
      this.o.onProblem?.(`stop-loss for ${size} ${this.o.symbol} at ${trigger} not placed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Each stop of a session gets the next number: a clock-based id could repeat after a restart (and the journal
   * answers a known id with the old order instead of placing a new one).
   */
  private nextId(): string {
    const { account, sessionId } = this.o;
    const placed = account.journal.entries().filter((e) => e.sessionId === sessionId && e.role === ROLE).length;
    return `sl:${account.id}:${sessionId}:${placed + 1}`;
  }

  /** Before the session's own exit: the stop holds the coins the exit must sell. */
  async clear(): Promise<void> {
    await this.cancel(this.resting());
  }

  private async cancel(stops: readonly JournalEntry[]): Promise<void> {
    const broker = this.o.account.broker;
    // The paper venue knows its orders by client id, the exchange by its own id.
    const idOf = (e: JournalEntry) => (broker instanceof PaperBroker ? e.clientOrderId : e.exchangeOrderId ?? '');
    await Promise.all(stops.filter((e) => idOf(e) !== '').map((e) => broker.cancelOrder(idOf(e), e.symbol)));
  }
}
