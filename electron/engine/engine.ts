// The engine: owns the store, settings, alerts and the event bus, and answers the contract through one dispatcher.
import type { AppInfo, EngineStatus } from '../../shared/contract';
import { FileToken } from '../../shared/bounds';
import type { Alert } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { logDirFor } from './log/log-files';
import { tailLines } from './cli/commands/logs-read';
import { clip } from '../../shared/issues';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CredentialStore } from './credentials';
import { ConfigError, StorageError } from './errors';
import { BacktestService } from './backtest/service';
import { SweepPool } from './backtest/sweep-pool';
import { SweepJobs } from './backtest/sweep-jobs';
import { DataService } from './data/data-service';
import { createExchange } from './exchange/ccxt-factory';
import { LiveArming } from './live/arming';
import { AccountDesk } from './accounts/account-desk';
import { DeskBook } from './accounts/desk-book';
import type { SessionRequest } from './accounts/session-request';
import type { DeskStatusView } from '../../shared/desk-contract';
import { AlertsRepository, type NewAlert } from './store/alerts-repo';
import { AlertChannels } from './alerts/channels';
import { AlertDelivery, type DeliveryTuning } from './alerts/delivery';
import { alertSecretsIn } from './alerts/secrets';
import { AppLock } from './store/app-lock';
import { RunsRepository } from './store/runs-repo';
import { RunDecisions } from './backtest/run-decisions';
import { ModelLibrary, shippedModelsDir } from './ml/model-library';
import { ModelService } from './ml/model-service';
import { SafetyDesk } from './safety';
import { shippedSamplesDir } from './data/sample-dataset';
import { openStore, type OpenedStore } from './store/database';
import { SettingsRepository } from './store/settings-repo';
import { Dispatcher } from './ipc/dispatcher';
import { EventBus } from './ipc/event-bus';
import { createHandlers } from './ipc/handlers';
import type { ContractServices } from './ipc/services';
import { ClientFiles } from './files/client-files';
import { WebhookService, type SecretSlot } from './risk/webhook-service';
import { HealthService, type HealthThresholds } from './health';
import { HealthFeed } from './health/health-feed';
import { AlertsCentre } from './alerts/alerts-centre';
import { DailyReportService } from './reports/report-service';
import { DayEndReports } from './reports/day-end';
import { buildDriftReport } from './drift';
import type { DriftReport } from '../../shared/drift-contract';
import { DATABASE_FILE_FILTERS, type FileDialogs } from './files/file-dialogs';
import { backupDatabase, backupReplacing } from './store/backup';
import { applyPendingRestore, restoreAlert } from './store/pending-restore';
import { DatabaseRestores } from './store/restore-service';
import { testConnection } from './exchange/connection-test';
import { TIMEOUTS } from './exchange/timeouts';
import { STRATEGY_NAMES } from './strategies/registry';
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
  /** How often the kill-switch row is read for a latch written by another process (`quorum kill`); 0 disables. */
  killSwitchPollMs?: number;
  /** The desktop shell's native open/save dialogs; without them files are uploaded and backups go to exports/. */
  dialogs?: FileDialogs;
  /** What only the desktop shell can do: open a folder in the OS file manager, report the updater's state. */
  desktop?: DesktopHost;
  /** The models shipped with the app (the packaged app's resources/models); the project's models/ otherwise. */
  modelsDir?: string;
  /** The sample dataset shipped with the app (the packaged app's resources/samples); the project's otherwise. */
  samplesDir?: string;
  /** The keychain slot of the kill-switch webhook's secret: with it, the webhook is a setting (the desktop app). */
  webhookSecret?: SecretSlot;
  /**
   * How often the health checks run (an alert when one turns warn or bad, and when it recovers); 0 disables. Default
   * 60 s, except for host 'test', where a test that wants them sets it (a check of the real exchange, alerts and a
   * probe file in logs/ would surprise tests that never asked for them).
   */
  healthCheckMs?: number;
  /** Overrides of the health checks' thresholds (clock skew, free disk, drawdown share). */
  healthThresholds?: Partial<HealthThresholds>;
  /**
   * How long after start the sweep workers start and warm up in the background, so a trader's first sweep or
   * walk-forward runs on warm threads (a cold pool roughly doubled the first sweep); 0 leaves them to the first sweep.
   * Default 10 s for the desktop and headless hosts (after the first screens have drawn: the warm-up keeps both cores
   * busy for ~0.5 s), off for the CLI and tests.
   */
  sweepWarmMs?: number;
  /** Alert delivery's timings (tests shorten them); the defaults are in alerts/delivery.ts. */
  alertDelivery?: Partial<DeliveryTuning>;
}

export interface DesktopHost {
  openFolder(path: string): Promise<void>;
  updateStatus(): NonNullable<AppInfo['update']>;
}

export class Engine {
  readonly store: OpenedStore;
  readonly settings: SettingsRepository;
  readonly alerts: AlertsRepository;
  /** Where alerts go beyond the app (webhook, Slack, Discord, Telegram, email); their secrets are in the keychain. */
  readonly alertChannels: AlertChannels;
  /** The queue of alerts to send on those channels, and its worker. */
  readonly alertDelivery: AlertDelivery;
  readonly data: DataService;
  /** Every file a client's request touches goes through here (handles, uploads, the exports folder). */
  readonly files: ClientFiles;
  readonly runs: RunsRepository;
  /** Stored runs' decisions as the app reads them: holds' reasons recomputed for the bars a trader opens. */
  readonly runDecisions: RunDecisions;
  /** Shipped and user-trained models for the Predictor. */
  readonly models: ModelLibrary;
  /** The Models page's training and evaluation jobs (one at a time) on stored datasets. */
  readonly modelJobs: ModelService;
  readonly safety: SafetyDesk;
  readonly backtests: BacktestService;
  /** The Sweep page's sweeps and walk-forwards, on the pool below. */
  readonly sweeps: SweepJobs;
  readonly arming: LiveArming;
  readonly desk: AccountDesk;
  /** Health checks: exchanges and clock, API keys, database, disk, logs, model, breakers, live performance. */
  readonly health: HealthService;
  /** The health runs as the Health panel shows them (each check's status since when); health.changed carries each. */
  private readonly healthFeed = new HealthFeed();
  /** Every account's daily report at the UTC day's end, written to exports/reports and announced as an alert. */
  readonly dayEnd: DayEndReports;
  private startUp: Promise<void> = Promise.resolve();
  private deskTimer?: NodeJS.Timeout;
  private sweepWarmTimer?: NodeJS.Timeout;
  private killSwitchTimer?: NodeJS.Timeout;
  readonly events = new EventBus();
  readonly dispatcher: Dispatcher;
  readonly log: Logger;
  readonly startedAt: number;
  private readonly now: () => number;
  private heartbeat?: NodeJS.Timeout;
  private readonly webhook?: WebhookService;
  private lock?: AppLock;
  /** Sweep worker threads: started by the first sweep, reused by later ones, terminated by close(). */
  private sweepPool?: SweepPool;
  /** Restores asked for in Settings: staged here, applied by the next start (see store/pending-restore.ts). */
  private readonly restores: DatabaseRestores;

  private constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.log = options.logger ?? createLogger();
    this.store = openStore(options.dbPath);
    this.settings = new SettingsRepository(this.store.db, this.log);
    this.alerts = new AlertsRepository(this.store.db);
    this.alertChannels = new AlertChannels(this.store.db, alertSecretsIn(() => this.credentials()));
    this.alertDelivery = new AlertDelivery({ db: this.store.db, channels: this.alertChannels, log: this.log, tuning: options.alertDelivery });
    this.runs = new RunsRepository(this.store.db);
    // The app's own folder beside the database (uploads/, exports/, models/); an in-memory store gets one under the temp dir.
    const appDir = options.dbPath === ':memory:' ? join(tmpdir(), `quorum-memory-${process.pid}`) : dirname(this.store.path);
    this.models = new ModelLibrary(join(appDir, 'models'), options.modelsDir ?? shippedModelsDir());
    this.runDecisions = new RunDecisions(this.store.db, this.models);
    this.modelJobs = new ModelService({ library: this.models, db: () => this.store.db, onEvent: (e) => this.events.emit('models.progress', e) });
    this.safety = new SafetyDesk({
      db: this.store.db, events: this.events, now: this.now,
      raiseAlert: (alert) => this.raiseAlert(alert),
      flattenOnEmergencyStop: () => this.settings.load().flattenOnEmergencyStop,
      riskSettings: () => this.settings.load().risk,
    });
    this.backtests = new BacktestService(
      this.store.db,
      (e) => this.events.emit('backtest.progress', { jobId: e.jobId, runId: e.runId, state: e.state, done: e.done, total: e.total, error: e.error }),
      () => ({ panel: this.settings.load().panel, models: this.models }),
      () => this.settings.load().risk,
      () => this.pool(),
    );
    this.sweeps = new SweepJobs(this.backtests, (e) => this.events.emit('sweep.progress', e));
    this.files = new ClientFiles(appDir, options.dialogs);
    this.dayEnd = new DayEndReports({
      db: this.store.db, now: this.now, dir: join(this.files.exportsDir, 'reports'),
      flushCandles: () => this.desk.saveCandles(),
      raiseAlert: (alert) => void this.raiseAlert(alert),
      onError: (err) => this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'day-end reports failed'),
    });
    this.data = new DataService(this.store.db, this.events, this.files, () => ({ urlOverride: options.exchangeUrl }));
    this.arming = new LiveArming(this.settings, () => this.credentials());
    this.desk = new AccountDesk({
      db: this.store.db, candles: this.data.candles, now: this.now, killSwitch: this.safety.risk.killSwitch,
      exchangeFor: (account, withKeys) => this.exchangeFor(account, withKeys),
      isLiveArmed: (account) => this.arming.isArmed(account),
      riskSettings: () => this.settings.load().risk,
      panelSettings: () => this.settings.load().panel,
      models: this.models,
      raiseAlert: (alert) => this.raiseAlert(alert),
      onDecision: (d) => this.events.emit('decision.made', d),
      onChange: () => this.events.emit('desk.changed', this.desk.status()),
      onAccountOpened: (account) => this.safety.watchAccount(account),
      onAccountForgotten: (account) => this.safety.unwatchAccount(account),
      onKillReport: (account, report) => this.log.warn({ account, mode: report.trigger.mode, cancelled: report.cancelled.length,
        closing: report.closing.length, failures: report.failures }, 'kill switch carried out'),
    });
    if (options.webhookSecret) {
      this.webhook = new WebhookService(this.safety.risk.killSwitch, options.webhookSecret, () => this.settings.load().killSwitchWebhook, { replays: this.store.db });
    }
    this.health = new HealthService({
      dbPath: this.store.path, db: this.store.db, now: this.now, models: this.models, thresholds: options.healthThresholds,
      settings: () => this.settings.load(),
      accountProfiles: () => this.desk.accounts.list().map((a) => a.profile),
      exchangeFor: (profile, withKeys) => this.exchangeFor(profile, withKeys),
      keyedProfiles: options.credentials ? () => this.credentials().accounts() : undefined,
      risk: () => this.safety.state(),
      openAccounts: () => this.desk.openAccounts().filter((a) => a.isOpen),
      raiseAlert: (alert) => void this.raiseAlert(alert),
      onReport: (report) => this.events.emit('health.changed', this.healthFeed.note(report)),
      subscribe: (listener) => this.events.subscribe((event) => listener(event)),
    });
    this.restores = new DatabaseRestores({ dbPath: this.store.path, db: this.store.db, files: this.files, now: this.now, log: this.log });
    this.dispatcher = new Dispatcher(createHandlers(this.contractServices()), this.log);
  }

  /** What a client may ask of the engine, service by service: the contract boundary's whole surface. */
  private contractServices(): ContractServices {
    return {
      status: () => this.status(),
      app: {
        info: () => ({
          dataDir: this.files.appDir, logDir: logDirFor(this.store.path), canOpenFolders: this.options.desktop !== undefined,
          ...(this.options.desktop ? { update: this.options.desktop.updateStatus() } : {}),
        }),
        openLogs: async () => {
          const path = logDirFor(this.store.path);
          if (!this.options.desktop) return { opened: false, path };
          mkdirSync(path, { recursive: true });
          await this.options.desktop.openFolder(path);
          return { opened: true, path };
        },
        logTail: (lines) => {
          const dir = logDirFor(this.store.path);
          // Masked when written; clipped here so one huge record cannot swell the reply.
          return { dir, lines: tailLines(dir, lines).lines.map((line) => clip(line, 4_000)) };
        },
      },
      settings: { load: () => this.settings.load(), update: (patch) => this.updateSettings(patch) },
      alerts: this.alerts,
      files: this.files,
      backup: () => this.backupOnRequest(),
      database: {
        restore: (file) => this.restores.restore(file),
        status: () => this.restores.status(),
        cancel: () => this.restores.cancel(),
      },
      exchangeProfiles: {
        test: async (account) => {
          const result = await testConnection(account, () => this.exchangeFor(account, true), { timeoutMs: TIMEOUTS.ticker, clock: Date.now });
          this.log.info({ account, ok: result.ok, failure: result.failure, latencyMs: result.latencyMs }, 'exchange connection tested');
          return { ...result, testedAt: this.now() };
        },
      },
      data: this.data,
      samplesDir: this.options.samplesDir ?? shippedSamplesDir(),
      candles: this.data.candles,
      runs: this.runDecisions,
      backtests: {
        start: ({ data, strategy, params, options, from, to }) => {
          const source = FileToken.safeParse(data).success ? this.files.resolve(data, 'data') : undefined;
          const resolved = source ? { file: source.path, name: source.name } : { dataset: data };
          return this.backtests.start({ data: resolved, strategy, params, options, from, to });
        },
        cancel: (jobId) => this.backtests.cancel(jobId),
        load: (runId) => this.backtests.load(runId),
        strategies: STRATEGY_NAMES,
      },
      desk: {
        start: (request) => this.startDesk(request),
        stopAll: () => this.stopDesk(),
        stop: (id) => this.desk.stop(id),
        pause: (id, paused) => this.desk.pause(id, paused),
        status: () => this.desk.status(),
        candles: (id) => this.desk.sessionCandles(id),
      },
      live: {
        arm: (account, confirm) => this.arming.arm(account, confirm),
        disarm: (account) => {
          const accounts = this.arming.disarm(account);
          for (const s of this.desk.status().sessions) {
            if (s.request.mode === 'live' && s.request.account === account) this.desk.stop(s.id, 'live trading disarmed');
          }
          return accounts;
        },
      },
      deskBook: new DeskBook(this.store.db, this.desk.sessions),
      safety: this.safety,
      credentials: () => this.credentials(),
      webhook: {
        status: () => ({ available: this.webhook !== undefined, ...(this.webhook?.status() ?? { enabled: false, running: false, hasSecret: false }) }),
        setSecret: async (secret) => {
          if (!this.webhook) throw new ConfigError('This app has no keychain slot for the webhook secret here; headless mode takes QUORUM_WEBHOOK_SECRET', 'WEBHOOK_UNAVAILABLE');
          return { available: true, ...(await this.webhook.setSecret(secret)) };
        },
      },
      models: this.modelJobs,
      drift: { report: (runId) => this.driftReport(runId) },
      health: {
        last: () => this.healthFeed.last(),
        run: async () => this.healthFeed.note(await this.health.run()),
      },
      alertChannels: new AlertsCentre({ db: this.store.db, channels: this.alertChannels, delivery: this.alertDelivery, alerts: this.alerts }),
      reports: new DailyReportService({
        db: this.store.db, now: this.now,
        saveTarget: (title, name, filters) => this.files.saveTarget(title, name, filters),
      }),
      sweeps: this.sweeps,
    };
  }

  /** A copy of the database where the user's save dialog says, or a new file in the exports folder (headless). */
  private async backupOnRequest() {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const name = `quorum-backup-${stamp}${this.options.dialogs ? '' : `-${randomBytes(3).toString('hex')}`}.db`;
    const target = await this.files.saveTarget('Back up the Quorum database', name, DATABASE_FILE_FILTERS);
    if (!target) return { saved: false };
    const { path, pages } = this.options.dialogs ? await backupReplacing(this.store.db, target) : await backupDatabase(this.store.db, target);
    return { saved: true, path, pages };
  }

  /** Refuses (StorageError 'APP_RUNNING', naming the pid and host) when another live process has the database open. */
  static start(options: EngineOptions): Engine {
    const lock = options.dbPath === ':memory:' ? undefined : AppLock.acquire(options.dbPath, options.host);
    let engine: Engine;
    let restored: ReturnType<typeof applyPendingRestore>;
    try {
      // A restore staged from Settings replaces the file before it opens (store/pending-restore.ts says why not sooner).
      restored = options.dbPath === ':memory:' ? undefined : applyPendingRestore(options.dbPath, (options.now ?? Date.now)());
      engine = new Engine(options);
    } catch (err) {
      lock?.release();
      throw err;
    }
    engine.lock = lock;
    const { migration } = engine.store;
    engine.log.info({ dbPath: options.dbPath, host: options.host, schema: migration.to, applied: migration.applied }, 'engine started');
    if (restored) engine.raiseAlert(restoreAlert(restored));
    const every = options.heartbeatMs ?? 0;
    if (every > 0) {
      engine.heartbeat = setInterval(() => engine.events.emit('engine.heartbeat', { time: engine.now(), uptimeMs: engine.uptimeMs() }), every);
      engine.heartbeat.unref();
    }
    // The safety net comes up with the engine, not with a session (see AccountDesk.startUp).
    engine.startUp = engine.desk.startUp().catch((err: unknown) => {
      const message = `Start-up of the trading accounts failed: ${err instanceof Error ? err.message : String(err)}`;
      // Closed while starting up (a quick quit): nothing is left to alert; the log still says it.
      if (engine.store.db.open) engine.raiseAlert({ level: 'critical', source: 'engine', message });
      else engine.log.error({ err }, message);
    });
    const pollKill = options.killSwitchPollMs ?? 1_000;
    if (pollKill > 0) {
      engine.killSwitchTimer = setInterval(() => engine.safety.risk.killSwitch.adoptFromDisk(), pollKill);
      engine.killSwitchTimer.unref();
    }
    void engine.webhook?.reconcile();
    engine.alertDelivery.start();
    engine.dayEnd.start();
    engine.health.start(options.healthCheckMs ?? (options.host === 'test' ? 0 : 60_000));
    // Only where a trader runs sweeps from the UI: the CLI's commands and tests would start threads they never use.
    const warmSweeps = options.sweepWarmMs ?? (options.host === 'electron' || options.host === 'headless' ? 10_000 : 0);
    if (warmSweeps > 0) {
      engine.sweepWarmTimer = setTimeout(() => void engine.pool().warm().catch((err: unknown) => {
        // Closed while the threads started: nothing to report, and the log may already be gone.
        if (engine.store.db.open) engine.log.warn({ err }, 'sweep workers did not start');
      }), warmSweeps);
      engine.sweepWarmTimer.unref();
    }
    const pollDesk = options.deskPollMs ?? 5_000;
    if (pollDesk > 0) {
      engine.deskTimer = setInterval(() => void engine.desk.step(), pollDesk);
      engine.deskTimer.unref();
    }
    return engine;
  }

  /** The engine's sweep workers: one pool for every sweep and walk-forward, started on first use or by the warm-up timer. */
  pool(): SweepPool {
    return (this.sweepPool ??= new SweepPool());
  }

  /** Settles once every account with something at stake is connected, a latched kill switch carried out, sessions resumed. */
  get ready(): Promise<void> {
    return this.startUp;
  }

  /** A ccxt client for an account ("binance" or "binance:main"): public only, or with its keys from the keychain. */
  private async exchangeFor(account: string, withKeys: boolean) {
    const keys = withKeys ? await this.credentials().load(account) : undefined;
    if (withKeys && !keys) throw new StorageError(`No API keys for ${account} in the OS keychain`, 'KEYCHAIN_NO_KEYS', { field: 'account', value: account });
    return createExchange(account.split(':')[0], { urlOverride: this.options.exchangeUrl, apiKey: keys?.apiKey, secret: keys?.secret, options: keys?.password ? { password: keys.password } : {} });
  }

  /** Starts a paper or live session (after start-up has protected every account). */
  async startDesk(request: SessionRequest): Promise<DeskStatusView> {
    await this.ready;
    this.restores.assertNonePending();
    return this.desk.start(request);
  }

  /** Stops every session; accounts and their kill-switch executors stay. */
  async stopDesk(): Promise<DeskStatusView> {
    await this.ready;
    return this.desk.stopAll('stopped by the trader');
  }

  /** The keychain, or a clear refusal when this host has none. */
  credentials(): CredentialStore {
    if (!this.options.credentials) throw new StorageError('No OS keychain is connected to this engine', 'KEYCHAIN_UNAVAILABLE');
    return this.options.credentials;
  }

  uptimeMs(): number {
    return Math.max(0, this.now() - this.startedAt);
  }

  /** A paper or live run replayed through the backtester with the app's panel and risk settings, and compared with it. */
  driftReport(runId: number): Promise<DriftReport> {
    const settings = this.settings.load();
    return buildDriftReport(this.store.db, runId, { strategyBase: { panel: settings.panel, models: this.models }, risk: settings.risk });
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
      fileDialogs: this.files.hasDialogs,
    };
  }

  updateSettings(patch: unknown): Settings {
    const next = this.settings.update(patch);
    this.safety.settingsChanged();
    void this.webhook?.reconcile();
    this.events.emit('settings.changed', next);
    return next;
  }

  raiseAlert(alert: NewAlert): Alert {
    const stored = this.alerts.add(alert);
    // Only rows are inserted here; the delivery worker sends them later, off this call.
    this.alertDelivery.enqueue(stored);
    this.log.warn({ alert: stored }, 'alert raised');
    this.events.emit('alert.raised', stored);
    return stored;
  }

  close(): void {
    this.health.close();
    this.dayEnd.close();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.deskTimer) clearInterval(this.deskTimer);
    if (this.sweepWarmTimer) clearTimeout(this.sweepWarmTimer);
    if (this.killSwitchTimer) clearInterval(this.killSwitchTimer);
    this.desk.close();
    this.sweeps.close();
    void this.sweepPool?.close();
    void this.modelJobs.close();
    this.runDecisions.close();
    void this.webhook?.close();
    // Synchronously puts messages on their way back in the queue (sent after the next start), then aborts them.
    void this.alertDelivery.stop();
    this.store.db.close();
    this.lock?.release();
    this.log.info('engine stopped');
  }
}
