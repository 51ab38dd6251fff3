// The engine: owns the store, settings, alerts and the event bus, and answers the contract through one dispatcher.
import type { EngineStatus } from '../../shared/contract';
import type { Alert } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import { dirname } from 'node:path';
import type { CredentialStore } from './credentials';
import { StorageError } from './errors';
import { BacktestService } from './backtest/service';
import { DataService } from './data/data-service';
import { createExchange } from './exchange/ccxt-factory';
import { LiveArming } from './live/arming';
import { TradingDesk, type DeskStartRequest, type DeskStatus } from './live/trading-desk';
import { AlertsRepository, type NewAlert } from './store/alerts-repo';
import { RunsRepository } from './store/runs-repo';
import { SafetyDesk } from './safety';
import { openStore, type OpenedStore } from './store/database';
import { SettingsRepository } from './store/settings-repo';
import { Dispatcher } from './ipc/dispatcher';
import { EventBus } from './ipc/event-bus';
import { createHandlers } from './ipc/handlers';
import { createLogger, type Logger } from './log/logger';
import { APP_VERSION } from './version';

export interface EngineOptions {
  dbPath: string;
  host: EngineStatus['host'];
  logger?: Logger;
  /** Interval of the heartbeat event; 0 disables it. */
  heartbeatMs?: number;
  now?: () => number;
  /** Base URL replacing the exchanges' own (a testnet, or the local emulator in demos and tests). */
  exchangeUrl?: string;
  /** The OS keychain (wired by the shell or headless mode); without it, credential requests are refused. */
  credentials?: CredentialStore;
  /** How often the trading desk polls for closed candles; 0 leaves stepping to the caller (tests). */
  deskPollMs?: number;
}

export class Engine {
  readonly store: OpenedStore;
  readonly settings: SettingsRepository;
  readonly alerts: AlertsRepository;
  readonly data: DataService;
  readonly runs: RunsRepository;
  readonly safety: SafetyDesk;
  readonly backtests: BacktestService;
  readonly arming: LiveArming;
  readonly desk: TradingDesk;
  private deskTimer?: NodeJS.Timeout;
  readonly events = new EventBus();
  readonly dispatcher: Dispatcher;
  readonly log: Logger;
  readonly startedAt: number;
  private readonly now: () => number;
  private heartbeat?: NodeJS.Timeout;

  private constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.log = options.logger ?? createLogger();
    this.store = openStore(options.dbPath);
    this.settings = new SettingsRepository(this.store.db, this.log);
    this.alerts = new AlertsRepository(this.store.db);
    this.runs = new RunsRepository(this.store.db);
    this.safety = new SafetyDesk({
      db: this.store.db, events: this.events, now: this.now,
      raiseAlert: (alert) => this.raiseAlert(alert),
      flattenOnEmergencyStop: () => this.settings.load().flattenOnEmergencyStop,
      riskSettings: () => this.settings.load().risk,
    });
    this.backtests = new BacktestService(
      this.store.db,
      (e) => this.events.emit('backtest.progress', { jobId: e.jobId, runId: e.runId, state: e.state, done: e.done, total: e.total, error: e.error }),
      () => ({ panel: this.settings.load().panel }),
    );
    this.data = new DataService(this.store.db, this.events, dirname(this.store.path), () => ({ urlOverride: options.exchangeUrl }));
    this.arming = new LiveArming(this.settings, () => this.credentials());
    this.desk = new TradingDesk({
      db: this.store.db, candles: this.data.candles, risk: this.safety.risk, alerts: this.alerts, now: this.now,
      exchangeFor: (account, withKeys) => this.exchangeFor(account, withKeys),
      isLiveArmed: (account) => this.arming.isArmed(account),
      panelSettings: () => this.settings.load().panel,
      onDecision: (d) => this.events.emit('decision.made', d),
      onChange: () => this.events.emit('desk.changed', this.desk.status()),
    });
    this.dispatcher = new Dispatcher(createHandlers(this), this.log);
  }

  static start(options: EngineOptions): Engine {
    const engine = new Engine(options);
    const { migration } = engine.store;
    engine.log.info({ dbPath: options.dbPath, host: options.host, schema: migration.to, applied: migration.applied }, 'engine started');
    const every = options.heartbeatMs ?? 0;
    if (every > 0) {
      engine.heartbeat = setInterval(() => engine.events.emit('engine.heartbeat', { time: engine.now(), uptimeMs: engine.uptimeMs() }), every);
      engine.heartbeat.unref();
    }
    return engine;
  }

  /** A ccxt client for an account ("binance" or "binance:main"): public only, or with its keys from the keychain. */
  private async exchangeFor(account: string, withKeys: boolean) {
    const keys = withKeys ? await this.credentials().load(account) : undefined;
    if (withKeys && !keys) throw new StorageError(`No API keys for ${account} in the OS keychain`, 'KEYCHAIN_NO_KEYS', { field: 'account', value: account });
    return createExchange(account.split(':')[0], { urlOverride: this.options.exchangeUrl, apiKey: keys?.apiKey, secret: keys?.secret, options: keys?.password ? { password: keys.password } : {} });
  }

  /** Starts a paper or live session and its polling timer. */
  async startDesk(request: DeskStartRequest): Promise<DeskStatus> {
    const status = await this.desk.start(request);
    const every = this.options.deskPollMs ?? 5_000;
    if (every > 0) {
      this.deskTimer = setInterval(() => void this.desk.step(), every);
      this.deskTimer.unref();
    }
    return status;
  }

  async stopDesk(): Promise<DeskStatus> {
    if (this.deskTimer) clearInterval(this.deskTimer);
    return this.desk.stop();
  }

  /** The keychain, or a clear refusal when this host has none. */
  credentials(): CredentialStore {
    if (!this.options.credentials) throw new StorageError('No OS keychain is connected to this engine', 'KEYCHAIN_UNAVAILABLE');
    return this.options.credentials;
  }

  uptimeMs(): number {
    return Math.max(0, this.now() - this.startedAt);
  }

  status(): EngineStatus {
    const settings = this.settings.load();
    return {
      mode: settings.mode,
      liveArmed: settings.liveArmed,
      dbPath: this.store.path,
      schemaVersion: this.store.migration.to,
      version: APP_VERSION,
      startedAt: this.startedAt,
      uptimeMs: this.uptimeMs(),
      host: this.options.host,
    };
  }

  updateSettings(patch: unknown): Settings {
    const next = this.settings.update(patch);
    this.safety.settingsChanged();
    this.events.emit('settings.changed', next);
    return next;
  }

  raiseAlert(alert: NewAlert): Alert {
    const stored = this.alerts.add(alert);
    this.log.warn({ alert: stored }, 'alert raised');
    this.events.emit('alert.raised', stored);
    return stored;
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.deskTimer) clearInterval(this.deskTimer);
    this.store.db.close();
    this.log.info('engine stopped');
  }
}
