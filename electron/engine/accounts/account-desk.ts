// The trading desk: every account and every session on them. At engine start it opens each account with something
// at stake (so the kill switch can act on it), carries out a latched kill switch, then resumes sessions marked so.
import type { Exchange } from 'ccxt';
import type { Database } from 'better-sqlite3';
import type { Alert, Decision } from '../../../shared/domain';
import type { DeskStatusView, SessionView } from '../../../shared/desk-contract';
import type { Settings } from '../../../shared/settings';
import type { PanelSettings } from '../agents/settings';
import type { CandleStore } from '../data/candle-store';
import { RiskError } from '../errors';
import type { KillReport } from '../execution/kill-switch-executor';
import { haltsTrading, type KillSwitch } from '../risk';
import type { NewAlert } from '../store/alerts-repo';
import { Account } from './account';
import { accountId } from './account-id';
import { auditStateOf } from './audit-state';
import { AccountsRepository, type AccountRow } from './accounts-repo';
import { budgetFor } from './budget';
import type { SessionRequest } from './session-request';
import type { ModelLibrary } from '../ml/model-library';
import { SessionRunner } from './session-runner';
import { SessionsRepository, type SessionRow } from './sessions-repo';

export interface AccountDeskDeps {
  db: Database;
  candles: CandleStore;
  killSwitch: KillSwitch;
  exchangeFor(profile: string, withKeys: boolean): Promise<Exchange>;
  isLiveArmed(profile: string): boolean;
  riskSettings(): Settings['risk'];
  panelSettings(): PanelSettings;
  /** Where the Predictor's model is found. */
  models?: ModelLibrary;
  raiseAlert(alert: NewAlert): Alert;
  onDecision(decision: Decision): void;
  onChange(): void;
  /** An account's risk manager was created (the engine turns its breaker events into alerts). */
  onAccountOpened?(account: Account): void;
  /** An account that failed its first opening is forgotten again (its breakers leave the risk view). */
  onAccountForgotten?(account: Account): void;
  onKillReport?(account: string, report: KillReport): void;
  now?: () => number;
}

export class AccountDesk {
  readonly accounts: AccountsRepository;
  readonly sessions: SessionsRepository;
  private readonly live = new Map<string, Account>();
  private readonly runners = new Map<number, SessionRunner>();
  private stepping: Promise<void> | undefined;
  private readonly now: () => number;
  private lastStopped: SessionView | undefined;
  private readonly unconnected = new Set<string>();
  private readonly toResume = new Map<number, SessionRow>();

  constructor(private readonly deps: AccountDeskDeps) {
    this.now = deps.now ?? Date.now;
    this.accounts = new AccountsRepository(deps.db, this.now);
    this.sessions = new SessionsRepository(deps.db, this.now);
    // Halt and flatten end every session; stop-entries lets them run (exits still pass the risk gate).
    deps.killSwitch.onKillSwitchTripped((e) => {
      if (e.mode !== 'stop-entries') this.stopAll(`kill switch ${e.mode}: ${e.reason}`);
    });
  }

  /**
   * Start-up, before any session: open every account with open orders, positions or sessions to resume (live ones
   * reconcile), carry out a latched halt/flatten on them, then resume the sessions marked "resume on start" — unless
   * the switch is latched. A failure is an alert, never a crash: the other accounts still get their safety net.
   */
  async startUp(): Promise<void> {
    for (const row of this.accounts.withActivity()) {
      await this.openAccount(row.id).catch((err: unknown) => {
        // A transient error must not leave the account unprotected for good: every step tries again.
        this.unconnected.add(row.id);
        this.deps.raiseAlert({ level: 'critical', source: `account:${row.id}`,
          message: `Could not connect ${row.id} at start: ${describe(err)}. Its open orders and positions are not protected until it connects (retried every poll).` });
      });
    }
    if (haltsTrading(this.deps.killSwitch.state())) {
      await Promise.all([...this.live.values()].map((a) => a.resumeKillSwitch().catch(() => undefined)));
      return;
    }
    for (const row of this.sessions.resumable()) this.toResume.set(row.id, row);
    await this.resumeSessions();
    this.deps.onChange();
  }

  /**
   * Sessions marked "resume on start" that have not come back yet: a failure (one 503 on the candles, a dropped
   * ticker) leaves them waiting for the next step, never stopped — only the trader or the kill switch stops them.
   */
  private async resumeSessions(): Promise<void> {
    if (haltsTrading(this.deps.killSwitch.state())) return;
    for (const [id, row] of [...this.toResume]) {
      const account = this.live.get(row.accountId);
      if (!account?.isOpen) continue;
      const runner = new SessionRunner(row, account, this.runnerDeps());
      try {
        await runner.start();
        this.toResume.delete(id);
        this.runners.set(id, runner);
      } catch (err) {
        this.deps.raiseAlert({ level: 'warning', source: `session:${id}`, message: `Session ${id} could not resume yet (retried every poll): ${describe(err)}` });
      }
    }
  }

  /** Accounts that failed to connect at start, and the sessions waiting for a second try. */
  private async retryStartUp(): Promise<void> {
    for (const id of [...this.unconnected]) {
      try {
        const account = await this.openAccount(id);
        this.unconnected.delete(id);
        if (haltsTrading(this.deps.killSwitch.state())) await account.resumeKillSwitch();
        this.deps.raiseAlert({ level: 'info', source: `account:${id}`, message: `${id} connected after a failed start: its orders and positions are protected again` });
      } catch {
        // Still down: the start-up alert stands; try again next step.
      }
    }
    if (this.toResume.size > 0) await this.resumeSessions();
  }

  /** Starts a session on an account (created on first use): checks, budget, books from the journal. */
  async start(request: SessionRequest): Promise<DeskStatusView> {
    const ks = this.deps.killSwitch.state();
    if (haltsTrading(ks)) throw new RiskError(`The kill switch is latched (${ks.mode}): re-arm it before trading`, 'KILL_SWITCH_LATCHED');
    if (request.mode === 'live' && !this.deps.isLiveArmed(request.account)) {
      throw new RiskError(`Live trading is not armed for ${request.account}: arm it explicitly first`, 'LIVE_NOT_ARMED', { field: 'account', value: request.account });
    }
    const id = accountId({ profile: request.account, mode: request.mode });
    const ref = { profile: request.account, mode: request.mode };
    // A refused start changes nothing: an account first named here (a typo, an unreachable venue) is stored only
    // once it has opened.
    const stored = this.accounts.get(id);
    const wasLive = this.live.has(id);
    let account: Account;
    try {
      account = await this.openAccount(id, stored ?? this.accounts.draft(ref, request.cash));
    } catch (err) {
      if (!wasLive) this.forget(id);
      throw err;
    }
    if (!stored) this.accounts.ensure(ref, request.cash);
    const running = [...this.runners.values()].filter((r) => r.account === account);
    const twin = running.find((r) => sameMarketAndStrategy(r.row.request, request));
    if (twin) throw new RiskError(`Session ${twin.id} already trades ${request.symbol} ${request.timeframe} with ${request.strategy} on ${id}`, 'SESSION_DUPLICATE', { field: 'symbol', value: request.symbol });
    const allocated = running.reduce((sum, r) => sum + r.row.budget, 0);
    // A stopped twin comes back with its books; its budget stays unless the trader names a new one.
    // A twin still waiting to resume (its first try failed) is this session: reopen that row, never a second one.
    const waiting = [...this.toResume.values()].find((r) => r.accountId === id && sameMarketAndStrategy(r.request, request));
    const previous = waiting ?? this.sessions.previous(id, request);
    const budget = budgetFor({ ...request, budget: request.budget ?? previous?.budget }, account.equity(), allocated, account.id);
    const row = previous ? this.sessions.reopen(previous.id, request, budget) : this.sessions.create(id, request, budget);
    this.toResume.delete(row.id);
    const runner = new SessionRunner(row, account, this.runnerDeps());
    try {
      await runner.start();
    } catch (err) {
      this.sessions.setStatus(row.id, 'stopped', `failed to start: ${describe(err)}`);
      throw err;
    }
    this.runners.set(row.id, runner);
    this.deps.onChange();
    return this.status();
  }

  /** Polls every account's venue, then every session's feed; the engine's timer calls it, tests call it directly. */
  step(): Promise<void> {
    this.stepping ??= this.stepOnce().finally(() => (this.stepping = undefined));
    return this.stepping;
  }

  stop(sessionId: number, reason = 'stopped by the trader'): DeskStatusView {
    const runner = this.require(sessionId);
    this.runners.delete(sessionId);
    runner.finish('finished', reason);
    const { symbol } = runner.row.request;
    if (![...this.runners.values()].some((r) => r.account === runner.account && r.row.request.symbol === symbol)) runner.account.risk.unwatchMarket(symbol);
    this.lastStopped = { ...runner.view(), status: 'stopped', stopReason: reason };
    this.deps.onChange();
    return this.status();
  }

  /** Stops every session (the accounts and their kill-switch executors stay). */
  stopAll(reason: string): DeskStatusView {
    for (const id of [...this.runners.keys()]) this.stop(id, reason);
    return this.status();
  }

  pause(sessionId: number, paused: boolean): DeskStatusView {
    this.require(sessionId).pause(paused);
    this.deps.onChange();
    return this.status();
  }

  runner(sessionId: number): SessionRunner | undefined {
    return this.runners.get(sessionId);
  }

  /** A running or paused session's candle window, for the Desk page's chart. */
  sessionCandles(sessionId: number) {
    return this.require(sessionId).candles();
  }

  account(id: string): Account | undefined {
    return this.live.get(id);
  }

  openAccounts(): Account[] {
    return [...this.live.values()];
  }

  status(): DeskStatusView {
    const sessions = [...this.runners.values()].map((r) => r.view());
    const latest = sessions[sessions.length - 1];
    if (!latest) {
      const error = this.lastStopped?.error;
      return { running: false, sessions, ...(error ? { error } : {}) };
    }
    return {
      running: true, request: latest.request, runId: latest.runId, lastBarTime: latest.lastBarTime, lastDecision: latest.lastDecision,
      cash: latest.cash, equity: latest.equity, ...(latest.position ? { position: latest.position } : {}),
      ...(latest.error ? { error: latest.error } : {}), sessions,
    };
  }

  /** Stores the bars running sessions polled but have not written yet (the day-end reports read them). */
  saveCandles(): void {
    for (const r of this.runners.values()) r.saveCandles();
  }

  close(): void {
    // Sessions stay as they are (resume on start, in a new run); their polled bars are stored and this run ends with its statistics.
    for (const r of this.runners.values()) r.shutdown();
    for (const a of this.live.values()) a.close();
  }

  private forget(id: string): void {
    const account = this.live.get(id);
    this.live.delete(id);
    this.unconnected.delete(id);
    if (account) {
      account.close();
      this.deps.onAccountForgotten?.(account);
    }
  }

  private async openAccount(id: string, draft?: AccountRow): Promise<Account> {
    let account = this.live.get(id);
    if (!account) {
      const row = this.accounts.get(id) ?? draft;
      if (!row) throw new RiskError(`No account ${id}`, 'ACCOUNT_UNKNOWN', { field: 'account', value: id });
      account = new Account(row, {
        db: this.deps.db, killSwitch: this.deps.killSwitch, exchangeFor: this.deps.exchangeFor,
        riskSettings: this.deps.riskSettings, now: this.now, onKillReport: this.deps.onKillReport, raiseAlert: this.deps.raiseAlert,
      });
      this.live.set(id, account);
      this.deps.onAccountOpened?.(account);
    }
    await account.open();
    return account;
  }

  private async stepOnce(): Promise<void> {
    if (this.unconnected.size > 0 || this.toResume.size > 0) await this.retryStartUp();
    const accounts = [...new Set([...this.runners.values()].map((r) => r.account))];
    for (const account of accounts) {
      try {
        // Only failures are counted here: the error-rate breaker measures the feeds sessions depend on.
        await account.refresh();
      } catch (err) {
        account.risk.onExchangeCall(false, this.now());
        for (const r of this.runners.values()) if (r.account === account) r.error = describe(err);
      }
    }
    for (const runner of [...this.runners.values()]) {
      await runner.step(() => this.runners.get(runner.id) === runner);
    }
    // Even when the exchange did not answer: a silent feed is exactly what the stale-data breaker is for.
    for (const account of this.live.values()) account.risk.onClock(this.now());
    this.deps.onChange();
  }

  private runnerDeps() {
    return {
      db: this.deps.db, candles: this.deps.candles, sessions: this.sessions, panelSettings: this.deps.panelSettings, models: this.deps.models,
      auditState: (a: Account) => auditStateOf(a, this.deps.riskSettings()),
      raiseAlert: this.deps.raiseAlert, onDecision: this.deps.onDecision, now: this.now,
    };
  }

  private require(sessionId: number): SessionRunner {
    const runner = this.runners.get(sessionId);
    if (!runner) throw new RiskError(`No running session ${sessionId}`, 'SESSION_UNKNOWN', { field: 'id', value: sessionId });
    return runner;
  }
}

function sameMarketAndStrategy(a: SessionRequest, b: SessionRequest): boolean {
  return a.symbol === b.symbol && a.timeframe === b.timeframe && a.strategy === b.strategy;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
