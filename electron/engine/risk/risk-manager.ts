// The RiskGate the trading loop calls for every order intent: kill switch, then breakers, then the exposure limits.
import type { Database } from 'better-sqlite3';
import type { OrderIntent } from '../model/order';
import { ACCEPTED, vetoed, type PortfolioView, type RiskGate, type RiskVerdict } from '../trading/risk-gate';
import { BreakerBoard } from './breakers/breaker-board';
import { buildBreakers, parseBreakerSettings, type BreakerSettingsInput } from './breakers/settings';
import type { BreakerRearmed, BreakerTripped } from './breakers/types';
import { portfolioContext, type RiskContextProvider } from './context';
import { heldSize, pendingOnSide, shrinksPosition } from './exposure';
import { KillSwitch } from './kill-switch';
import { checkLimits } from './limit-check';
import { limitUsage } from './limit-usage';
import type { AccountRiskUse } from '../../../shared/risk-contract';
import { parseRiskLimits, type RiskLimits, type RiskLimitsInput } from './limits';
import type { Listener } from './listeners';
import { safetyVeto } from './order-rules';
import { tradingStateOf, type RiskState } from './trading-state';

export interface RiskManagerOptions {
  /** The store's database: breaker and kill-switch state are read from it at construction and written on change. */
  db: Database;
  limits?: RiskLimitsInput;
  breakers?: BreakerSettingsInput;
  /** Builds what the check reads beyond PortfolioView; defaults to the portfolio alone (no open orders, no strategy). */
  context?: RiskContextProvider;
  /** Quote currency named in veto reasons. */
  currency?: string;
  now?: () => number;
  /** The app's one kill switch, shared by every account's risk manager (default: a switch of its own on `db`). */
  killSwitch?: KillSwitch;
  /** Whose breakers these are: an account id, or 'global'. Each scope keeps its own breaker rows. */
  scope?: string;
}

export class RiskManager implements RiskGate {
  readonly killSwitch: KillSwitch;
  readonly breakers: BreakerBoard;
  private limits: RiskLimits;
  private readonly context: RiskContextProvider;
  private readonly currency: string;
  private readonly now: () => number;

  constructor(options: RiskManagerOptions) {
    this.limits = parseRiskLimits(options.limits ?? {});
    this.currency = options.currency ?? 'USDT';
    this.now = options.now ?? Date.now;
    this.context = options.context ?? portfolioContext();
    this.killSwitch = options.killSwitch ?? new KillSwitch(options.db, this.now);
    this.breakers = new BreakerBoard(options.db, buildBreakers(parseBreakerSettings(options.breakers ?? {}), this.currency), options.scope, this.now());
  }

  /**
   * Exits (orders that only shrink a position) pass the breakers, the stop-entries kill switch and every limit;
   * under halt nothing passes, under flatten only the kill switch's own closing orders.
   */
  check(intent: OrderIntent, portfolio: PortfolioView): RiskVerdict {
    if (!(intent.amount > 0) || !Number.isFinite(intent.amount)) return vetoed(`order amount ${intent.amount} must be a number > 0`);
    const ctx = this.context(portfolio);
    const isExit = shrinksPosition(intent, heldSize(ctx, intent.symbol), pendingOnSide(ctx, intent.symbol, intent.side));
    const safety = safetyVeto(intent, isExit, this.killSwitch.state(), this.breakers.firstTripped());
    if (safety) return vetoed(safety);
    if (isExit) return ACCEPTED;
    const limitVeto = checkLimits(intent, ctx, this.limits, this.currency);
    return limitVeto ? vetoed(limitVeto) : ACCEPTED;
  }

  /** Replaces the limits (from settings or the UI); a bad value is a ConfigError and the old limits stay. */
  setLimits(input: RiskLimitsInput): RiskLimits {
    this.limits = parseRiskLimits(input);
    return this.limits;
  }

  onEquity(time: number, equity: number): void {
    this.breakers.onEquity(time, equity);
  }

  onTradeClosed(pnl: number, time: number): void {
    this.breakers.onTradeClosed(pnl, time);
  }

  onExchangeCall(ok: boolean, time: number): void {
    this.breakers.onExchangeCall(ok, time);
  }

  /** A session trades `symbol` on bars of `timeframeMs`: the stale-data limit becomes maxBarsMissed of those bars. */
  watchMarket(symbol: string, timeframeMs: number): void {
    this.breakers.watch(symbol, timeframeMs);
  }

  /** The last session on `symbol` stopped: an idle market must not trip the stale-data breaker. */
  unwatchMarket(symbol: string): void {
    this.breakers.unwatch(symbol);
  }

  onMarketData(symbol: string, time: number, price: number, prevClose?: number): void {
    this.breakers.onMarketData(symbol, time, price, prevClose);
  }

  onClock(time: number): void {
    this.breakers.onClock(time);
  }

  /** The trader re-arms a tripped breaker before its cooldown ends; false when it was not tripped. */
  rearm(name: string, time: number = this.now()): boolean {
    return this.breakers.rearm(name, time);
  }

  onBreakerTripped(listener: Listener<BreakerTripped>): () => void {
    return this.breakers.onBreakerTripped(listener);
  }

  onBreakerRearmed(listener: Listener<BreakerRearmed>): () => void {
    return this.breakers.onBreakerRearmed(listener);
  }

  /** Each limit's use now, measured through the same context the check reads (the Risk page's bars). */
  usage(portfolio: PortfolioView): Omit<AccountRiskUse, 'account'> {
    const ctx = this.context(portfolio);
    const equity = ctx.equity();
    return { currency: this.currency, ...(Number.isFinite(equity) ? { equity } : {}), limits: limitUsage(ctx, this.limits) };
  }

  state(): RiskState {
    const breakers = this.breakers.list();
    const killSwitch = this.killSwitch.state();
    return { tradingState: tradingStateOf(killSwitch, breakers), breakers, killSwitch, limits: this.limits };
  }
}
