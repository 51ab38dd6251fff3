// The typed IPC contract: every request channel and event stream declared once, with zod schemas for both sides.
import { z } from 'zod';
import { AlertSchema, DecisionSchema, TradingModeSchema } from './domain';
import {
  DataProgressSchema, DatasetSchema, DownloadRequestSchema, DownloadResultSchema, FileImportSchema, FilesOpenSchema, GapSchema,
  ImportRequestSchema, PickedFileSchema, SeriesKeySchema, UploadChunkSchema, UploadReplySchema,
} from './data-contract';
import { AccountName, Identifier, text } from './bounds';
import { BacktestProgressSchema, BacktestReportSchema, BacktestResultSchema, BacktestStartSchema } from './backtest-contract';
import { DeskStartSchema, DeskStatusSchema, LiveArmSchema, SessionIdSchema } from './desk-contract';
import {
  DeskFillSchema, DeskFillsRequestSchema, DeskOrderSchema, DeskOrdersRequestSchema, DeskSessionRowSchema, DeskSessionsRequestSchema,
} from './desk-book-contract';
import {
  ModelJobSchema, ModelListEntrySchema, ModelReportSchema, ModelsCancelSchema, ModelsEvaluateSchema, ModelsNameSchema, ModelsProgressSchema, ModelsTrainSchema,
} from './models-contract';
import { BreakerRearmSchema, KillSwitchRearmSchema, KillSwitchTripSchema, RiskStateSchema } from './risk-contract';
import {
  CandlesReplySchema, CandlesRequestSchema, DecisionColumnsReplySchema, DecisionColumnsRequestSchema, DecisionsRequestSchema, RunSchema, StoredDecisionSchema,
} from './runs-contract';
import { IndicatorInfoSchema, IndicatorSeriesReplySchema, IndicatorSeriesRequestSchema } from './indicators-contract';
import { SettingsPatchSchema, SettingsSchema } from './settings';
import { DriftReportSchema, DriftRequestSchema } from './drift-contract';
import {
  AlertChannelAddSchema, AlertChannelRemovedSchema, AlertChannelTestSchema, AlertChannelViewSchema, AlertsCentreRequestSchema, AlertWithDeliveriesSchema,
  ChannelNameRequestSchema,
} from './alerts-contract';
import { HealthLastSchema, HealthReportSchema } from './health-contract';
import { DailyReportExportSchema, DailyReportReplySchema, DailyReportRequestSchema, DailyReportSavedSchema, ReportAccountSchema } from './daily-report-contract';
import { SweepJobRequestSchema, SweepJobResultSchema, SweepProgressSchema, SweepStartedSchema, SweepStartSchema, WalkForwardStartSchema } from './sweep-contract';
import { DbRestoreRequestSchema, DbRestoreStatusSchema, PendingRestoreSchema } from './db-contract';
import { ConnectionTestRequestSchema, ConnectionTestSchema } from './connection-test-contract';

const Empty = z.object({}).strict();
/** API keys and secrets are printable ASCII without spaces; a passphrase may hold spaces. */
const ApiKeyText = z.string().min(4).max(512).regex(/^[\x21-\x7e]+$/, 'printable characters without spaces');

export const EngineStatusSchema = z.object({
  mode: TradingModeSchema,
  liveArmed: z.boolean(),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
  version: z.string(),
  startedAt: z.number().int(),
  uptimeMs: z.number().nonnegative(),
  host: z.enum(['electron', 'headless', 'cli', 'test']),
  /** Whether `files.open` can show a file dialog (the desktop app); elsewhere files are uploaded. */
  fileDialogs: z.boolean(),
});
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

/** Where the app keeps its files, and the desktop updater's state (absent outside the packaged desktop app). */
export const AppInfoSchema = z.object({
  dataDir: z.string(),
  logDir: z.string(),
  /** Whether `app.openLogs` can open the folder in the OS file manager (desktop only). */
  canOpenFolders: z.boolean(),
  update: z
    .object({ state: z.enum(['disabled', 'idle', 'checking', 'downloading', 'ready', 'error']), version: z.string().optional(), error: z.string().optional() })
    .optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const WebhookStatusSchema = z.object({
  /** False where this host has no keychain slot for the secret (headless takes QUORUM_WEBHOOK_SECRET instead). */
  available: z.boolean(),
  enabled: z.boolean(),
  running: z.boolean(),
  url: z.string().optional(),
  hasSecret: z.boolean(),
  error: z.string().optional(),
});

function channel<Req extends z.ZodType, Rep extends z.ZodType>(request: Req, reply: Rep) {
  return { request, reply };
}

export const requests = {
  'engine.status': channel(Empty, EngineStatusSchema),
  'app.info': channel(Empty, AppInfoSchema),
  'app.openLogs': channel(Empty, z.object({ opened: z.boolean(), path: z.string() })),
  /** The newest lines of the engine's log files (JSON, secrets already masked), for Settings where no folder opens. */
  'app.logTail': channel(z.object({ lines: z.number().int().min(1).max(500).default(100) }).strict(), z.object({ dir: z.string(), lines: z.array(z.string()) })),
  'settings.get': channel(Empty, SettingsSchema),
  'settings.update': channel(SettingsPatchSchema, SettingsSchema),
  /** Where the copy goes is the user's choice in a save dialog (desktop) or the app's exports folder (headless). */
  'db.backup': channel(Empty, z.object({ saved: z.boolean(), path: z.string().optional(), pages: z.number().int().optional() })),
  /** A backup (a file handle) checked and staged now, applied at the next start; whether one waits; and calling it off. */
  'db.restore': channel(DbRestoreRequestSchema, PendingRestoreSchema),
  'db.restoreStatus': channel(Empty, DbRestoreStatusSchema),
  'db.restoreCancel': channel(Empty, z.object({ cancelled: z.boolean() })),
  'alerts.list': channel(
    z.object({ limit: z.number().int().positive().max(1000).default(100) }).strict(),
    z.array(AlertSchema),
  ),
  'data.list': channel(Empty, z.array(DatasetSchema)),
  'data.gaps': channel(SeriesKeySchema, z.array(GapSchema)),
  'data.upload': channel(UploadChunkSchema, UploadReplySchema),
  'files.open': channel(FilesOpenSchema, z.object({ files: z.array(PickedFileSchema) })),
  'data.import': channel(ImportRequestSchema, z.array(FileImportSchema)),
  /** The first-run guide: the sample the app ships (resources/samples) stored as binance:BTC/USDT:1h. */
  'data.loadSample': channel(Empty, FileImportSchema),
  'data.download': channel(DownloadRequestSchema, DownloadResultSchema),
  'candles.get': channel(CandlesRequestSchema, CandlesReplySchema),
  /** The chart's indicators: the engine's registry, and one indicator over a dataset's candles at a resolution. */
  'indicators.list': channel(Empty, z.array(IndicatorInfoSchema)),
  'indicators.series': channel(IndicatorSeriesRequestSchema, IndicatorSeriesReplySchema),
  'runs.list': channel(z.object({ limit: z.number().int().positive().max(1000).default(50) }).strict(), z.array(RunSchema)),
  'decisions.list': channel(DecisionsRequestSchema, z.array(StoredDecisionSchema)),
  'decisions.columns': channel(DecisionColumnsRequestSchema, DecisionColumnsReplySchema),
  'backtest.start': channel(BacktestStartSchema, z.object({ jobId: z.string(), runId: z.number().int() })),
  'backtest.cancel': channel(z.object({ jobId: Identifier(64) }).strict(), z.object({ cancelled: z.boolean() })),
  'backtest.load': channel(
    z.object({ runId: z.number().int().positive(), maxPoints: z.number().int().min(10).max(100_000).default(4_000) }).strict(),
    BacktestResultSchema,
  ),
  'backtest.report': channel(z.object({ runId: z.number().int().positive() }).strict(), BacktestReportSchema),
  'backtest.strategies': channel(Empty, z.array(z.string())),
  'desk.start': channel(DeskStartSchema, DeskStatusSchema),
  'desk.stop': channel(Empty, DeskStatusSchema),
  'session.stop': channel(SessionIdSchema, DeskStatusSchema),
  'session.pause': channel(SessionIdSchema, DeskStatusSchema),
  'session.resume': channel(SessionIdSchema, DeskStatusSchema),
  'desk.status': channel(Empty, DeskStatusSchema),
  /** The Desk page: a running session's candle window, the accounts' orders and fills, and recent sessions (stopped too). */
  'session.candles': channel(SessionIdSchema, CandlesReplySchema),
  'desk.orders': channel(DeskOrdersRequestSchema, z.array(DeskOrderSchema)),
  'desk.fills': channel(DeskFillsRequestSchema, z.array(DeskFillSchema)),
  'desk.sessions': channel(DeskSessionsRequestSchema, z.array(DeskSessionRowSchema)),
  'live.arm': channel(LiveArmSchema, z.object({ accounts: z.array(z.string()) })),
  'live.disarm': channel(z.object({ account: AccountName }).strict(), z.object({ accounts: z.array(z.string()) })),
  'risk.state': channel(Empty, RiskStateSchema),
  'risk.emergencyStop': channel(Empty, RiskStateSchema),
  'risk.killSwitch.trip': channel(KillSwitchTripSchema, RiskStateSchema),
  'risk.killSwitch.rearm': channel(KillSwitchRearmSchema, RiskStateSchema),
  'risk.breaker.rearm': channel(BreakerRearmSchema, RiskStateSchema),
  'credentials.list': channel(Empty, z.array(z.object({ account: z.string() }))),
  /** The desktop kill-switch webhook: its state, and its HMAC secret (write-only: it goes to the keychain, never back). */
  'webhook.status': channel(Empty, WebhookStatusSchema),
  'webhook.setSecret': channel(z.object({ secret: z.string().min(32).max(256).regex(/^[\x21-\x7e]+$/, 'printable characters without spaces') }).strict(), WebhookStatusSchema),
  'credentials.set': channel(
    z.object({ account: AccountName, apiKey: ApiKeyText, secret: ApiKeyText, password: text(256).min(1).optional() }).strict(),
    z.object({ account: z.string() }),
  ),
  'credentials.delete': channel(z.object({ account: AccountName }).strict(), z.object({ deleted: z.boolean() })),
  /** One signed call with a saved profile's keys: accepted, refused, unreachable or too slow, with its round trip. */
  'credentials.test': channel(ConnectionTestRequestSchema, ConnectionTestSchema),
  'data.delete': channel(SeriesKeySchema.extend({ confirm: z.literal(true) }).strict(), z.object({ rows: z.number().int() })),
  /** The Models page: shipped and user models with their manifests, reports, training and walk-forward evaluation jobs. */
  'models.list': channel(Empty, z.array(ModelListEntrySchema)),
  'models.report': channel(ModelsNameSchema, ModelReportSchema),
  'models.train': channel(ModelsTrainSchema, ModelJobSchema),
  'models.evaluate': channel(ModelsEvaluateSchema, ModelJobSchema),
  'models.cancel': channel(ModelsCancelSchema, z.object({ cancelled: z.boolean() })),
  /** A paper or live run against its backtest replay: differing decisions and why, fill slippage and fees, equity gap. */
  'drift.report': channel(DriftRequestSchema, DriftReportSchema),
  /** The Health panel: the last results of every check, and running them now (health.changed follows every run). */
  'health.last': channel(Empty, HealthLastSchema),
  'health.run': channel(Empty, HealthReportSchema),
  /** Alert channels (Settings): secrets go in with alerts.addChannel and on to the keychain; no reply carries one. */
  'alerts.channels': channel(Empty, z.array(AlertChannelViewSchema)),
  'alerts.addChannel': channel(AlertChannelAddSchema, AlertChannelViewSchema),
  'alerts.removeChannel': channel(ChannelNameRequestSchema, AlertChannelRemovedSchema),
  'alerts.testChannel': channel(ChannelNameRequestSchema, AlertChannelTestSchema),
  /** The alerts centre: the newest alerts, each with its delivery state on every channel. */
  'alerts.deliveries': channel(AlertsCentreRequestSchema, z.array(AlertWithDeliveriesSchema)),
  /** Daily reports: the accounts with a journal, one account's report of one UTC day, and its HTML or CSV saved. */
  'report.accounts': channel(Empty, z.array(ReportAccountSchema)),
  'report.daily': channel(DailyReportRequestSchema, DailyReportReplySchema),
  'report.export': channel(DailyReportExportSchema, DailyReportSavedSchema),
  /** The Sweep page: a parameter sweep or a walk-forward on the engine's worker pool (one job at a time), cancel, result. */
  'sweep.start': channel(SweepStartSchema, SweepStartedSchema),
  'walkforward.start': channel(WalkForwardStartSchema, SweepStartedSchema),
  'sweep.cancel': channel(SweepJobRequestSchema, z.object({ cancelled: z.boolean() })),
  'sweep.result': channel(SweepJobRequestSchema, SweepJobResultSchema),
} as const;

export const events = {
  'engine.heartbeat': z.object({ time: z.number().int(), uptimeMs: z.number() }),
  'alert.raised': AlertSchema,
  'settings.changed': SettingsSchema,
  'data.progress': DataProgressSchema,
  'data.changed': z.array(DatasetSchema),
  'risk.changed': RiskStateSchema,
  'backtest.progress': BacktestProgressSchema,
  'decision.made': DecisionSchema,
  'desk.changed': DeskStatusSchema,
  'models.progress': ModelsProgressSchema,
  'health.changed': HealthReportSchema,
  'sweep.progress': SweepProgressSchema,
} as const;

export type RequestChannel = keyof typeof requests;
export type EventName = keyof typeof events;
/** What a caller sends (defaults may be omitted). */
export type RequestPayload<C extends RequestChannel> = z.input<(typeof requests)[C]['request']>;
/** What a handler receives after validation. */
export type ParsedRequest<C extends RequestChannel> = z.output<(typeof requests)[C]['request']>;
export type ReplyValue<C extends RequestChannel> = z.output<(typeof requests)[C]['reply']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** A typed error crossing the boundary: never a stack trace, always a code and a readable message. */
export const WireErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  area: z.string().optional(),
  field: z.string().optional(),
});
export type WireError = z.infer<typeof WireErrorSchema>;

export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireErrorSchema }),
]);
export type Reply = z.infer<typeof ReplySchema>;

/** Messages on the WebSocket bridge. */
export const BridgeClientMessageSchema = z.object({
  type: z.literal('request'),
  id: z.number().int(),
  channel: z.string().max(100),
  payload: z.unknown(),
});
export type BridgeClientMessage = z.infer<typeof BridgeClientMessageSchema>;

export const BridgeServerMessageSchema = z.union([
  z.object({ type: z.literal('reply'), id: z.number().int(), reply: ReplySchema }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type BridgeServerMessage = z.infer<typeof BridgeServerMessageSchema>;

/** Electron IPC channel names used by preload and the shell; the contract channel travels as an argument. */
export const IPC_REQUEST = 'quorum:request';
export const IPC_EVENT = 'quorum:event';

// Kept in shared/issues.ts (no schemas there), so engine code that only formats errors does not load the contract.
export { clip, describeIssues } from './issues';
