// One account at run time: its journal, venue (paper or live broker), risk manager and kill-switch executor. The
// executor is attached when the account opens — at engine start for every account with something at stake — and
// never detached by a trip, so the safety net holds whether or not a session runs.
import type { Exchange } from 'ccxt';
import type { Database } from 'better-sqlite3';
import type { Settings } from '../../../shared/settings';
import { RiskError } from '../errors';
import type { Broker } from '../execution/broker';
import { KillSwitchExecutor, type KillReport } from '../execution/kill-switch-executor';
import { attributedPositions, balanceDeltas, netFillOfRow, OrderJournal, type AttributedPosition, type JournalFillRow } from '../execution/journal';
import { LiveBroker } from '../execution/live';
import { PaperBroker } from '../execution/paper';
import type { Fill } from '../model/order';
import { haltsTrading, RiskManager, type KillSwitch } from '../risk';
import type { Alert } from '../../../shared/domain';
import type { AlertSink, NewAlert } from '../store/alerts-repo';
import { accountRiskContext } from './account-context';
import type { AccountRow } from './accounts-repo';

export interface AccountDeps {
  db: Database;
  killSwitch: KillSwitch;
  /** A ccxt client for the profile: public only (paper) or with its keys from the keychain (live). */
  exchangeFor(profile: string, withKeys: boolean): Promise<Exchange>;
  riskSettings(): Settings['risk'];
  /** Commission the paper venue charges. */
  paperCommission?: number;
  now: () => number;
  onKillReport?(account: string, report: KillReport): void;
  /** Alerts the trader must see now (stored, shown in the app, sent to the desktop). */
  raiseAlert(alert: NewAlert): Alert;
}

interface FillCache {
  lastId: number;
  rows: readonly JournalFillRow[];
  positions?: readonly AttributedPosition[];
}

export class Account {
  readonly id: string;
  readonly journal: OrderJournal;
  readonly risk: RiskManager;
  /** Latest price per symbol, from the sessions' feeds and the venue's tickers: what exposure is valued at. */
  readonly marks = new Map<string, number>();
  lastKill: KillReport | undefined;
  private readonly strategies = new Map<number, string>();
  private venue: PaperBroker | LiveBroker | undefined;
  private client: Exchange | undefined;
  private opening: Promise<void> | undefined;
  private detachExecutor: (() => void) | undefined;
  private executor: KillSwitchExecutor | undefined;
  /** The venue's and the kill switch's alerts (reconciliation blocks, failed cancels) reach the trader, not only the table. */
  private readonly raised: AlertSink = { add: (alert) => this.deps.raiseAlert(alert) };
  /** Live: the quote balance as last fetched, and the newest journal fill it already includes. */
  private quoteTotal = 0;
  /** The cancels a latched switch made before reconciliation at this start; folded into the start-up report. */
  private earlyHalt: KillReport | undefined;
  private quoteAsOfFill = 0;
  /** Markets whose wallet holds less than the books: alerted once until the wallet covers them again. */
  private readonly walletShort = new Set<string>();
  private fillCache?: FillCache;
  private day = { index: -1, peak: 0, last: 0 };

  constructor(readonly row: AccountRow, private readonly deps: AccountDeps) {
    this.id = row.id;
    this.journal = new OrderJournal(deps.db, { account: row.id, now: deps.now });
    const { limits, breakers } = deps.riskSettings();
    this.risk = new RiskManager({
      db: deps.db, killSwitch: deps.killSwitch, scope: row.id, limits, breakers, now: deps.now, currency: row.quote,
      context: accountRiskContext(this),
    });
  }

  get mode(): 'paper' | 'live' {
    return this.row.mode;
  }

  get isOpen(): boolean {
    return this.venue !== undefined;
  }

  get broker(): Broker & (PaperBroker | LiveBroker) {
    if (!this.venue) throw new RiskError(`Account ${this.id} is not open`, 'ACCOUNT_NOT_OPEN', { field: 'account', value: this.id });
    return this.venue;
  }

  get exchange(): Exchange {
    if (!this.client) throw new RiskError(`Account ${this.id} is not open`, 'ACCOUNT_NOT_OPEN', { field: 'account', value: this.id });
    return this.client;
  }

  /** Connects the venue, reconciles (live) or rebuilds (paper) from the journal, and attaches the kill-switch executor. */
  open(): Promise<void> {
    this.opening ??= this.connect().catch((err: unknown) => {
      this.opening = undefined;
      throw err;
    });
    return this.opening;
  }

  /** A session trades `symbol`: the paper venue polls its ticker from now on. */
  watch(symbol: string): void {
    if (this.venue instanceof PaperBroker) this.venue.watch(symbol);
  }

  /** Which strategy a session runs, for per-strategy limits and attribution. */
  tagSession(sessionId: number, strategy: string): void {
    this.strategies.set(sessionId, strategy);
  }

  strategyOf(sessionId: number | null | undefined): string | undefined {
    return sessionId === null || sessionId === undefined ? undefined : this.strategies.get(sessionId);
  }

  /** What the account holds through Quorum, per symbol and owning session (never coins it did not buy). */
  positions(symbols?: readonly string[]): AttributedPosition[] {
    const all = this.held();
    // Copies: callers may adjust what they get; the cache must stay the journal's word.
    return (symbols ? all.filter((p) => symbols.includes(p.symbol)) : all).map((p) => ({ ...p }));
  }

  /** The fills one session made, as its books replay them. */
  sessionFills(sessionId: number): Fill[] {
    return this.fills().filter((f) => f.sessionId === sessionId).map(netFillOfRow);
  }

  /**
   * The journal's fills, read again only when a newer one exists: fills are append-only, and positions and session
   * books are asked for several times per bar (once per session, by risk, by equity), over a history that only grows.
   */
  private fills(): readonly JournalFillRow[] {
    return this.cached().rows;
  }

  /** Positions per (symbol, session) are independent of each other: replayed once per new fill, filtered after. */
  private held(): readonly AttributedPosition[] {
    const cache = this.cached();
    cache.positions ??= attributedPositions(cache.rows);
    return cache.positions;
  }

  private cached(): FillCache {
    const last = this.journal.lastFillId();
    if (this.fillCache?.lastId !== last) this.fillCache = { lastId: last, rows: this.journal.fills() };
    return this.fillCache;
  }

  /** Quote cash plus what Quorum holds at the latest marks. */
  equity(): number {
    if (this.venue instanceof PaperBroker) return this.venue.equity();
    // Fills since the balance was read move cash too; without them a fresh fill would count twice (or not at all).
    let value = this.quoteTotal + (balanceDeltas(this.journal.fillsAfter(this.quoteAsOfFill)).get(this.row.quote) ?? 0);
    for (const p of this.positions()) value += p.size * (this.marks.get(p.symbol) ?? p.entryPrice);
    return value;
  }

  /** Equity at a bar close: tracks today's (UTC) peak for RiskAudit's "daily drawdown near the limit". */
  noteEquity(time: number, equity: number): void {
    const index = Math.floor(time / 86_400_000);
    if (index !== this.day.index) this.day = { index, peak: equity, last: equity };
    this.day.peak = Math.max(this.day.peak, equity);
    this.day.last = equity;
  }

  dailyDrawdownPct(): number {
    const { peak, last } = this.day;
    return peak > 0 ? Math.max(0, ((peak - last) / peak) * 100) : 0;
  }

  /** Between bars: the paper venue fills resting orders at the latest prices, the live one polls fills and cash. */
  async refresh(): Promise<void> {
    const venue = this.broker;
    if (venue instanceof PaperBroker) {
      await venue.tick();
    } else {
      await venue.sync();
      await this.readBalance(venue);
    }
  }

  /** After a restart with the switch latched: carry out the latched halt or flatten again, before any session. */
  async resumeKillSwitch(): Promise<KillReport | undefined> {
    const report = await this.executor?.resume(this.deps.killSwitch.state());
    if (!report) return undefined;
    const early = this.earlyHalt;
    this.earlyHalt = undefined;
    // One report for the trader: what the early cancel did, then the rest of the latched mode.
    const merged: KillReport = early ? {
      ...report, startedAt: early.startedAt, cancelsSentAt: early.cancelsSentAt, cancelsDoneAt: early.cancelsDoneAt,
      cancelled: [...early.cancelled, ...report.cancelled], failures: [...early.failures, ...report.failures],
    } : report;
    this.reported(merged);
    return merged;
  }

  close(): void {
    this.detachExecutor?.();
    this.detachExecutor = undefined;
  }

  private async connect(): Promise<void> {
    const symbols = [...new Set([...this.journal.openEntries().map((e) => e.symbol), ...this.positions().map((p) => p.symbol)])];
    const exchange = await this.deps.exchangeFor(this.row.profile, this.mode === 'live');
    const venue = this.mode === 'paper'
      ? new PaperBroker({ exchange, journal: this.journal, symbols, cash: this.row.paperCash ?? 10_000, currency: this.row.quote,
        commission: this.deps.paperCommission ?? 0.001, now: this.deps.now })
      : new LiveBroker({ exchange, journal: this.journal, alerts: this.raised, symbols, quoteCurrency: this.row.quote, now: this.deps.now });
    const ks = this.deps.killSwitch.state();
    if (venue instanceof LiveBroker && haltsTrading(ks)) {
      // Latched before this start: cancel at once, unthrottled, before reconciling (which a flatten then waits for).
      await venue.urgent(async () => {
        await venue.connect();
        this.earlyHalt = await new KillSwitchExecutor(venue, { scope: this.id, now: this.deps.now })
          .execute({ mode: 'halt', reason: `${ks.reason ?? 'latched'} (cancelled at start, before reconciling)`, source: ks.source ?? 'ui', time: ks.trippedAt ?? this.deps.now() });
      });
    }
    await venue.start();
    this.client = exchange;
    this.venue = venue;
    if (venue instanceof LiveBroker) await this.readBalance(venue).catch(() => undefined);
    this.executor = new KillSwitchExecutor(venue, {
      alerts: this.raised, scope: this.id, now: this.deps.now,
      positions: async () => this.positions(),
    });
    this.detachExecutor = this.executor.attach(this.deps.killSwitch, (report) => this.reported(report), (err) => {
      this.deps.raiseAlert({ level: 'critical', source: 'kill-switch', message: `Kill switch failed on ${this.id}: ${err instanceof Error ? err.message : String(err)}` });
    });
  }

  private async readBalance(venue: LiveBroker): Promise<void> {
    const asOf = this.journal.lastFillId();
    const wallet = await venue.fetchBalances();
    this.quoteTotal = wallet[this.row.quote]?.total ?? 0;
    this.quoteAsOfFill = asOf;
    this.checkWallet(wallet);
  }

  /**
   * Coins Quorum bought that the wallet no longer holds were sold or moved outside Quorum (like Freqtrade's
   * "sold on exchange"): said once per market until the wallet covers the books again. Nothing is sold for it; an exit
   * larger than the wallet is refused by the exchange (and retried, each failure alerted), so the trader decides.
   */
  private checkWallet(wallet: Readonly<Record<string, { total: number }>>): void {
    const held = new Map<string, number>();
    for (const p of this.positions()) held.set(p.symbol, (held.get(p.symbol) ?? 0) + p.size);
    for (const [symbol, size] of held) {
      const base = symbol.split('/')[0];
      const inWallet = wallet[base]?.total ?? 0;
      // Half a percent of slack: fee rounding and dust are not a sale.
      const short = size > 0 && inWallet < size * 0.995;
      if (!short) {
        this.walletShort.delete(symbol);
        continue;
      }
      if (this.walletShort.has(symbol)) continue;
      this.walletShort.add(symbol);
      this.deps.raiseAlert({ level: 'critical', source: `account:${this.id}`,
        message: `${symbol}: Quorum's books hold ${size} ${base} but the wallet has ${inWallet} ${base} — sold or moved outside Quorum? ` +
          `An exit of the full position would be refused by the exchange: check the position (stop the session or top up the wallet).` });
    }
  }

  private reported(report: KillReport): void {
    this.lastKill = report;
    this.deps.onKillReport?.(this.id, report);
  }
}
