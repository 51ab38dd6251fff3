// The narrow services the contract's handlers call: the boundary's whole surface, explicit and testable on its own.
// The engine builds one of these; the handlers never see the Engine itself.
import type { AppInfo, EngineStatus, ParsedRequest, ReplyValue } from '../../../shared/contract';
import type { Alert } from '../../../shared/domain';
import type { DeskStatusView } from '../../../shared/desk-contract';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import type { LoadedRun } from '../backtest/service';
import type { CredentialStore } from '../credentials';
import type { CandleStore } from '../data/candle-store';
import type { DataService } from '../data/data-service';
import type { PickedFile } from '../files/client-files';
import type { SessionRequest } from '../accounts/session-request';
import type { SafetyDesk } from '../safety';
import type { RunDecisions } from '../backtest/run-decisions';
import type { ModelService } from '../ml/model-service';
import type { DriftReport } from '../../../shared/drift-contract';
import type { HealthReportView } from '../../../shared/health-contract';
import type { AlertsCentre } from '../alerts/alerts-centre';
import type { DailyReportService } from '../reports/report-service';
import type { DeskBook } from '../accounts/desk-book';
import type { SweepJobs } from '../backtest/sweep-jobs';
import type { PendingRestore } from '../../../shared/db-contract';
import type { ConnectionTest } from '../../../shared/connection-test-contract';

export interface ContractServices {
  status(): EngineStatus;
  /** The app's folders and the desktop updater; opening the log folder needs the desktop shell. */
  app: { info(): AppInfo; openLogs(): Promise<{ opened: boolean; path: string }>; logTail(lines: number): { dir: string; lines: string[] } };
  settings: { load(): Settings; update(patch: SettingsPatch): Settings };
  alerts: { list(limit: number): Alert[] };
  /** Uploads and the open dialog hand out file handles; nothing else reaches a file. */
  files: {
    upload(chunk: ParsedRequest<'data.upload'>): { received: number; file?: string };
    open(purpose: 'candles' | 'database', multiple: boolean): Promise<PickedFile[]>;
  };
  /** A copy of the database where a save dialog (or the exports folder) says. */
  backup(): Promise<ReplyValue<'db.backup'>>;
  /** A restore from a backup's file handle: refused while trading is at stake, else staged for the next start. */
  database: {
    restore(file: string): Promise<PendingRestore>;
    status(): { pending: PendingRestore | null };
    cancel(): { cancelled: boolean };
  };
  /** Settings' "Test connection": one signed call with a saved profile's keys (never returned). */
  exchangeProfiles: { test(account: string): Promise<ConnectionTest> };
  data: Pick<DataService, 'list' | 'gaps' | 'import' | 'download' | 'delete' | 'importSample'>;
  /** Where the shipped sample dataset is (the packaged app's resources/samples); undefined when not installed. */
  samplesDir: string | undefined;
  candles: CandleStore;
  runs: Pick<RunDecisions, 'list' | 'decisions' | 'columns'>;
  backtests: {
    /** `data` is a dataset name or a file handle, as the contract allows. */
    start(req: ParsedRequest<'backtest.start'>): Promise<{ jobId: string; runId: number }>;
    cancel(jobId: string): boolean;
    load(runId: number): LoadedRun | undefined;
    strategies: readonly string[];
  };
  desk: {
    start(request: SessionRequest): Promise<DeskStatusView>;
    stopAll(): Promise<DeskStatusView>;
    stop(sessionId: number): DeskStatusView;
    pause(sessionId: number, paused: boolean): DeskStatusView;
    status(): DeskStatusView;
    /** A running session's candle window (the Desk page's chart). */
    candles(sessionId: number): ReplyValue<'session.candles'>;
  };
  /** The Desk page's books: the accounts' orders and fills, newest first, and recent sessions. */
  deskBook: Pick<DeskBook, 'orders' | 'fills' | 'recentSessions'>;
  live: {
    arm(account: string, confirm: string): Promise<string[]>;
    /** Disarms and stops the account's live sessions. */
    disarm(account: string): string[];
  };
  safety: Pick<SafetyDesk, 'state' | 'emergencyStop' | 'trip' | 'rearmKillSwitch' | 'rearmBreaker'>;
  credentials(): CredentialStore;
  webhook: { status(): ReplyValue<'webhook.status'>; setSecret(secret: string): Promise<ReplyValue<'webhook.status'>> };
  /** The Models page: models with manifests and reports; training and walk-forward jobs (one at a time), cancel. */
  models: Pick<ModelService, 'list' | 'report' | 'train' | 'evaluate' | 'cancel'>;
  /** Drift reports: a paper or live run replayed through the backtester and compared with it. */
  drift: { report(runId: number): Promise<DriftReport> };
  /** The Health panel: the last run's results (null before the first), and a run now. */
  health: { last(): HealthReportView | null; run(): Promise<HealthReportView> };
  /** Alert channels (their secrets only ever go in) and every alert's delivery state. */
  alertChannels: Pick<AlertsCentre, 'channels' | 'add' | 'remove' | 'test' | 'deliveries'>;
  reports: Pick<DailyReportService, 'accounts' | 'daily' | 'export'>;
  /** The Sweep page's sweeps and walk-forwards (one job at a time, on the engine's pool). */
  sweeps: Pick<SweepJobs, 'startSweep' | 'startWalkForward' | 'cancel' | 'result'>;
}
