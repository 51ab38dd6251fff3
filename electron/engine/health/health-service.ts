// Runs every health check at once, each with its own time limit, and turns status changes into alerts: once when a
// check turns warn or bad (not on every run while it stays so), and once more when it recovers. The engine runs it
// every minute; `quorum health` runs it once on a database.
import type { Database } from 'better-sqlite3';
import type { Exchange } from 'ccxt';
import type { Alert } from '../../../shared/domain';
import type { Settings } from '../../../shared/settings';
import type { NewAlert } from '../store/alerts-repo';
import type { ModelLibrary } from '../ml/model-library';
import { checkDatabase } from './database-check';
import { checkApiPermissions, checkExchange } from './exchange-checks';
import { checkDisk, checkLogFolder } from './files-checks';
import { checkModel } from './model-check';
import { EquityRepository } from '../store/equity-repo';
import { checkPerformance, EquityHistory, MAX_SAMPLES } from './performance';
import { checkBreakers, checkKillSwitch, SELF_ALERTING_CHECKS, type RiskView } from './risk-checks';
import {
  DEFAULT_CALL_TIMEOUT_MS, DEFAULT_QUICK_CHECK_TIMEOUT_MS, DEFAULT_THRESHOLDS, errorText, rank, within, worst,
  type HealthCheckResult, type HealthReport, type HealthStatus, type HealthThresholds,
} from './types';

/** Where the checks look: the engine's parts in the app, the bare database in `quorum health`. */
export interface HealthSources {
  /** The database file (or ':memory:'): its disk, its log folder, and the file quick_check reads. */
  dbPath: string;
  db: Database;
  settings(): Settings;
  models: Pick<ModelLibrary, 'resolve'>;
  /** Profiles ("binance", "binance:main") of the stored accounts. */
  accountProfiles(): string[];
  /** A fresh ccxt client for a profile: public, or with its keys from the keychain. */
  exchangeFor(profile: string, withKeys: boolean): Promise<Exchange>;
  /** Profiles whose API keys are in the keychain; absent where this host has no keychain. */
  keyedProfiles?(): Promise<string[]>;
  risk(): RiskView;
  /** The accounts open in this process, for live equity (absent in `quorum health`, which trades nothing). */
  openAccounts?(): readonly { id: string; equity(): number }[];
}

export interface HealthOptions extends HealthSources {
  /** The engine's clock: report times, equity samples, breaker re-arm times. */
  now?: () => number;
  /** The system clock, compared with the exchanges' (default Date.now). */
  clock?: () => number;
  thresholds?: Partial<HealthThresholds>;
  /** Time allowed to each external call, ms. */
  timeoutMs?: number;
  quickCheckTimeoutMs?: number;
  /**
   * The keychain listing and the keys' permission queries are repeated at most this often (ms, default 15 min; 0:
   * every run): reading the keychain every minute for rights that seldom change would be wasteful.
   */
  keyCheckMs?: number;
  /** Runs quick_check on `db` in this thread instead of a worker. */
  quickCheckInThread?: boolean;
  /** Where status changes go (the engine's raiseAlert); none in `quorum health`. */
  raiseAlert?(alert: NewAlert): void;
  onReport?(report: HealthReport): void;
  /** Engine events: equity is sampled at every decision (a bar closed). */
  subscribe?(listener: (event: string) => void): () => void;
}

/** How often the keys' permissions are asked again by default. */
const KEY_CHECK_MS = 15 * 60_000;

export class HealthService {
  readonly thresholds: HealthThresholds;
  /** Equity samples per account, kept in the database so live performance carries on across restarts. */
  readonly equity: EquityHistory;
  private readonly now: () => number;
  private readonly clock: () => number;
  private readonly timeoutMs: number;
  private readonly previous = new Map<string, HealthStatus>();
  private running?: Promise<HealthReport>;
  private latest?: HealthReport;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private closed = false;
  private keys?: { at: number; keyed: string[]; results: HealthCheckResult[] };
  private readonly stop = new AbortController();

  constructor(private readonly o: HealthOptions) {
    this.now = o.now ?? Date.now;
    this.clock = o.clock ?? Date.now;
    this.timeoutMs = o.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...o.thresholds };
    this.equity = new EquityHistory(MAX_SAMPLES, new EquityRepository(o.db));
    this.unsubscribe = o.subscribe?.((event) => {
      if (event === 'decision.made') this.sampleEquity();
    });
  }

  /** Runs every `intervalMs` (the first run one interval after start); 0 or less does nothing. */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.closed) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  /** The last finished report, if any. */
  last(): HealthReport | undefined {
    return this.latest;
  }

  /** Every check once; never rejects (a check that throws is 'bad' with the error). A run in progress is shared. */
  run(): Promise<HealthReport> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  close(): void {
    this.closed = true;
    this.stop.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Notes every open account's equity now (also done at each run and each decision). */
  sampleEquity(): void {
    if (this.closed || !this.o.openAccounts) return;
    const time = this.now();
    let accounts: readonly { id: string; equity(): number }[];
    try {
      accounts = this.o.openAccounts();
    } catch {
      return;
    }
    for (const account of accounts) {
      try {
        this.equity.note(account.id, time, account.equity());
      } catch {
        // An account still connecting has no equity yet.
      }
    }
  }

  private async runOnce(): Promise<HealthReport> {
    const time = this.now();
    const started = Date.now();
    this.sampleEquity();
    const settings = attempt(() => this.o.settings());
    const jobs: Promise<HealthCheckResult | HealthCheckResult[]>[] = [
      this.guard('database', () => this.database()),
      this.guard('logs', () => checkLogFolder({ dbPath: this.o.dbPath, timeoutMs: this.timeoutMs })),
      this.guard('model', async () => (settings.ok ? checkModel(settings.value.panel.predictor.model, this.o.models) : unreadable('model', settings.error))),
      this.guard('kill-switch', async () => checkKillSwitch(this.o.risk().killSwitch)),
      this.guard('breakers', async () => checkBreakers(this.o.risk().breakers, this.now())),
      this.guard('exchanges', () => this.exchanges(settings.ok ? settings.value : undefined)),
      this.guard('performance', async () => this.performance(settings.ok ? settings.value : undefined)),
    ];
    const results = (await Promise.all(jobs)).flat();
    // The disk check names the database's size (a backup must fit): it runs after quick_check measured it.
    const dbSize = results.find((r) => r.name === 'database')?.measured?.sizeBytes;
    const disk = await this.guard('disk', () => checkDisk({ dbPath: this.o.dbPath, timeoutMs: this.timeoutMs, thresholds: this.thresholds }, typeof dbSize === 'number' ? dbSize : null));
    const checks = [...results.slice(0, 1), disk, ...results.slice(1)];
    const report: HealthReport = { time, status: worst(checks.map((c) => c.status)), durationMs: Date.now() - started, checks };
    if (!this.closed) {
      this.latest = report;
      this.alertChanges(report);
      try {
        this.o.onReport?.(report);
      } catch {
        // A listener's failure is not the health of the engine.
      }
    }
    return report;
  }

  private database(): Promise<HealthCheckResult> {
    return checkDatabase({
      path: this.o.dbPath, db: this.o.db, timeoutMs: this.o.quickCheckTimeoutMs ?? DEFAULT_QUICK_CHECK_TIMEOUT_MS, useWorker: !this.o.quickCheckInThread,
      signal: this.stop.signal,
    });
  }

  /** Every configured profile: reachability and clock; with keys in the keychain, also what the key may do. */
  private async exchanges(settings: Settings | undefined): Promise<HealthCheckResult[]> {
    const options = { timeoutMs: this.timeoutMs, thresholds: this.thresholds, clock: this.clock };
    const every = this.o.keyCheckMs ?? KEY_CHECK_MS;
    const cached = this.keys && Date.now() - this.keys.at < every ? this.keys : undefined;
    let keyed = cached?.keyed ?? [];
    const keychain: HealthCheckResult[] = [];
    if (!cached && this.o.keyedProfiles) {
      try {
        keyed = await within('the keychain', this.timeoutMs, () => this.o.keyedProfiles!());
      } catch (err) {
        keychain.push({ name: 'keychain', status: 'warn', detail: `the keychain did not list the stored API keys: ${errorText(err)}; key permissions not checked` });
      }
    }
    const profiles = configuredProfiles({ accounts: this.o.accountProfiles(), settings, keyed });
    const reachability = Promise.all(profiles.map((profile) =>
      this.guard(`exchange:${profile}`, () => checkExchange(profile, () => this.o.exchangeFor(profile, false), options))));
    const permissions = cached ? Promise.resolve(cached.results) : Promise.all(keyed.map((profile) =>
      this.guard(`api-keys:${profile}`, () => checkApiPermissions(profile, () => this.o.exchangeFor(profile, true), options))));
    const [reach, rights] = await Promise.all([reachability, permissions]);
    if (!cached && keychain.length === 0) this.keys = { at: Date.now(), keyed, results: rights };
    // Each profile's reachability, then what its key may do.
    const ordered = profiles.flatMap((p) => [...reach.filter((r) => r.name === `exchange:${p}`), ...rights.filter((r) => r.name === `api-keys:${p}`)]);
    return [...keychain, ...ordered];
  }

  private performance(settings: Settings | undefined): HealthCheckResult[] {
    // In the app, the accounts open now; in `quorum health` (nothing open), every account with a recorded history.
    const open = this.o.openAccounts ? new Set(this.o.openAccounts().map((a) => a.id)) : undefined;
    const breaker = settings?.risk.breakers.maxDrawdown;
    const limits = { maxDrawdownPct: breaker?.enabled ? breaker.maxDrawdownPct : undefined, thresholds: this.thresholds };
    return this.equity.accounts().filter((id) => !open || open.has(id)).map((id) => checkPerformance(id, this.equity.get(id)!, limits));
  }

  /** A check that throws (a bug, a closed database) is 'bad' with the error, never a failed run. */
  private async guard<T extends HealthCheckResult | HealthCheckResult[]>(name: string, work: () => Promise<T>): Promise<T | HealthCheckResult> {
    try {
      return await work();
    } catch (err) {
      return { name, status: 'bad', detail: `the check failed: ${errorText(err)}` };
    }
  }

  private alertChanges(report: HealthReport): void {
    const seen = new Set<string>();
    for (const check of report.checks) {
      seen.add(check.name);
      const before = this.previous.get(check.name) ?? 'ok';
      this.previous.set(check.name, check.status);
      if (before === check.status || SELF_ALERTING_CHECKS.has(check.name)) continue;
      const worse = rank(check.status) > rank(before);
      const level: Alert['level'] = worse ? (check.status === 'bad' ? 'critical' : 'warning') : check.status === 'ok' ? 'info' : 'warning';
      const message = worse
        ? `Health: ${check.name} is ${check.status.toUpperCase()} — ${check.detail}`
        : check.status === 'ok' ? `Health: ${check.name} recovered — ${check.detail}` : `Health: ${check.name} improved to WARN — ${check.detail}`;
      try {
        this.o.raiseAlert?.({ level, source: `health:${check.name}`, message, details: { check: check.name, from: before, to: check.status, measured: check.measured } });
      } catch {
        // The alert store is gone (closing): the next run tries again.
        this.previous.set(check.name, before);
      }
    }
    // A check that no longer exists (an account forgotten, a profile removed) starts afresh if it comes back.
    for (const name of [...this.previous.keys()]) if (!seen.has(name)) this.previous.delete(name);
  }
}

/** The stored accounts' profiles, those armed for live, those with keys; the default exchange when there is none. */
export function configuredProfiles(o: { accounts: readonly string[]; settings?: Pick<Settings, 'liveArmedAccounts' | 'defaultExchange'>; keyed: readonly string[] }): string[] {
  const set = new Set<string>([...o.accounts, ...(o.settings?.liveArmedAccounts ?? []), ...o.keyed]);
  if (set.size === 0) set.add(o.settings?.defaultExchange ?? 'binance');
  return [...set].sort();
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

function attempt<T>(work: () => T): Attempt<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    return { ok: false, error };
  }
}

function unreadable(name: string, err: unknown): HealthCheckResult {
  return { name, status: 'bad', detail: `the settings cannot be read: ${errorText(err)}` };
}
