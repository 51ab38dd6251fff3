// The trading desk: one paper or live session on a live feed — the same TradingSession, risk gate and recorder
// as a backtest, with a polling candle feed, the paper or ccxt broker, and the kill-switch executor attached.
import type { Exchange } from 'ccxt';
import type { z } from 'zod';
import type { DeskStartSchema, DeskStatusView } from '../../../shared/desk-contract';
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Decision } from '../../../shared/domain';
import type { CandleStore } from '../data/candle-store';
import type { SeriesKey } from '../data/candle-store/types';
import { RiskError } from '../errors';
import { sliceSeries, type CandleSeries } from '../model/candle-series';
import { KillSwitchExecutor } from '../execution/kill-switch-executor';
import { OrderJournal } from '../execution/journal';
import { LiveBroker } from '../execution/live';
import { marketRulesOf } from '../execution/live/order-rules';
import { PaperBroker } from '../execution/paper';
import type { Broker } from '../execution/broker';
import type { PanelSettings } from '../agents/settings';
import type { RiskManager } from '../risk';
import type { AlertsRepository } from '../store/alerts-repo';
import { createStrategy } from '../strategies/registry';
import { TradingSession } from '../trading/session';
import { parseSizing } from '../trading/sizer';
import { CandlePoller } from './candle-poller';
import { DeskRecorder } from './desk-recorder';
import { RollingSeries } from './rolling-series';

/** What the trader asks for (the contract's shape, validated at the boundary). */
export type DeskStartRequest = z.output<typeof DeskStartSchema>;
export type DeskStatus = DeskStatusView;

export interface DeskDeps {
  db: Database;
  candles: CandleStore;
  risk: RiskManager;
  alerts: AlertsRepository;
  /** A ccxt client for the account: public-only for paper, with keys from the keychain for live. */
  exchangeFor(account: string, withKeys: boolean): Promise<Exchange>;
  isLiveArmed(account: string): boolean;
  /** The app's stored panel settings, the base of a 'panel' session. */
  panelSettings(): PanelSettings;
  onDecision(decision: Decision): void;
  onChange(): void;
  now?: () => number;
}

interface Active {
  request: DeskStartRequest;
  key: SeriesKey;
  session: TradingSession;
  broker: Broker;
  poller: CandlePoller;
  rolling: RollingSeries;
  detach: () => void;
  lastDecision?: Decision;
}

export class TradingDesk {
  private active: Active | undefined;
  private error: string | undefined;
  private stepping: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: DeskDeps) {
    this.now = deps.now ?? Date.now;
  }

  async start(request: DeskStartRequest): Promise<DeskStatus> {
    if (this.active) throw new RiskError('A trading session is already running: stop it first', 'DESK_BUSY');
    const ks = this.deps.risk.killSwitch.state();
    if (ks.isTripped && ks.mode !== 'stop-entries') throw new RiskError(`The kill switch is latched (${ks.mode}): re-arm it before trading`, 'KILL_SWITCH_LATCHED');
    if (request.mode === 'live' && !this.deps.isLiveArmed(request.account)) {
      throw new RiskError(`Live trading is not armed for ${request.account}: arm it explicitly first`, 'LIVE_NOT_ARMED', { field: 'account', value: request.account });
    }
    const exchange = await this.deps.exchangeFor(request.account, request.mode === 'live');
    const broker = await this.openBroker(exchange, request);
    const key: SeriesKey = { exchange: request.account.split(':')[0], symbol: request.symbol, timeframe: request.timeframe };
    const rolling = new RollingSeries(request.windowBars ?? 1000);
    const poller = new CandlePoller(exchange, key, { now: this.now, onCall: (ok) => this.deps.risk.onExchangeCall(ok, this.now()) });
    await this.warmUp(key, rolling, poller);
    const session = this.openSession(request, exchange, broker, await this.startingCash(request, broker));
    session.start(rolling.view());
    this.deps.risk.watchMarket(request.symbol, TIMEFRAME_MS[request.timeframe]);
    const executor = new KillSwitchExecutor(broker, { alerts: this.deps.alerts, symbols: () => [request.symbol] });
    const detachExecutor = executor.attach(this.deps.risk.killSwitch, () => this.deps.onChange());
    const detachStop = this.deps.risk.killSwitch.onKillSwitchTripped((e) => { if (e.mode !== 'stop-entries') void this.stop('cancelled'); });
    this.active = { request, key, session, broker, poller, rolling, detach: () => { detachExecutor(); detachStop(); } };
    this.error = undefined;
    this.deps.onChange();
    return this.status();
  }

  /** Polls for newly closed bars and trades each in order; the timer calls it, tests call it directly. */
  step(): Promise<void> {
    this.stepping ??= this.stepOnce().finally(() => (this.stepping = undefined));
    return this.stepping;
  }

  async stop(status: 'finished' | 'cancelled' = 'finished'): Promise<DeskStatus> {
    const a = this.active;
    if (!a) return this.status();
    this.active = undefined;
    a.detach();
    a.session.finish(status);
    this.deps.onChange();
    return this.status();
  }

  status(): DeskStatus {
    const a = this.active;
    if (!a) return { running: false, ...(this.error ? { error: this.error } : {}) };
    const p = a.session.portfolio.position(a.request.symbol);
    return {
      running: true, request: a.request, runId: a.session.currentRunId, lastBarTime: a.rolling.lastTime(), lastDecision: a.lastDecision,
      cash: a.session.portfolio.cash, equity: a.session.portfolio.equity(),
      ...(p ? { position: { size: p.size, entryPrice: p.entryPrice } } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  private async stepOnce(): Promise<void> {
    const a = this.active;
    if (!a) return;
    try {
      // Resting orders fill between bars: the paper venue needs the latest price, the live one polls its fills.
      if (a.broker instanceof PaperBroker) await a.broker.tick();
      if (a.broker instanceof LiveBroker) await a.broker.sync();
      const bars = await a.poller.closedSince(a.rolling.lastTime() + TIMEFRAME_MS[a.key.timeframe]);
      if (bars.length > 0) this.deps.candles.write(a.key, bars);
      for (let i = 0; i < bars.length && this.active === a; i++) await this.onBar(a, bars.time[i], bars, i);
      this.error = undefined;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.deps.onChange();
    } finally {
      // Even when the exchange did not answer: a silent feed is exactly what the stale-data breaker is for.
      this.deps.risk.onClock(this.now());
    }
  }

  private async onBar(a: Active, time: number, bars: CandleSeries, i: number): Promise<void> {
    const prevClose = a.rolling.size > 0 ? a.rolling.view().close[a.rolling.size - 1] : undefined;
    const closedAt = time + TIMEFRAME_MS[a.key.timeframe];
    const tradesBefore = a.session.portfolio.trades.length;
    a.rolling.append(sliceSeries(bars, i, i + 1));
    const view = a.rolling.view();
    this.deps.risk.onMarketData(a.request.symbol, closedAt, bars.open[i], prevClose);
    a.session.extend(view);
    a.lastDecision = a.session.onBarClosed(view.length - 1);
    await a.session.act(bars.close[i]);
    for (const trade of a.session.portfolio.trades.slice(tradesBefore)) this.deps.risk.onTradeClosed(trade.pnl, closedAt);
    this.deps.risk.onEquity(closedAt, a.session.portfolio.equity());
    this.deps.onChange();
  }

  private async openBroker(exchange: Exchange, r: DeskStartRequest): Promise<Broker> {
    const journal = new OrderJournal(this.deps.db);
    if (r.mode === 'paper') {
      const paper = new PaperBroker({ exchange, journal, symbols: [r.symbol], cash: r.cash ?? 10_000, commission: r.commission ?? 0.001 });
      await paper.start();
      return paper;
    }
    const live = new LiveBroker({ exchange, journal, alerts: this.deps.alerts, symbols: [r.symbol] });
    await live.start();
    return live;
  }

  private async startingCash(r: DeskStartRequest, broker: Broker): Promise<number> {
    return r.mode === 'paper' ? (r.cash ?? 10_000) : (await broker.fetchBalance()).free;
  }

  private openSession(r: DeskStartRequest, exchange: Exchange, broker: Broker, cash: number): TradingSession {
    const recorder = new DeskRecorder(this.deps.db, (d) => this.deps.onDecision(d));
    return new TradingSession({
      symbol: r.symbol, source: createStrategy(r.strategy, r.params, { panel: this.deps.panelSettings() }), broker, sizer: parseSizing(r.sizing ?? 'fraction:0.95'), recorder,
      run: { kind: r.mode, params: { ...r.params }, timeframe: r.timeframe, startedAt: this.now() },
      risk: this.deps.risk, market: marketRulesOf(exchange, r.symbol), feeRate: r.commission ?? 0.001, recordHolds: true,
    }, cash);
  }

  /** The window starts from stored candles, topped up from the exchange up to the last closed bar. */
  private async warmUp(key: SeriesKey, rolling: RollingSeries, poller: CandlePoller): Promise<void> {
    const step = TIMEFRAME_MS[key.timeframe];
    const from = Math.floor(this.now() / step) * step - rolling.capacity * step;
    rolling.append(this.deps.candles.load(key, { from }));
    const fresh = await poller.closedSince(Math.max(from, rolling.lastTime() + step));
    if (fresh.length > 0) this.deps.candles.write(key, fresh);
    rolling.append(fresh);
  }
}
