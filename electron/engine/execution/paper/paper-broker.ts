// The paper venue: live prices from the exchange's ticker, fills from the backtester's SimBroker, orders in the journal.
import { unthrottled } from '../../exchange/unthrottled';
import type { Exchange } from 'ccxt';
import { ExchangeError, QuorumError, RiskError } from '../../errors';
import { TIMEOUTS, withTimeout } from '../../exchange/timeouts';
import type { Fill, Order, OrderIntent, Position } from '../../model/order';
import type { Balance, Broker, BrokerListener } from '../broker';
import { OrderJournal, type JournalEntry } from '../journal';
import { orderOfEntry } from '../live/ccxt-orders';
import { marketRulesOf, prepareIntent } from '../live/order-rules';
import { SimBroker, type SlippageModel } from '../sim-broker';
import { openForRestore, replayFills, restingIntent } from './restore';
import { feedBar, moveBar } from './ticker-bars';

export interface PaperBrokerOptions {
  /** Read-only use: markets and tickers. The paper venue never sends an order anywhere. */
  exchange: Exchange;
  journal: OrderJournal;
  symbols: readonly string[];
  /** Starting cash in `currency`; the same figure must be given on every start (fills are replayed on top). */
  cash: number;
  currency?: string;
  commission?: number;
  slippage?: SlippageModel;
  /** Spot cannot short (default false). */
  allowShort?: boolean;
  tickerTimeoutMs?: number;
  now?: () => number;
}

export class PaperBroker implements Broker {
  readonly name = 'paper';
  private sim: SimBroker | undefined;
  private readonly listeners: BrokerListener[] = [];
  private readonly lastPrice = new Map<string, number>();
  /** Paper orders are known by their client id; the simulator's own ids restart with every session. */
  private readonly simIdOf = new Map<string, string>();
  private readonly session: string;
  private readonly now: () => number;
  private readonly symbols: string[];

  constructor(private readonly options: PaperBrokerOptions) {
    this.now = options.now ?? Date.now;
    this.symbols = [...options.symbols];
    this.session = this.now().toString(36);
  }

  /** Loads market rules, rebuilds books and resting orders from the journal, and takes the first prices. */
  async start(): Promise<void> {
    const ex = this.options.exchange;
    await withTimeout('loadMarkets', TIMEOUTS.order, () => ex.loadMarkets());
    const sim = new SimBroker({
      cash: this.options.cash, currency: this.options.currency, commission: this.options.commission,
      slippage: this.options.slippage, allowShort: this.options.allowShort ?? false,
      markets: this.symbols.map((s) => marketRulesOf(ex, s)),
    });
    replayFills(sim, this.options.journal);
    sim.subscribe({ orderUpdated: (o) => this.onOrder(o), filled: (f, o) => this.onFill(f, o) });
    this.sim = sim;
    await this.tick();
    const { resting, neverSent } = openForRestore(this.options.journal);
    for (const e of neverSent) this.options.journal.recordAnswer(e.clientOrderId, { status: 'rejected', lastError: 'never reached the paper venue' });
    for (const e of resting) this.place(restingIntent(e));
  }

  /** A session starts on `symbol`: its market rules join the venue and its ticker is polled from now on. */
  watch(symbol: string): void {
    if (this.symbols.includes(symbol)) return;
    this.symbols.push(symbol);
    this.venue().addMarket(marketRulesOf(this.options.exchange, symbol));
  }

  /** Markets the venue polls. */
  get watched(): readonly string[] {
    return this.symbols;
  }

  /** Polls the ticker of each market and lets the simulator fill whatever the move reached. */
  async tick(symbols: readonly string[] = this.symbols): Promise<void> {
    const sim = this.venue();
    await Promise.all(symbols.map(async (symbol) => {
      const t = await withTimeout('fetchTicker', this.options.tickerTimeoutMs ?? TIMEOUTS.ticker, () => this.options.exchange.fetchTicker(symbol));
      const last = t.last ?? t.close;
      if (!(typeof last === 'number' && last > 0)) throw new ExchangeError(`no price for ${symbol}`, 'NO_PRICE', { field: 'symbol', value: symbol });
      feedBar(sim, symbol, moveBar(t.timestamp ?? this.now(), this.lastPrice.get(symbol), last));
      this.lastPrice.set(symbol, last);
    }));
  }

  async createOrder(intent: OrderIntent): Promise<Order> {
    const known = this.options.journal.get(intent.clientOrderId);
    if (known && known.status !== 'pending') return this.orderOf(known, intent.decisionTime);
    // The fill price is read now, without queueing behind the candle poll in ccxt's limiter (one read per order).
    await unthrottled(this.options.exchange, () => this.tick([intent.symbol]));
    let prepared: OrderIntent;
    try {
      prepared = prepareIntent(this.options.exchange, intent, this.lastPrice.get(intent.symbol));
    } catch (err) {
      if (err instanceof QuorumError) this.options.journal.recordIntent(intent, { status: 'rejected', lastError: `refused locally: ${err.message}` });
      throw err;
    }
    this.options.journal.recordIntent(prepared);
    return this.view(this.place(prepared));
  }

  async cancelOrder(id: string): Promise<Order> {
    const simId = this.simIdOf.get(id);
    if (!simId) throw new ExchangeError(`no open paper order ${id}`, 'ORDER_NOT_FOUND', { field: 'id', value: id });
    return this.view(await this.venue().cancelOrder(simId));
  }

  async cancelAllOrders(symbol?: string): Promise<Order[]> {
    return (await this.venue().cancelAllOrders(symbol)).map((o) => this.view(o));
  }

  async fetchOpenOrders(symbol?: string): Promise<Order[]> {
    return (await this.venue().fetchOpenOrders(symbol)).map((o) => this.view(o));
  }

  fetchBalance(): Promise<Balance> {
    return this.venue().fetchBalance();
  }

  fetchPositions(symbols?: string[]): Promise<Position[]> {
    return this.venue().fetchPositions(symbols);
  }

  /** Cash plus positions at the last polled prices. */
  equity(): number {
    return this.venue().portfolio.equity();
  }

  subscribe(listener: BrokerListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private venue(): SimBroker {
    if (!this.sim) throw new RiskError('Paper broker not started', 'NOT_STARTED');
    return this.sim;
  }

  private place(intent: OrderIntent): Order {
    return this.venue().submit(intent);
  }

  /** The simulator reports an order: map its id to the client id and write the journal (exits it placed itself too). */
  private onOrder(o: Order): void {
    this.simIdOf.set(o.clientOrderId, o.id);
    const journal = this.options.journal;
    if (!journal.get(o.clientOrderId)) journal.recordIntent(o);
    const entry = journal.recordAnswer(o.clientOrderId, { exchangeOrderId: o.clientOrderId, status: o.status, filled: o.filled,
      averagePrice: Number.isFinite(o.averagePrice) ? o.averagePrice : null, lastError: o.rejectReason ?? null });
    for (const l of this.listeners) l.orderUpdated(this.orderOf(entry, o.decisionTime));
  }

  private onFill(f: Fill, o: Order): void {
    // One fill per simulator order; the session tag keeps ids of re-placed orders apart across restarts.
    const tradeId = `${this.session}:${o.id}`;
    this.options.journal.recordFill(o.clientOrderId, { tradeId, time: f.time, price: f.price, amount: f.amount, fee: f.fee,
      feeCurrency: this.options.currency ?? 'USDT' });
    const fill: Fill = { ...f, orderId: o.clientOrderId };
    for (const l of this.listeners) l.filled(fill, this.view(o));
  }

  private view(o: Order): Order {
    return { ...o, id: o.clientOrderId };
  }

  private orderOf(e: JournalEntry, decisionTime: number): Order {
    return { ...orderOfEntry(e, decisionTime), id: e.clientOrderId };
  }
}
