// The simulated venue: keeps resting orders, fills them against each bar's OHLC in a conservative order, books fills.
import type { Candle } from '../../../../shared/domain';
import { ExchangeError } from '../../errors';
import type { Balance, Broker, BrokerListener, SimulatedVenue } from '../broker';
import type { Fill, Order, OrderIntent, Position } from '../../model/order';
import { roundToStep, type MarketRules } from '../../model/market';
import { Portfolio } from '../../trading/portfolio';
import { affordableAmount, slipped, withSpread } from './costs';
import { marketFor, resolveSimOptions, type ResolvedSimOptions, type SimBrokerOptions } from './options';
import { checkIntent } from './intent-check';
import { isTaker, publicOrder, simOrder, touchPrice, travelUntilExecutable, type SimOrder } from './sim-order';
import { AttachedExits } from './attached-exits';

/** Where the market of one symbol is right now: the bar in progress and the price inside it. */
interface MarketNow {
  symbol: string;
  rules: MarketRules;
  bar: Candle | undefined;
  price: number;
  time: number;
}

/**
 * Fill rules (all deliberate, all conservative):
 * - Market orders fill at once at the current price: a bar's open after `barOpened`, its close after `barClosed`
 *   (the replay clock picks which, giving 'next-open' or 'close' fill timing). No price before the first bar: rejected.
 * - Resting orders are checked at the open first; one the open gapped through fills AT THE OPEN (worse than a
 *   stop, better than a limit). Then the bar is walked open → low → high → close when long or flat, open → high →
 *   low → close when short, so the adverse extreme comes first and a stop beats a target touched in the same bar.
 * - On each leg, orders fill in the order the price reaches them (ties: the older order); a fill can place new
 *   orders (attached exits) that are checked on the rest of the walk.
 * - Stop-market fills at its stop, a limit at its limit (or the better open on a gap). A stop-limit arms at its
 *   stop and then works as a limit. Whole amounts only: no partial fills, no volume limit.
 * - Commission: a fraction of notional on every fill. Spread (optional): entries and adds fill a fraction worse
 *   (backtesting.py's spread, its commission before 0.6); a single order that reverses a position pays no spread on
 *   its opening part (the trading loop never sends one: it exits, then enters from flat). Slippage (bps, or a fraction of the bar's range) worsens
 *   market and stop-market fills only; the result is rounded to the price step and may leave the bar's range.
 * - No leverage: an entry is trimmed to what cash (long) or equity (short) carries, fee included; rejected if
 *   nothing is left. Closing is always allowed. Reduce-only orders never open or flip: cancelled if they would.
 * - Fill time is the open time of the bar the fill happened in (a close fill belongs to its bar).
 */
export class SimBroker implements Broker, SimulatedVenue {
  readonly name = 'sim';
  /** The venue's own books; the trading loop keeps a mirror from the fills it is told about. */
  readonly portfolio: Portfolio;
  private readonly options: ResolvedSimOptions;
  private readonly listeners: BrokerListener[] = [];
  private readonly markets: MarketNow[] = [];
  private readonly exits: AttachedExits;
  private resting: SimOrder[] = [];
  private nextSeq = 0;

  constructor(options: SimBrokerOptions) {
    this.options = resolveSimOptions(options);
    this.portfolio = new Portfolio(this.options.cash, this.options.currency);
    this.exits = new AttachedExits({
      place: (o) => this.place(o),
      cancel: (o, why) => this.finish(o, 'cancelled', why),
      resting: () => this.resting,
      position: (symbol) => this.portfolio.state(symbol),
      newSeq: () => ++this.nextSeq,
    });
  }

  /** Adds a market's rules after construction (a paper account gains a symbol when a session starts on it). */
  addMarket(rules: MarketRules): void {
    if (!this.markets.some((m) => m.symbol === rules.symbol)) this.options.markets.set(rules.symbol, rules);
  }

  // ── SimulatedVenue ────────────────────────────────────────────────────────

  barOpened(symbol: string, bar: Candle): void {
    const m = this.market(symbol);
    m.bar = bar;
    m.time = bar.time;
    m.price = bar.open;
    if (this.resting.length > 0) this.walk(m, bar.open, bar.open);
  }

  /**
   * Walks the bar open → adverse extreme → favourable extreme → close: for a long (or flat) book the low comes
   * first, for a short the high, so a stop is always hit before a target touched in the same bar.
   */
  barTraded(symbol: string, bar: Candle): void {
    if (this.resting.length === 0) return;
    const m = this.market(symbol);
    m.bar = bar;
    m.time = bar.time;
    const lowFirst = this.portfolio.sizeOf(symbol) >= 0;
    const first = lowFirst ? bar.low : bar.high;
    const second = lowFirst ? bar.high : bar.low;
    this.walk(m, bar.open, first);
    this.walk(m, first, second);
    this.walk(m, second, bar.close);
  }

  barClosed(symbol: string, bar: Candle): void {
    const m = this.market(symbol);
    m.bar = bar;
    m.time = bar.time;
    m.price = bar.close;
    this.portfolio.mark(symbol, bar.close);
  }

  // ── Broker ────────────────────────────────────────────────────────────────

  async createOrder(intent: OrderIntent): Promise<Order> {
    return this.submit(intent);
  }

  /** createOrder without the promise, for callers already on the simulator's clock. */
  submit(intent: OrderIntent): Order {
    const m = this.market(intent.symbol);
    const seq = ++this.nextSeq;
    const order = simOrder(intent, `sim-${seq}`, seq, m.time);
    const problem = checkIntent(intent, m.rules, m.bar === undefined ? Number.NaN : m.price);
    if (problem) this.finish(order, 'rejected', problem);
    else this.place(order);
    return this.view(order);
  }

  async cancelOrder(id: string): Promise<Order> {
    const o = this.resting.find((r) => r.id === id);
    if (!o) throw new ExchangeError(`no open order ${id}`, 'ORDER_NOT_FOUND', { field: 'id', value: id });
    this.finish(o, 'cancelled', 'cancelled by the trader');
    return this.view(o);
  }

  async cancelAllOrders(symbol?: string): Promise<Order[]> {
    const targets = this.resting.filter((o) => symbol === undefined || o.symbol === symbol);
    for (const o of targets) this.finish(o, 'cancelled', 'cancelled by the trader');
    return targets.map((o) => this.view(o));
  }

  async fetchOpenOrders(symbol?: string): Promise<Order[]> {
    return this.resting.filter((o) => symbol === undefined || o.symbol === symbol).map((o) => this.view(o));
  }

  async fetchBalance(): Promise<Balance> {
    const cash = this.portfolio.cash;
    return { currency: this.portfolio.currency, free: cash, used: 0, total: cash };
  }

  async fetchPositions(symbols?: string[]): Promise<Position[]> {
    return this.portfolio.openPositions().filter((p) => symbols === undefined || symbols.includes(p.symbol));
  }

  subscribe(listener: BrokerListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  // ── Matching ──────────────────────────────────────────────────────────────

  /** Rests an accepted order and fills it at once if the current price already allows. */
  private place(order: SimOrder): void {
    this.resting.push(order);
    this.emitOrder(order);
    const m = this.market(order.symbol);
    if (m.bar !== undefined) this.walkOrder(m, order);
  }

  /** Checks one new order at the current price; a stop-limit may trigger and then fill as a limit. */
  private walkOrder(m: MarketNow, order: SimOrder): void {
    for (let pass = 0; pass < 2 && order.status === 'open'; pass++) {
      if (travelUntilExecutable(order, m.price, m.price) !== 0) return;
      this.execute(m, order, m.price);
    }
  }

  /** Moves the price from `from` to `to`, executing resting orders of this symbol in the order the move reaches them. */
  private walk(m: MarketNow, from: number, to: number): void {
    let at = from;
    m.price = at;
    for (;;) {
      let next: SimOrder | undefined;
      let nearest = Infinity;
      for (const o of this.resting) {
        if (o.symbol !== m.symbol) continue;
        const travel = travelUntilExecutable(o, at, to);
        if (travel >= 0 && travel < nearest) {
          nearest = travel;
          next = o;
        }
      }
      if (!next) break;
      at = touchPrice(next, at, nearest);
      m.price = at;
      this.execute(m, next, at);
    }
    m.price = to;
  }

  /** Executes an order touched at `price`: a stop-limit only arms; everything else fills. */
  private execute(m: MarketNow, o: SimOrder, price: number): void {
    if (o.type === 'stop-limit' && !o.triggered) {
      o.triggered = true;
      o.updatedAt = m.time;
      return;
    }
    const touched = isTaker(o) ? slipped(price, o.side, this.options.slippage, m.bar) : price;
    const held = this.portfolio.sizeOf(o.symbol);
    const fillPrice = roundToStep(withSpread(touched, o.side, held, this.options.spread), m.rules.priceStep);
    const amount = this.fillableAmount(m, o, fillPrice);
    if (typeof amount === 'string') {
      this.finish(o, o.reduceOnly ? 'cancelled' : 'rejected', amount);
      return;
    }
    this.fill(m, o, fillPrice, amount);
  }

  /** The amount that can fill now, or why nothing can. */
  private fillableAmount(m: MarketNow, o: SimOrder, price: number): number | string {
    const held = this.portfolio.sizeOf(o.symbol);
    const sign = o.side === 'buy' ? 1 : -1;
    if (o.reduceOnly && (held === 0 || Math.sign(held) === sign)) return 'reduce-only order would not reduce the position';
    const wanted = o.reduceOnly ? Math.min(o.amount, Math.abs(held)) : o.amount;
    const amount = affordableAmount(o.side, wanted, price, {
      position: held,
      cash: this.portfolio.cash,
      feeRate: this.options.commission,
      amountStep: m.rules.amountStep,
      allowShort: this.options.allowShort,
    });
    if (!(amount > 0) || amount < m.rules.minAmount) return 'insufficient funds';
    return amount;
  }

  private fill(m: MarketNow, o: SimOrder, price: number, amount: number): void {
    const fill: Fill = {
      orderId: o.id,
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      time: m.time,
      price,
      amount,
      fee: this.options.commission * price * amount,
    };
    const before = this.portfolio.sizeOf(o.symbol);
    this.portfolio.applyFill(fill);
    this.resting.splice(this.resting.indexOf(o), 1);
    o.status = 'filled';
    o.filled = amount;
    o.averagePrice = price;
    o.updatedAt = m.time;
    const view = this.view(o);
    for (const l of this.listeners) l.filled(fill, view);
    for (const l of this.listeners) l.orderUpdated(view);
    this.exits.afterFill(o, before);
  }

  /** Ends an order without a fill (cancelled or rejected), taking it off the book. */
  private finish(o: SimOrder, status: 'cancelled' | 'rejected', reason: string): void {
    const i = this.resting.indexOf(o);
    if (i >= 0) this.resting.splice(i, 1);
    o.status = status;
    o.rejectReason = reason;
    this.emitOrder(o);
  }

  private emitOrder(o: SimOrder): void {
    if (this.listeners.length === 0) return;
    const view = this.view(o);
    for (const l of this.listeners) l.orderUpdated(view);
  }

  /**
   * The order as listeners and callers see it: one snapshot per state, shared by every listener and by the answer to
   * createOrder (three copies per order were a fifth of a trade-heavy backtest's garbage). Nobody may mutate it.
   */
  private view(o: SimOrder): Order {
    const v = o.view;
    // What can change on a resting order: its state, its fill, and (an attached exit resized with its position) its amount.
    if (v !== undefined && v.status === o.status && v.filled === o.filled && v.updatedAt === o.updatedAt && v.amount === o.amount) return v;
    return (o.view = publicOrder(o));
  }

  private market(symbol: string): MarketNow {
    for (const m of this.markets) if (m.symbol === symbol) return m;
    const m: MarketNow = { symbol, rules: marketFor(this.options, symbol), bar: undefined, price: Number.NaN, time: 0 };
    this.markets.push(m);
    return m;
  }
}
