// Acts on a tripped kill switch: halt cancels every open order at once; flatten then closes every position at market.
import type { Order, OrderIntent, Position } from '../model/order';
import { KILL_SWITCH_ORDER_REASON, type KillSwitchState, type KillSwitchTripped } from '../risk/kill-switch-types';
import type { AlertSink } from '../store/alerts-repo';
import type { Broker } from './broker';

/** What the executor listens to; the risk module's KillSwitch has this shape. */
export interface KillSwitchSource {
  onKillSwitchTripped(listener: (event: KillSwitchTripped) => void): () => void;
}

/** Optional broker abilities that make a halt faster (the live broker has both). */
export interface UrgentCanceller {
  /** Open orders known locally, so cancels can go out before any request returns. */
  knownOpenOrders(): Order[];
  /** Runs the work without client-side request throttling. */
  urgent<T>(work: () => Promise<T>): Promise<T>;
}

export interface KillFailure {
  what: string;
  error: string;
}

export interface KillReport {
  trigger: KillSwitchTripped;
  startedAt: number;
  /** Every cancel request dispatched (known orders at once, then those only the exchange listed). */
  cancelsSentAt?: number;
  /** Every cancel answered. */
  cancelsDoneAt?: number;
  finishedAt: number;
  cancelled: Order[];
  closing: Order[];
  /** Positions too small to close (below the market's minimum amount or notional). */
  dust: Position[];
  /** Open orders still on the exchange after the final check (a halt that did not fully work). */
  leftOpen: Order[];
  failures: KillFailure[];
}

export interface KillSwitchExecutorOptions {
  /** Markets to flatten (default: every position the broker reports). */
  symbols?: () => readonly string[];
  /**
   * What to close, each part under its owner (session) so the owners' books see their own closing fills. Default:
   * the broker's positions, unowned. Only what the app bought is ever closed: the live broker's positions are the
   * journal's, never the wallet's.
   */
  positions?: () => Promise<readonly (Position & { sessionId?: number | null })[]>;
  /** Makes the closing orders' client ids unique across accounts that trip at the same instant. */
  scope?: string;
  alerts?: AlertSink;
  now?: () => number;
}

const CLOSED = new Set(['filled', 'cancelled', 'rejected']);

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function hasUrgent(broker: Broker): broker is Broker & UrgentCanceller {
  const b = broker as Partial<UrgentCanceller>;
  return typeof b.knownOpenOrders === 'function' && typeof b.urgent === 'function';
}

export class KillSwitchExecutor {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly broker: Broker, private readonly options: KillSwitchExecutorOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Runs the executor on every trip of `source`; returns the function that detaches it. */
  attach(source: KillSwitchSource, onDone?: (report: KillReport) => void, onError?: (err: unknown) => void): () => void {
    return source.onKillSwitchTripped((event) => {
      // The switch emits synchronously: the work runs on, and a failure must never throw back into the switch.
      this.execute(event).then((report) => onDone?.(report), (err: unknown) => onError?.(err));
    });
  }

  /**
   * After a restart with the switch still latched: runs the latched mode again. Cancels are idempotent and the
   * flatten orders' client ids come from the original trip time, so a rerun can never double a closing order.
   */
  resume(state: KillSwitchState): Promise<KillReport> | undefined {
    if (!state.isTripped || state.mode === undefined || state.mode === 'stop-entries') return undefined;
    return this.execute({ mode: state.mode, reason: state.reason ?? 'latched before restart', source: state.source ?? 'ui', time: state.trippedAt ?? this.now() });
  }

  /** Trips run one after another, so an escalation to flatten starts once the halt before it is done. */
  execute(trigger: KillSwitchTripped): Promise<KillReport> {
    const run = this.chain.then(() => this.run(trigger));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async run(trigger: KillSwitchTripped): Promise<KillReport> {
    const report: KillReport = { trigger, startedAt: this.now(), finishedAt: 0, cancelled: [], closing: [], dust: [], leftOpen: [], failures: [] };
    if (trigger.mode === 'halt' || trigger.mode === 'flatten') {
      const broker = this.broker;
      await (hasUrgent(broker) ? broker.urgent(() => this.halt(report)) : this.halt(report));
    }
    if (trigger.mode === 'flatten') await this.flatten(report);
    report.finishedAt = this.now();
    this.alert(report);
    return report;
  }

  private cancelBatch(orders: readonly Order[]): Promise<PromiseSettledResult<Order>[]> {
    return Promise.allSettled(orders.map((o) => this.broker.cancelOrder(o.id, o.symbol)));
  }

  /**
   * One request for a market's open orders (the exchange's own batch): a halt cancels every open order of the
   * account's markets anyway, and one round trip beats fifty. If it fails, the orders are cancelled one by one.
   */
  private async cancelMarket(symbol: string, orders: readonly Order[]): Promise<PromiseSettledResult<Order>[]> {
    try {
      const cancelled = await this.broker.cancelAllOrders(symbol);
      return cancelled.map((value) => ({ status: 'fulfilled', value }));
    } catch {
      return this.cancelBatch(orders);
    }
  }

  /**
   * Cancels go out for every locally known open order at once; the exchange's list is fetched in parallel and any
   * order only it knows is cancelled as soon as the list arrives. A final check sweeps leftovers market by market.
   */
  private async halt(report: KillReport): Promise<void> {
    const targeted = new Set<string>();
    const wholeMarket = new Set<string>();
    const batches: Promise<PromiseSettledResult<Order>[]>[] = [];
    const dispatch = (orders: readonly Order[]): void => {
      const fresh = orders.filter((o) => o.id && !CLOSED.has(o.status) && !targeted.has(`${o.symbol}|${o.id}`) && !wholeMarket.has(o.symbol));
      const bySymbol = new Map<string, Order[]>();
      for (const o of fresh) {
        targeted.add(`${o.symbol}|${o.id}`);
        const list = bySymbol.get(o.symbol);
        if (list) list.push(o);
        else bySymbol.set(o.symbol, [o]);
      }
      for (const [symbol, list] of bySymbol) {
        if (list.length < 2) {
          batches.push(this.cancelBatch(list));
          continue;
        }
        wholeMarket.add(symbol);
        batches.push(this.cancelMarket(symbol, list));
      }
    };
    if (hasUrgent(this.broker)) dispatch(this.broker.knownOpenOrders());
    const listed = await this.broker.fetchOpenOrders().catch((err: unknown) => {
      report.failures.push({ what: 'list open orders', error: describe(err) });
      return [] as Order[];
    });
    dispatch(listed);
    report.cancelsSentAt = this.now();
    for (const result of (await Promise.all(batches)).flat()) {
      if (result.status === 'fulfilled') report.cancelled.push(result.value);
      else report.failures.push({ what: 'cancel', error: describe(result.reason) });
    }
    report.cancelsDoneAt = this.now();
    report.leftOpen = await this.sweep(report);
  }

  /** Whatever is still open after the cancels: one cancel-all per market, then a last look. */
  private async sweep(report: KillReport): Promise<Order[]> {
    const left = await this.broker.fetchOpenOrders().catch(() => undefined);
    if (left === undefined) return [];
    if (left.length === 0) return [];
    const symbols = [...new Set(left.map((o) => o.symbol))];
    const swept = await Promise.allSettled(symbols.map((s) => this.broker.cancelAllOrders(s)));
    for (const r of swept) {
      if (r.status === 'fulfilled') report.cancelled.push(...r.value);
      else report.failures.push({ what: 'cancel all', error: describe(r.reason) });
    }
    return this.broker.fetchOpenOrders().catch(() => left);
  }

  private closingIntent(p: Position & { sessionId?: number | null }, time: number): OrderIntent {
    const owner = p.sessionId ?? '-';
    const intent: OrderIntent = {
      clientOrderId: `flatten:${this.options.scope ?? ''}:${p.symbol}:${owner}:${time}`,
      symbol: p.symbol,
      side: p.size > 0 ? 'sell' : 'buy',
      type: 'market',
      amount: Math.abs(p.size),
      reduceOnly: true,
      decisionTime: time,
      reason: KILL_SWITCH_ORDER_REASON,
    };
    if (typeof p.sessionId === 'number') intent.sessionId = p.sessionId;
    return intent;
  }

  /** Every position closed at market, reduce-only, all at once; client ids come from the trip, so a rerun cannot double. */
  private async flatten(report: KillReport): Promise<void> {
    const symbols = this.options.symbols?.();
    const all = this.options.positions ? await this.options.positions() : await this.broker.fetchPositions(symbols ? [...symbols] : undefined);
    const positions = all.filter((p) => p.size !== 0);
    const results = await Promise.allSettled(positions.map((p) => this.broker.createOrder(this.closingIntent(p, report.trigger.time))));
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') report.closing.push(r.value);
      else if ((r.reason as { code?: string }).code === 'ORDER_TOO_SMALL') report.dust.push(positions[i]);
      else report.failures.push({ what: `close ${positions[i].symbol}`, error: describe(r.reason) });
    });
  }

  private alert(report: KillReport): void {
    if (!this.options.alerts) return;
    const { mode, reason } = report.trigger;
    const failed = report.failures.length > 0 || report.leftOpen.length > 0;
    const message = `Kill switch ${mode} (${reason}): ${report.cancelled.length} order(s) cancelled` +
      (mode === 'flatten' ? `, ${report.closing.length} position(s) closed, ${report.dust.length} left as dust` : '') +
      (failed ? `; ${report.failures.length} failure(s), ${report.leftOpen.length} order(s) still open` : '');
    this.options.alerts.add({ level: failed ? 'critical' : 'warning', source: 'kill-switch', message,
      details: { account: this.options.scope, failures: report.failures, leftOpen: report.leftOpen.map((o) => o.id) } });
  }
}
