// The health checks' vocabulary: one result per check, a report of all of them, the thresholds they are judged by.
import { globalSecrets } from '../log/logger';

export const HEALTH_STATUSES = ['ok', 'warn', 'bad'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** What a number, flag or word a check measured (shown by the Health panel and `quorum health --json`). */
export type Measured = Record<string, number | string | boolean | null>;

export interface HealthCheckResult {
  /** Stable key: 'database', 'exchange:binance', 'performance:paper:binance'… (alerts and the panel follow it). */
  name: string;
  status: HealthStatus;
  /** One line a trader can act on: what was found and, when not ok, what to do. */
  detail: string;
  measured?: Measured;
}

export interface HealthReport {
  /** When the run started (the engine's clock). */
  time: number;
  /** The worst status of any check. */
  status: HealthStatus;
  /** How long the whole run took, ms. */
  durationMs: number;
  checks: HealthCheckResult[];
}

export interface HealthThresholds {
  /** |our clock − the exchange's| beyond this is 'warn' (ms). */
  clockWarnMs: number;
  /** … and beyond this 'bad' (ms). */
  clockBadMs: number;
  /** Free space of the data folder's disk below this is 'warn' (bytes). */
  diskWarnBytes: number;
  /** … and below this 'bad' (bytes). */
  diskBadBytes: number;
  /** The current drawdown at this share of the max-drawdown breaker's limit is 'warn' (at the limit: 'bad'). */
  drawdownWarnShare: number;
}

/**
 * Clock: Binance refuses a signed request stamped more than 1 s ahead of its clock or more than recvWindow (5 s by
 * default) behind it, so a skew past 1 s may already cost orders ('warn') and past 5 s certainly does ('bad').
 * Disk: below 2 GiB a candle download or a backup (a full copy of the database) may not fit; below 512 MiB SQLite
 * itself may soon fail to write the journal.
 */
export const DEFAULT_THRESHOLDS: HealthThresholds = {
  clockWarnMs: 1_000,
  clockBadMs: 5_000,
  diskWarnBytes: 2 * 1024 ** 3,
  diskBadBytes: 512 * 1024 ** 2,
  drawdownWarnShare: 0.75,
};

/** Time allowed to each external call (exchange, keychain, file system) of a check. */
export const DEFAULT_CALL_TIMEOUT_MS = 5_000;
/** PRAGMA quick_check reads every page: minutes on a very large file are possible, so it gets longer. */
export const DEFAULT_QUICK_CHECK_TIMEOUT_MS = 60_000;

const RANK: Record<HealthStatus, number> = { ok: 0, warn: 1, bad: 2 };

export function rank(status: HealthStatus): number {
  return RANK[status];
}

export function worst(statuses: Iterable<HealthStatus>): HealthStatus {
  let out: HealthStatus = 'ok';
  for (const s of statuses) if (RANK[s] > RANK[out]) out = s;
  return out;
}

/** Thrown by `within` when a call overruns its time. */
export class HealthTimeoutError extends Error {
  constructor(readonly what: string, readonly ms: number) {
    super(`${what}: no answer within ${formatMs(ms)}`);
    this.name = 'HealthTimeoutError';
  }
}

/** Races `work` against a timer; the timer never keeps the process alive. */
export async function within<T>(what: string, ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthTimeoutError(what, ms)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work(), overrun]);
  } finally {
    clearTimeout(timer);
  }
}

export function formatMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1_000).toFixed(abs < 10_000 ? 1 : 0)} s`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** An error as one short line: no URL query strings (ccxt puts signed queries in its messages), no secrets, capped. */
export function errorText(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const text = globalSecrets.mask(raw).replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1').replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
