// What `quorum trade` and `quorum kill` share: who has the database open, the CLI's own engine (host 'cli'), the
// keychain handed in by bin/quorum.mjs, and contract replies turned back into typed errors.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Reply } from '../../../../shared/contract';
import type { Alert } from '../../../../shared/domain';
import type { CredentialStore } from '../../credentials';
import { Engine } from '../../engine';
import { ConfigError, DataError, ExchangeError, ModelError, QuorumError, RiskError, StorageError } from '../../errors';
import { createLogger, type Logger } from '../../log/logger';
import { AppLock, describeHolder, readAppLock, type AppLockInfo } from '../../store/app-lock';
import type { CliIO } from '../command';

export { readAppLock, type AppLockInfo };

/** The refusal every command that would write trading state gives while another process has the database. */
export function appRunningError(dbPath: string, holder: AppLockInfo, inApp: string): StorageError {
  const advice = holder.host === 'cli' ? 'stop that quorum command first (Ctrl-C in its terminal)' : `${inApp} from the app, or quit it first`;
  return new StorageError(`Quorum is running on ${dbPath} (${describeHolder(holder)}): ${advice}`, 'APP_RUNNING',
    { field: 'db', value: dbPath, pid: holder.pid, host: holder.host });
}

export function refuseWhileRunning(dbPath: string, inApp: string): void {
  const holder = readAppLock(dbPath);
  if (holder) throw appRunningError(dbPath, holder, inApp);
}

function isAppRunning(err: unknown): err is StorageError {
  return err instanceof StorageError && err.code === 'APP_RUNNING';
}

/** Runs a short write (a session stopped, the switch re-armed) holding the database's lock, so no app starts meanwhile. */
export async function withCliLock<T>(dbPath: string, inApp: string, work: () => T | Promise<T>): Promise<T> {
  let lock: AppLock;
  try {
    lock = AppLock.acquire(dbPath, 'cli');
  } catch (err) {
    const holder = readAppLock(dbPath);
    if (isAppRunning(err) && holder) throw appRunningError(dbPath, holder, inApp);
    throw err;
  }
  try {
    return await work();
  } finally {
    lock.release();
  }
}

/** The keychain, asked for only when a live account needs keys (keytar may be missing where only paper is traded). */
function lazyCredentials(factory: (() => CredentialStore) | undefined): CredentialStore | undefined {
  if (!factory) return undefined;
  let store: CredentialStore | undefined;
  const get = () => (store ??= factory());
  return {
    save: async (account, credentials) => get().save(account, credentials),
    load: async (account) => get().load(account),
    remove: async (account) => get().remove(account),
    accounts: async () => get().accounts(),
  };
}

/** The engine's JSON log goes to a file beside the database (the terminal shows what the trader needs). */
export function cliLogPath(dbPath: string): string {
  return join(dirname(dbPath), 'logs', 'quorum-cli.log');
}

function fileLogger(dbPath: string): Logger {
  const path = cliLogPath(dbPath);
  mkdirSync(dirname(path), { recursive: true });
  return createLogger({ sink: { write: (line: string) => appendFileSync(path, line) } });
}

export interface CliEngineOptions {
  exchangeUrl?: string;
  /** Read the kill-switch row for latches written by another `quorum kill` (default every second). */
  killSwitchPollMs?: number;
  /** The refusal's wording when another process has the database ("start sessions"). */
  inApp: string;
}

/** The engine the CLI trades through: the same one the app runs (host 'cli'), stepped by the command itself. */
export function startCliEngine(dbPath: string, io: CliIO, options: CliEngineOptions): Engine {
  try {
    return Engine.start({
      dbPath, host: 'cli', logger: fileLogger(dbPath), exchangeUrl: options.exchangeUrl, credentials: lazyCredentials(io.credentials),
      deskPollMs: 0, killSwitchPollMs: options.killSwitchPollMs, now: io.now,
    });
  } catch (err) {
    const holder = readAppLock(dbPath);
    if (isAppRunning(err) && holder) throw appRunningError(dbPath, holder, options.inApp);
    throw err;
  }
}

/** Alerts the engine raises while the command runs, printed as they come. */
export function printAlerts(engine: Engine, io: CliIO): () => void {
  return engine.events.subscribe((event, payload) => {
    if (event !== 'alert.raised') return;
    const a = payload as Alert;
    io.err(`ALERT ${a.level} [${a.source}] ${a.message}`);
  });
}

const AREA_ERRORS = { config: ConfigError, contract: ConfigError, data: DataError, exchange: ExchangeError, risk: RiskError, model: ModelError, storage: StorageError } as const;

/** A contract reply's value, or its error thrown again with its code (a bad request is a usage error, exit 2). */
export function replyValue<T>(reply: Reply): T {
  if (reply.ok) return reply.value as T;
  const { code, message, area, field } = reply.error;
  const Cls = (area && AREA_ERRORS[area as keyof typeof AREA_ERRORS]) || QuorumError;
  throw new Cls(message, code, field ? { field } : {});
}

/** Quantities as a trader reads them: up to 8 decimals, no trailing zeros. */
export function qty(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toFixed(8))) : String(n);
}

export function money(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
