// The live venue: Broker over a ccxt exchange, with the order journal, safe retries and start-up reconciliation.
import { unthrottled } from '../../exchange/unthrottled';
import type { Exchange } from 'ccxt';
import { ExchangeError, RiskError } from '../../errors';
import { TIMEOUTS, withTimeout } from '../../exchange/timeouts';
import type { Order, OrderIntent, Position } from '../../model/order';
import type { AlertSink } from '../../store/alerts-repo';
import type { Balance, Broker, BrokerListener } from '../broker';
import { journalPositions, type JournalEntry, type JournalFill, type OrderJournal } from '../journal';
import { cancelAllOf, cancelEverything, cancelOne } from './cancel';
import { orderOfEntry, publicFill } from './ccxt-orders';
import type { LiveContext, LiveTimeouts } from './context';
import { adopt, balancesOf, read } from './exchange-calls';
import { guardIntent } from './intent-guard';
import { submitOco } from './oco';
import { resolveUnknown, submitOrder } from './order-submitter';
import { viewsOf } from './orders-view';
import { acknowledgeAlerts, reconcile } from './reconcile';
import type { BalanceLine, ReconcileReport } from './reconcile-types';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { syncOpenOrders, type SyncResult } from './sync';

export type LiveBrokerState = 'starting' | 'ready' | 'blocked';

export interface LiveBrokerOptions {
  exchange: Exchange;
  journal: OrderJournal;
  /** Where reconciliation writes what it found (the trader's alert list). */
  alerts?: AlertSink;
  /** Markets the app trades; reconciliation checks their open orders. */
  symbols?: readonly string[];
  /** Currency fetchBalance reports (default USDT). */
  quoteCurrency?: string;
  timeouts?: Partial<LiveTimeouts>;
  retry?: Partial<RetryPolicy>;
  /** Default: the exchange's recvWindow (ccxt binance: 10 s), else 10 s. */
  settleMs?: number;
  maxSends?: number;
  now?: () => number;
}

export class LiveBroker implements Broker {
  readonly name = 'live';
  private stateValue: LiveBrokerState = 'starting';
  private reason = 'not reconciled with the exchange yet';
  private readonly listeners: BrokerListener[] = [];
  private readonly ctx: LiveContext;
  private lastReport: ReconcileReport | undefined;
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: LiveBrokerOptions) {
    const ex = options.exchange;
    // Reconciliation and the kill switch ask for every market's open orders at once on purpose.
    ex.options = { ...ex.options, warnOnFetchOpenOrdersWithoutSymbol: false };
    const recvWindow = Number((ex.options as Record<string, unknown>).recvWindow);
    this.ctx = {
      exchange: ex,
      journal: options.journal,
      timeouts: { order: TIMEOUTS.order, ticker: TIMEOUTS.ticker, ...options.timeouts },
      retry: { ...DEFAULT_RETRY, ...options.retry },
      settleMs: options.settleMs ?? (recvWindow > 0 ? recvWindow : 10_000),
      maxSends: options.maxSends ?? 3,
      now: options.now ?? Date.now,
      changed: (entry, fills) => this.emit(entry, fills),
      syncClock: () => this.syncClock(),
    };
  }

  get state(): LiveBrokerState {
    return this.stateValue;
  }

  get blockReason(): string | undefined {
    return this.stateValue === 'ready' ? undefined : this.reason;
  }

  get report(): ReconcileReport | undefined {
    return this.lastReport;
  }

  /**
   * Markets and clock only: enough to cancel orders (a latched kill switch at start cancels before reconciling, since
   * cancels are safe on any journal state; closing positions waits for reconciliation). Idempotent.
   */
  async connect(): Promise<void> {
    this.connecting ??= (async () => {
      await read(this.ctx, 'loadMarkets', () => this.ctx.exchange.loadMarkets());
      await this.syncClock().catch(() => undefined);
    })().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  /** Loads markets, aligns the clock, reconciles with the exchange; trading is allowed only if nothing is unresolved. */
  async start(): Promise<ReconcileReport> {
    await this.connect();
    const report = await reconcile(this.ctx, { symbols: this.options.symbols ?? [], alerts: this.options.alerts });
    this.lastReport = report;
    if (report.unresolved.length > 0) {
      const first = report.unresolved[0];
      this.block(`reconciliation found ${report.unresolved.length} unresolved difference(s) with the exchange (${first.kind}: ${first.detail}); acknowledge to resume`);
    } else {
      this.stateValue = 'ready';
    }
    return report;
  }

  block(reason: string): void {
    this.stateValue = 'blocked';
    this.reason = reason;
  }

  /** The trader has looked at the differences: trading resumes and the reconciliation alerts are marked seen. */
  acknowledge(): void {
    if (this.stateValue === 'starting') throw new RiskError('Nothing to acknowledge: the broker has not reconciled yet', 'NOT_RECONCILED');
    if (this.lastReport) acknowledgeAlerts(this.options.journal.db, this.lastReport.alertIds, this.ctx.now());
    this.stateValue = 'ready';
  }

  async createOrder(intent: OrderIntent): Promise<Order> {
    this.assertMayTrade(intent);
    const known = this.ctx.journal.get(intent.clientOrderId);
    if (known && known.status !== 'pending') return orderOfEntry(known, intent.decisionTime);
    // The loop's own valuation saves a ticker round trip (and its rate-limit wait) between the bar and the order.
    const reference = intent.referencePrice;
    const guarded = await guardIntent(this.ctx, intent, (symbol) => (reference !== undefined && reference > 0 ? Promise.resolve(reference) : this.lastPrice(symbol)));
    // An order never queues behind reads in ccxt's client-side limiter (the ~20 ms it spaced the order after the candle
    // request): a session sends at most a few orders per bar, far below the exchange's own order limits.
    const entry = await this.urgent(() => submitOrder(this.ctx, guarded.intent, { sendReduceOnly: guarded.sendReduceOnly }));
    return orderOfEntry(entry, intent.decisionTime);
  }

  /** A stop-loss and a take-profit for the same coins, as one OCO list (see oco.ts). */
  async createOco(stop: OrderIntent, takeProfit: OrderIntent): Promise<Order[]> {
    this.assertMayTrade(stop);
    const entries = await submitOco(this.ctx, stop, takeProfit);
    return entries.map((e) => orderOfEntry(e, stop.decisionTime));
  }

  cancelOrder(id: string, symbol?: string): Promise<Order> {
    return cancelOne(this.ctx, id, symbol);
  }

  cancelAllOrders(symbol?: string): Promise<Order[]> {
    return symbol === undefined ? cancelEverything(this.ctx) : cancelAllOf(this.ctx, symbol);
  }

  async fetchOpenOrders(symbol?: string): Promise<Order[]> {
    const open = await read(this.ctx, 'fetchOpenOrders', () => this.ctx.exchange.fetchOpenOrders(symbol));
    return viewsOf(this.ctx, open);
  }

  async fetchBalance(): Promise<Balance> {
    const currency = this.options.quoteCurrency ?? 'USDT';
    const line = (await this.fetchBalances())[currency] ?? { free: 0, used: 0, total: 0 };
    return { currency, ...line };
  }

  /** Every currency's balance (free, used in open orders, total). */
  fetchBalances(): Promise<Record<string, BalanceLine>> {
    return balancesOf(this.ctx);
  }

  /** Spot has no positions on the exchange: a position is what the journal's fills bought and sold. */
  async fetchPositions(symbols?: string[]): Promise<Position[]> {
    return journalPositions(this.ctx.journal.fills(), symbols);
  }

  subscribe(listener: BrokerListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Polls the exchange for fills and cancels of the journal's open orders (no websocket feed here). */
  sync(): Promise<SyncResult> {
    return syncOpenOrders(this.ctx);
  }

  /**
   * Orders of `symbol` whose create call ended in an unknown state are settled before a new entry goes out there:
   * found on the exchange → adopted; definitely absent after the recv window → closed as never sent. A failed
   * lookup throws, so the entry waits (Hummingbot issue 8457: only a definite "not found" counts as lost).
   */
  async resolvePending(symbol: string): Promise<void> {
    const pending = this.ctx.journal.openEntries().filter((e) => e.status === 'pending' && e.symbol === symbol);
    for (const entry of pending) {
      const remote = await resolveUnknown(this.ctx, entry, entry.updatedAt);
      if (remote) await adopt(this.ctx, entry.clientOrderId, remote);
      else this.ctx.changed(this.ctx.journal.recordAnswer(entry.clientOrderId, { status: 'rejected', lastError: 'never reached the exchange (no order with this client id after the recv window)' }), []);
    }
  }

  /** Open orders as the journal knows them, at once and without a request: the kill switch starts from these. */
  knownOpenOrders(): Order[] {
    return this.ctx.journal.openEntries().filter((e) => e.exchangeOrderId && e.status !== 'pending').map((e) => orderOfEntry(e));
  }

  /**
   * Runs `work` with ccxt's client-side throttle off. The throttle would space an emergency burst by its rate limit
   * (binance: 50 cancels ≈ 2.5 s, an all-markets open-orders list ≈ 0.8 s); the burst's weight (~200) is far inside
   * Binance's real budget (6000 a minute), so the kill switch is not made to wait for it.
   */
  urgent<T>(work: () => Promise<T>): Promise<T> {
    return unthrottled(this.ctx.exchange, work);
  }

  private assertMayTrade(intent: OrderIntent): void {
    if (this.stateValue === 'ready') return;
    // A flatten only ever shrinks exposure: the kill switch must be able to act even while trading is blocked.
    if (this.stateValue === 'blocked' && intent.reduceOnly && intent.reason === 'flatten') return;
    throw new RiskError(`Live trading refused: ${this.reason}`, this.stateValue === 'starting' ? 'NOT_RECONCILED' : 'TRADING_BLOCKED',
      { clientOrderId: intent.clientOrderId });
  }

  private async lastPrice(symbol: string): Promise<number> {
    const ticker = await read(this.ctx, 'fetchTicker',
      () => withTimeout('fetchTicker', this.ctx.timeouts.ticker, () => this.ctx.exchange.fetchTicker(symbol)));
    const price = ticker.last ?? ticker.close ?? ticker.bid ?? ticker.ask;
    if (!(typeof price === 'number' && price > 0)) throw new ExchangeError(`no price for ${symbol}`, 'NO_PRICE', { field: 'symbol', value: symbol });
    return price;
  }

  private async syncClock(): Promise<void> {
    const ex = this.ctx.exchange;
    await withTimeout('loadTimeDifference', this.ctx.timeouts.ticker, () => ex.loadTimeDifference());
  }

  private emit(entry: JournalEntry, fills: readonly JournalFill[]): void {
    if (this.listeners.length === 0) return;
    const order = orderOfEntry(entry);
    for (const l of this.listeners) {
      for (const f of fills) l.filled(publicFill(entry, f), order);
      l.orderUpdated(order);
    }
  }
}
