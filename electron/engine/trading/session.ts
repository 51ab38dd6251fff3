// The one trading loop: per closed bar, ask the signal source, size, pass the risk gate, send to the broker, record.
import type { Decision } from '../../../shared/domain';
import { ExchangeError } from '../errors';
import { isSimulatedVenue, type Broker } from '../execution/broker';
import type { CandleSeries } from '../model/candle-series';
import { unrestrictedMarket, type MarketRules } from '../model/market';
import type { Fill, Order, OrderIntent, Position } from '../model/order';
import type { BarContext, SignalSource } from '../model/signal';
import { clientOrderId, entryIntent, exitIntent, targetDirection } from './order-plan';
import { Portfolio } from './portfolio';
import type { Recorder, RunInfo, RunStatus } from './recorder';
import { permissiveRiskGate, type RiskGate } from './risk-gate';
import { ReasonTally } from './reason-tally';
import { entrySkipReason, type Sizer, type SizingContext } from './sizer';

export interface TradingSessionOptions {
  symbol: string;
  source: SignalSource;
  broker: Broker;
  sizer: Sizer;
  recorder: Recorder;
  run: Omit<RunInfo, 'symbol' | 'strategy'>;
  risk?: RiskGate;
  market?: MarketRules;
  /** The venue's commission, so all-in sizing leaves room for the fee. */
  feeRate?: number;
  /** The venue's entry spread (see SimBrokerOptions.spread), so an entry is sized at the price it will fill at. */
  spread?: number;
  allowShort?: boolean;
  /** Record 'hold' decisions too (live audit trail); backtests keep only decisions that act. */
  recordHolds?: boolean;
  /**
   * Holds carry their votes' reasons (default). Backtests turn this off: acting decisions still carry them, and a
   * stored run's holds get theirs recomputed when a trader opens the bar (see BarContext.holdReasons).
   */
  holdReasons?: boolean;
  /** Acting decisions carry their reasons (default; see BarContext.actingReasons): off only where nothing is recorded. */
  actingReasons?: boolean;
  /** The paper/live session this loop runs for: stamped on every intent, so the journal attributes its fills. */
  sessionId?: number;
  /** Fills this session made before (earlier runs of it): its books start from them, not flat. */
  openingFills?: readonly Fill[];
  /** Paper/live: a failed or rejected order is retried on later bars (backtests leave this off: a SimBroker never fails transiently). */
  retry?: RetryPolicy;
  /** False while the trader paused entries: exits still go out. */
  entriesAllowed?: () => boolean;
  /** Called before an entry in `symbol`: a venue resolves orders in an unknown state first (it may throw to refuse). */
  beforeEntry?: (symbol: string) => Promise<void>;
  /** Called before an exit: protective orders at the exchange hold the coins the exit sells, so they go first. */
  beforeExit?: (symbol: string) => Promise<void>;
}

export interface RetryPolicy {
  /** The longest wait between attempts, in bars (the wait doubles from 1). */
  maxBackoffBars?: number;
  /** Told of every failed send, with the attempt number (1 = the first try). */
  onFailure(failure: { intent: OrderIntent; attempt: number; error: string }): void;
}

/** A decision whose orders did not all go out: re-staged on a later bar until they do or a new decision replaces it. */
interface PendingRetry {
  decision: Decision;
  attempt: number;
  /** The bar count (`decisions`, which only grows — a live window's indexes stand still) from which it may run again. */
  dueBar: number;
}

export class TradingSession {
  /** The loop's own books, kept from the broker's fills: what sizing, risk and the signal source see. */
  readonly portfolio: Portfolio;
  decisions = 0;
  /** Entries not sent because sizing gave 0 or less than the market's minimum, with why (see explainZeroSize). */
  readonly skippedEntries = new ReasonTally();
  private readonly o: Required<Omit<TradingSessionOptions, 'market' | 'sessionId' | 'openingFills' | 'retry' | 'entriesAllowed' | 'beforeEntry' | 'beforeExit'>>
    & Pick<TradingSessionOptions, 'sessionId' | 'retry' | 'entriesAllowed' | 'beforeEntry' | 'beforeExit'> & { market: MarketRules };
  private readonly ctx: LoopContext;
  private readonly submitNow: ((intent: OrderIntent) => Order) | undefined;
  private runId = '';
  private staged: Decision | undefined;
  private retrying: PendingRetry | undefined;
  /** Set by a failed send during the current act(); read once it returns. */
  private failedSend = false;
  private unsubscribe: (() => void) | undefined;

  constructor(options: TradingSessionOptions, startingCash: number) {
    this.o = {
      ...options,
      risk: options.risk ?? permissiveRiskGate,
      feeRate: options.feeRate ?? 0,
      spread: options.spread ?? 0,
      allowShort: options.allowShort ?? false,
      recordHolds: options.recordHolds ?? false,
      holdReasons: options.holdReasons ?? true,
      actingReasons: options.actingReasons ?? true,
      market: options.market ?? unrestrictedMarket(options.symbol),
    };
    this.portfolio = new Portfolio(startingCash);
    for (const fill of options.openingFills ?? []) this.portfolio.applyFill(fill);
    this.ctx = new LoopContext(undefined as unknown as CandleSeries, options.symbol, this.o.holdReasons, this.o.actingReasons, !this.o.recordHolds, this.portfolio);
    // A venue on the replay clock fills on the caller's stack: with no hooks and no retries nothing needs a promise.
    const venue = options.broker;
    this.submitNow = isSimulatedVenue(venue) && !options.retry && !options.beforeEntry && !options.beforeExit ? (intent) => venue.submit(intent) : undefined;
  }

  /** The run id the recorder gave this session (empty until start). */
  get currentRunId(): string {
    return this.runId;
  }

  /** The source's async work on these candles (a model's inference), to await before start() or extend() with them. */
  preload(series: CandleSeries): Promise<void> | undefined {
    return this.o.source.preload?.(series);
  }

  /** Prepares the source on the candles known so far and starts listening to the broker. */
  start(series: CandleSeries): void {
    const { source, broker, recorder, symbol } = this.o;
    source.prepare(series);
    this.ctx.series = series;
    this.runId = recorder.runStarted({ ...this.o.run, symbol, strategy: source.name });
    // An account's venue is shared by its sessions: each books only the fills of its own orders.
    const mine = (order: Order): boolean => this.o.sessionId === undefined || order.sessionId === this.o.sessionId;
    this.unsubscribe = broker.subscribe({
      orderUpdated: (order: Order) => {
        if (mine(order)) recorder.orderUpdated(order);
      },
      filled: (fill: Fill, order: Order) => {
        if (!mine(order)) return;
        this.portfolio.applyFill(fill);
        recorder.filled(fill);
      },
    });
  }

  /**
   * Live feeds grow: the source is prepared again on the new window (same batch code as a backtest) before the
   * next bar's decision. Values at a bar depend only on bars up to it, so re-preparing never changes the past.
   */
  extend(series: CandleSeries): void {
    this.o.source.prepare(series);
    this.ctx.series = series;
  }

  /** Bar `index` of the series has closed: the decision is made now and staged until `act` sends it. */
  onBarClosed(index: number): Decision {
    const { symbol, source } = this.o;
    const series = this.ctx.series;
    this.portfolio.mark(symbol, series.close[index]);
    const ctx = this.ctx;
    ctx.index = index;
    // Fee dust the market cannot trade is flat for the strategy too, or it would never enter again.
    ctx.position = this.tradableAtClose(index) ? this.portfolio.position(symbol) : undefined;
    const decision = source.decide(ctx);
    this.decisions++;
    const acts = decision.action !== 'hold';
    if (acts || this.o.recordHolds) this.o.recorder.decisionMade(decision);
    // A new acting decision replaces any retry; a hold lets a failed one try again once its backoff is over.
    if (acts) this.retrying = undefined;
    const retry = this.retrying;
    this.staged = acts ? decision : retry && this.decisions >= retry.dueBar ? retry.decision : undefined;
    return decision;
  }

  /**
   * True when `act` has orders to send. The replay asks first, so a quiet bar makes no call with a price: a double
   * passed to a call the optimiser did not inline is boxed into a fresh heap number (one per bar, per such call).
   */
  get hasStaged(): boolean {
    return this.staged !== undefined;
  }

  /**
   * Sends the staged decision's orders with the market at `price` (the next bar's open, or this bar's close).
   * Returns undefined when there is nothing to send, so the hot loop only awaits on bars that trade.
   */
  act(price: number): Promise<void> | undefined {
    const decision = this.staged;
    if (!decision) return undefined;
    this.staged = undefined;
    if (!this.o.retry) return this.execute(decision, price);
    return this.executeWithRetry(decision, price);
  }

  /** True while a failed decision waits for its next attempt. */
  get hasPendingRetry(): boolean {
    return this.retrying !== undefined;
  }

  private async executeWithRetry(decision: Decision, price: number): Promise<void> {
    const previous = this.retrying?.decision === decision ? this.retrying : undefined;
    this.failedSend = false;
    this.attempt = previous ? previous.attempt + 1 : 1;
    await this.execute(decision, price);
    if (!this.failedSend) {
      this.retrying = undefined;
      return;
    }
    const wait = Math.min(2 ** (this.attempt - 1), this.o.retry?.maxBackoffBars ?? 16);
    this.retrying = { decision, attempt: this.attempt, dueBar: this.decisions + wait };
  }

  private attempt = 1;

  /** Closes whatever is open at `price` (end of a backtest, kill switch, shutdown). */
  flatten(price: number, time: number, reason = 'flatten'): Promise<void> | undefined {
    const { symbol } = this.o;
    this.staged = undefined;
    const held = this.portfolio.sizeOf(symbol);
    if (held === 0) return undefined;
    this.portfolio.mark(symbol, price);
    return this.send(exitIntent(clientOrderId(this.runId, symbol, time, reason), symbol, held, time, reason));
  }

  finish(status: RunStatus = 'finished', stats?: unknown): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.o.recorder.runFinished(status, stats);
  }

  /**
   * Close what points the wrong way, then enter the new direction from flat. Without hooks, retries or an async venue
   * nothing here awaits, so a backtest's trades cost no promise (see `submitNow`).
   */
  private execute(decision: Decision, price: number): Promise<void> | undefined {
    const { symbol, allowShort } = this.o;
    const target = targetDirection(decision.action, allowShort);
    if (target === undefined) return undefined;
    this.portfolio.mark(symbol, price);
    const held = this.tradableSize(price);
    if (held === 0 || Math.sign(held) === target) return this.enter(decision, price, target);
    const exit = exitIntent(this.attemptId(decision.time, 0), symbol, held, decision.time, 'exit', price);
    const hook = this.o.beforeExit;
    if (!hook) return andThen(this.send(exit), () => this.enter(decision, price, target));
    // A failed hook ends the decision: the exit did not go, so there is no flat book to enter from.
    return this.guarded(() => hook(symbol)).then((ok) => (ok ? andThen(this.send(exit), () => this.enter(decision, price, target)) : undefined));
  }

  /** The entry half of `execute`, from flat only: if the exit was vetoed or refused, an opposite entry would just net it down. */
  private enter(decision: Decision, price: number, target: number): Promise<void> | undefined {
    if (target === 0 || this.tradableSize(price) !== 0) return undefined;
    if (this.o.entriesAllowed && !this.o.entriesAllowed()) return undefined;
    const hook = this.o.beforeEntry;
    if (!hook) return this.sendEntry(decision, price, target);
    // Sized after the hook: resolving unknown orders may change the cash the entry is sized from.
    return this.guarded(() => hook(this.o.symbol)).then((ok) => (ok ? this.sendEntry(decision, price, target) : undefined));
  }

  private sendEntry(decision: Decision, price: number, target: number): Promise<void> | undefined {
    const side = target > 0 ? 'buy' : 'sell';
    const sizing: SizingContext = {
      side,
      // Written as the venue writes it, so an exact all-in fit sizes to the same whole unit on both sides.
      price: price * (1 + target * this.o.spread),
      cash: this.portfolio.cash,
      equity: this.portfolio.equity(),
      feeRate: this.o.feeRate,
      rules: this.o.market,
    };
    const amount = this.o.sizer.size(sizing);
    const skipped = entrySkipReason(this.o.sizer, sizing, amount);
    if (skipped !== undefined) {
      this.skippedEntries.add(skipped);
      return undefined;
    }
    return this.send(entryIntent(this.attemptId(decision.time, 1), this.o.symbol, side, amount, decision.time, price));
  }

  /** Retries need fresh client ids: the journal answers a known id with its earlier (failed) outcome. */
  private attemptId(decisionTime: number, seq: number): string {
    const id = clientOrderId(this.runId, this.o.symbol, decisionTime, seq);
    return this.attempt > 1 && this.o.retry ? `${id}:r${this.attempt}` : id;
  }

  /** Runs a venue step; a failure counts as a failed send (retried later) when retries are on, else it propagates. */
  private async guarded(work: () => Promise<void>, intent?: OrderIntent): Promise<boolean> {
    if (!this.o.retry) {
      await work();
      return true;
    }
    try {
      await work();
      return true;
    } catch (err) {
      this.failedSend = true;
      const error = err instanceof Error ? err.message : String(err);
      if (intent) this.o.retry.onFailure({ intent, attempt: this.attempt, error });
      return false;
    }
  }

  /**
   * The position as the market can trade it: a remainder below the market's minimum amount or notional (fee dust
   * left when a venue charges commission in the base asset) cannot be sold, so it counts as flat.
   */
  private tradableSize(price: number): number {
    const held = this.portfolio.sizeOf(this.o.symbol);
    return this.isDust(held, price) ? 0 : held;
  }

  /**
   * tradableSize at bar `index`'s close, as yes/no. Called on every bar, so nothing but an index and a boolean cross
   * the call: a double passed to or returned from a call V8 did not inline is boxed into a fresh heap number.
   */
  private tradableAtClose(index: number): boolean {
    return !this.isDust(this.portfolio.sizeOf(this.o.symbol), this.ctx.series.close[index]);
  }

  /** A size the market cannot trade (below its minimum amount, step or notional at `price`). */
  private isDust(held: number, price: number): boolean {
    const { minAmount, minNotional, amountStep } = this.o.market;
    const size = Math.abs(held);
    return size < Math.max(minAmount, amountStep) || size * price < minNotional;
  }

  /** Risk gate, then the venue: at once on a simulated venue (see `submitNow`), else awaited (and retried when on). */
  private send(intent: OrderIntent): Promise<void> | undefined {
    if (this.o.sessionId !== undefined) intent.sessionId = this.o.sessionId;
    const verdict = this.o.risk.check(intent, this.portfolio);
    if (!verdict.accepted) {
      this.o.recorder.orderVetoed(intent, verdict.reason);
      return undefined;
    }
    if (this.submitNow) {
      refuseRejected(this.submitNow(intent));
      return undefined;
    }
    return this.sendLater(intent);
  }

  private async sendLater(intent: OrderIntent): Promise<void> {
    await this.guarded(async () => refuseRejected(await this.o.broker.createOrder(intent)), intent);
  }
}

/** A venue that answers with a rejection (rather than throwing) failed just the same. */
function refuseRejected(order: Order): void {
  if (order.status === 'rejected') {
    throw new ExchangeError(order.rejectReason ?? 'rejected by the venue', 'ORDER_REJECTED', { field: 'clientOrderId', value: order.clientOrderId });
  }
}

/** `next` after `first` settles, or at once when there was nothing to wait for. */
function andThen(first: Promise<void> | undefined, next: () => Promise<void> | undefined): Promise<void> | undefined {
  return first ? first.then(next) : next();
}

/**
 * The context the loop rewrites each bar. Equity and cash are read from the books when a source asks (no built-in one
 * does): written every bar, each cost a heap number per bar in a sweep job.
 */
class LoopContext implements BarContext {
  index = -1;
  position: Position | undefined = undefined;

  constructor(
    public series: CandleSeries,
    readonly symbol: string,
    readonly holdReasons: boolean,
    readonly actingReasons: boolean,
    readonly reuseHolds: boolean,
    private readonly book: Portfolio,
  ) {}

  get equity(): number {
    return this.book.equity();
  }

  get cash(): number {
    return this.book.cash;
  }
}
