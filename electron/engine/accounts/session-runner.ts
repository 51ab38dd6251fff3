// One paper or live session on its account: a polled candle feed, the same TradingSession and risk gate as a
// backtest, books that start from the session's own fills in the journal, failed orders retried on later bars.
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Decision } from '../../../shared/domain';
import type { SessionView } from '../../../shared/desk-contract';
import type { CandlesReply } from '../../../shared/runs-contract';
import type { PanelSettings } from '../agents/settings';
import type { RiskState as AuditRiskState } from '../agents/types';
import type { CandleStore } from '../data/candle-store';
import type { SeriesKey } from '../data/candle-store/types';
import { marketRulesOf } from '../execution/live/order-rules';
import { LiveBroker } from '../execution/live';
import { sliceSeries, type CandleSeries } from '../model/candle-series';
import type { NewAlert } from '../store/alerts-repo';
import { saveResult } from '../backtest/run-store';
import type { BacktestStats } from '../backtest/metrics/types';
import { rebuildRun } from '../reports/run-stats';
import { createStrategy } from '../strategies/registry';
import { TradingSession } from '../trading/session';
import { parseSizing } from '../trading/sizer';
import { CandlePoller } from '../live/candle-poller';
import { CandleWriteBehind } from '../live/candle-write-behind';
import { DeskRecorder } from '../live/desk-recorder';
import { RollingSeries } from '../live/rolling-series';
import type { ModelLibrary } from '../ml/model-library';
import type { OrderIntent } from '../model/order';
import type { Account } from './account';
import { SessionProtection } from './protection';
import { RefusalNotices } from './refusal-notices';
import type { SessionRow, SessionsRepository } from './sessions-repo';

export interface RunnerDeps {
  db: Database;
  candles: CandleStore;
  sessions: SessionsRepository;
  panelSettings(): PanelSettings;
  /** Where the Predictor's model is found (the engine's library); the default data folder's when absent. */
  models?: ModelLibrary;
  /** What RiskAudit reads of the account (limits near, breaker tripped). */
  auditState(account: Account): Partial<AuditRiskState>;
  raiseAlert(alert: NewAlert): void;
  onDecision(decision: Decision): void;
  now: () => number;
}

/** Failed sends in a row after which the alert is critical (each failure also feeds the error-rate breaker). */
const ALERT_AFTER_FAILURES = 3;
/** The session's default sizing: all of its budget, in fractional units down to the market's amount step. */
export const SESSION_DEFAULT_SIZING = 'all-in';

export class SessionRunner {
  readonly key: SeriesKey;
  lastDecision: Decision | undefined;
  error: string | undefined;
  private session: TradingSession | undefined;
  private poller: CandlePoller | undefined;
  private readonly rolling: RollingSeries;
  private readonly unsaved: CandleWriteBehind;
  private paused: boolean;
  private protection: SessionProtection | undefined;
  private failuresInRow = 0;
  private readonly refusals = new RefusalNotices();
  /** The session's equity when the current UTC day (or the session, if later) began: the desk's "P&L today". */
  private day: { index: number; equity: number } | undefined;

  constructor(readonly row: SessionRow, readonly account: Account, private readonly deps: RunnerDeps) {
    const r = row.request;
    this.key = { exchange: account.row.profile.split(':')[0], symbol: r.symbol, timeframe: r.timeframe };
    this.rolling = new RollingSeries(r.windowBars ?? 1000);
    this.unsaved = new CandleWriteBehind(deps.candles, this.key, TIMEFRAME_MS[r.timeframe]);
    this.paused = row.status === 'paused';
  }

  get id(): number {
    return this.row.id;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Warms the window up, rebuilds the session's books from its fills and opens a run. */
  async start(): Promise<void> {
    const { account, row } = this;
    const r = row.request;
    account.watch(r.symbol);
    account.tagSession(row.id, r.strategy);
    const exchange = account.exchange;
    this.poller = new CandlePoller(exchange, this.key, { now: this.deps.now, onCall: (ok) => account.risk.onExchangeCall(ok, this.deps.now()) });
    await this.warmUp(this.poller);
    const recorder = new DeskRecorder(this.deps.db, account.id, (d) => this.deps.onDecision(d), (intent, reason) => this.refused(intent, reason));
    const tf = TIMEFRAME_MS[r.timeframe];
    const audit = { now: this.deps.now, timeframeMs: tf, riskState: () => this.deps.auditState(account) };
    const market = marketRulesOf(exchange, r.symbol);
    const protection = r.stopLossPct === undefined ? undefined : new SessionProtection({
      account, sessionId: row.id, symbol: r.symbol, market, stopLossPct: r.stopLossPct, takeProfitPct: r.takeProfitPct, now: this.deps.now,
      onProblem: (message) => this.deps.raiseAlert({ level: 'critical', source: `session:${row.id}`, message: `Session ${row.id}: ${message}` }),
    });
    this.protection = protection;
    const session = new TradingSession({
      symbol: r.symbol, source: createStrategy(r.strategy, r.params, { panel: this.deps.panelSettings(), audit, models: this.deps.models }), broker: account.broker,
      sizer: parseSizing(r.sizing ?? SESSION_DEFAULT_SIZING), recorder,
      run: { kind: account.mode, params: { ...r.params, session: row.id }, timeframe: r.timeframe, startedAt: this.deps.now() },
      risk: account.risk, market, feeRate: r.commission ?? 0.001, recordHolds: true,
      sessionId: row.id, openingFills: account.sessionFills(row.id),
      retry: { onFailure: (f) => this.failed(f.attempt, f.error) },
      entriesAllowed: () => !this.paused,
      beforeEntry: (symbol) => (account.broker instanceof LiveBroker ? account.broker.resolvePending(symbol) : Promise.resolve()),
      ...(protection ? { beforeExit: () => protection.clear() } : {}),
    }, row.budget);
    const window = this.rolling.view();
    await session.preload(window);
    session.start(window);
    this.session = session;
    this.day = { index: utcDay(this.deps.now()), equity: session.portfolio.equity() };
    // After a restart the stop may be missing (cancelled by a halt, or never placed): put it back before trading on.
    await protection?.sync(session.portfolio.position(r.symbol));
    this.deps.sessions.setRun(row.id, Number(session.currentRunId));
    account.risk.watchMarket(r.symbol, tf);
  }

  /** Trades every bar that closed since the last step, in order. */
  async step(isActive: () => boolean): Promise<void> {
    const poller = this.poller;
    if (!poller || !this.session) return;
    try {
      const bars = await poller.closedSince(this.rolling.lastTime() + TIMEFRAME_MS[this.key.timeframe]);
      this.unsaved.add(bars);
      for (let i = 0; i < bars.length && isActive(); i++) await this.onBar(bars, i);
      // Stored after the bars traded: a block rewrite never sits between a closed bar and its order.
      this.unsaved.flush();
      this.error = undefined;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Stores the polled bars not written yet (stop, shutdown). */
  saveCandles(): void {
    try {
      this.unsaved.flush(true);
    } catch (err) {
      // The bars are still at the exchange: the next warm-up polls them again. Stopping must not fail on it.
      this.error = `could not store the last bars: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  pause(paused: boolean): void {
    this.paused = paused;
    this.deps.sessions.setStatus(this.id, paused ? 'paused' : 'running');
  }

  finish(status: 'finished' | 'cancelled', reason: string | null): void {
    this.saveCandles();
    this.endRun(status);
    this.deps.sessions.setStatus(this.id, 'stopped', reason);
  }

  /**
   * Engine shutdown: the session stays as it is (it resumes on the next start, in a new run), but this run ends here,
   * with its statistics, like a stop.
   */
  shutdown(): void {
    this.saveCandles();
    this.endRun('finished');
  }

  /** Closes the run with the same statistics a backtest gets (runs.stats, and curve and trades beside it). */
  private endRun(status: 'finished' | 'cancelled'): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    session.finish(status, this.runStats(Number(session.currentRunId)));
  }

  /** Rebuilt from the journal and the stored candles; a failure leaves the run without statistics, never the stop undone. */
  private runStats(runId: number): BacktestStats | undefined {
    try {
      const rebuilt = rebuildRun(this.deps.db, this.deps.candles, runId, { endAt: this.deps.now(), fillsUntil: Infinity, startingCash: this.row.budget });
      if (!rebuilt) return undefined;
      saveResult(this.deps.db, runId, { stats: rebuilt.stats, trades: rebuilt.trades, time: rebuilt.time, equity: rebuilt.equity, notes: rebuilt.notes });
      return rebuilt.stats;
    } catch (err) {
      this.error = `could not compute the run's statistics: ${err instanceof Error ? err.message : String(err)}`;
      return undefined;
    }
  }

  view(): SessionView {
    const s = this.session;
    const p = s?.portfolio.position(this.key.symbol);
    return {
      id: this.id, account: this.account.id, status: this.paused ? 'paused' : 'running', request: this.row.request, budget: this.row.budget,
      ...(s ? { runId: s.currentRunId, cash: s.portfolio.cash, equity: s.portfolio.equity(), pnl: s.portfolio.equity() - this.row.budget } : {}),
      ...(s && this.day ? { pnlToday: s.portfolio.equity() - this.day.equity } : {}),
      lastBarTime: this.rolling.size > 0 ? this.rolling.lastTime() : undefined,
      ...(this.lastDecision ? { lastDecision: this.lastDecision } : {}),
      ...(p ? { position: { size: p.size, entryPrice: p.entryPrice } } : {}),
      ...(s && s.skippedEntries.total > 0 ? { skippedEntries: s.skippedEntries.list() } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** The session's candle window (what its strategy sees), as the chart's typed columns; copies, not views on the ring. */
  candles(): CandlesReply {
    const w = this.rolling.view();
    return {
      time: w.time.slice(), open: w.open.slice(), high: w.high.slice(), low: w.low.slice(), close: w.close.slice(), volume: w.volume.slice(),
      total: w.length, resolution: this.row.request.timeframe,
    };
  }

  /** The session's own books (for tests and the status view). */
  get portfolio() {
    return this.session?.portfolio;
  }

  private async onBar(bars: CandleSeries, i: number): Promise<void> {
    const session = this.session as TradingSession;
    const { risk } = this.account;
    const symbol = this.key.symbol;
    const prevClose = this.rolling.size > 0 ? this.rolling.view().close[this.rolling.size - 1] : undefined;
    const closedAt = bars.time[i] + TIMEFRAME_MS[this.key.timeframe];
    const closed = session.portfolio.closed;
    const tradesBefore = closed.length;
    if (this.day && utcDay(closedAt) !== this.day.index) this.day = { index: utcDay(closedAt), equity: session.portfolio.equity() };
    this.rolling.append(sliceSeries(bars, i, i + 1));
    const view = this.rolling.view();
    this.account.marks.set(symbol, bars.close[i]);
    risk.onMarketData(symbol, closedAt, bars.open[i], prevClose);
    await session.preload(view);
    session.extend(view);
    this.lastDecision = session.onBarClosed(view.length - 1);
    await session.act(bars.close[i]);
    await this.protection?.sync(session.portfolio.position(symbol));
    for (let t = tradesBefore; t < closed.length; t++) risk.onTradeClosed(closed.pnl(t), closedAt);
    const equity = this.account.equity();
    this.account.noteEquity(closedAt, equity);
    risk.onEquity(closedAt, equity);
    if (!session.hasPendingRetry) this.failuresInRow = 0;
  }

  /**
   * The risk gate refused an order: the decision shows why (as the store has it, so the desk sees it with the bar), and
   * the trader gets an alert for each new kind of refusal.
   */
  private refused(intent: OrderIntent, reason: string): void {
    if (this.lastDecision?.time === intent.decisionTime) this.lastDecision = { ...this.lastDecision, veto: reason };
    if (!this.refusals.isNews(reason, this.deps.now())) return;
    const amount = Number(intent.amount.toPrecision(8));
    this.deps.raiseAlert({ level: 'warning', source: `session:${this.id}`,
      message: `Session ${this.id} (${this.key.symbol} ${this.row.request.strategy}): the risk manager refused the ${intent.side} of ${amount} ${intent.symbol}: ${reason}` });
  }

  /** Every failed send is an alert (the session retries with backoff); a run of them becomes critical. */
  private failed(attempt: number, error: string): void {
    this.account.risk.onExchangeCall(false, this.deps.now());
    this.failuresInRow++;
    const critical = this.failuresInRow >= ALERT_AFTER_FAILURES;
    this.deps.raiseAlert({ level: critical ? 'critical' : 'warning', source: `session:${this.id}`,
      message: `Session ${this.id} (${this.key.symbol} ${this.row.request.strategy}): order failed (attempt ${attempt}, ${this.failuresInRow} in a row): ${error}. Retrying on a later bar.` });
  }

  /** The window starts from stored candles, topped up from the exchange up to the last closed bar. */
  private async warmUp(poller: CandlePoller): Promise<void> {
    const step = TIMEFRAME_MS[this.key.timeframe];
    const from = Math.floor(this.deps.now() / step) * step - this.rolling.capacity * step;
    this.rolling.append(this.deps.candles.load(this.key, { from }));
    const fresh = await poller.closedSince(Math.max(from, this.rolling.lastTime() + step));
    if (fresh.length > 0) this.deps.candles.write(this.key, fresh);
    this.rolling.append(fresh);
  }
}

const DAY_MS = 86_400_000;
const utcDay = (time: number) => Math.floor(time / DAY_MS);
