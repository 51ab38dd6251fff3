// The one interface every circuit breaker implements: watch a measure, say why it crossed its threshold.
import type { Use } from '../../../../shared/risk-contract';

/** Persisted state of one breaker (a row of breaker_state). */
export interface BreakerState {
  name: string;
  isTripped: boolean;
  trippedAt?: number;
  reason?: string;
  /** When the cooldown ends and the breaker re-arms by itself. */
  rearmAt?: number;
  /** Set in the safety desk's list: whose board it is. */
  account?: string;
  /** Set in the safety desk's list: the measure against its threshold now. */
  use?: Use;
}

/** Emitted once per trip, after the state is persisted; the engine turns it into an alert and a notification. */
export interface BreakerTripped {
  name: string;
  reason: string;
  time: number;
  rearmAt: number;
}

export interface BreakerRearmed {
  name: string;
  time: number;
  by: 'cooldown' | 'trader';
}

/**
 * A breaker is a detector only: each hook returns the trip reason when its threshold is crossed, else undefined.
 * Tripped state, cooldowns, persistence and events belong to the BreakerBoard.
 */
export interface CircuitBreaker {
  readonly name: string;
  readonly cooldownMs: number;
  onEquity?(time: number, equity: number): string | undefined;
  onTradeClosed?(pnl: number, time: number): string | undefined;
  onExchangeCall?(ok: boolean, time: number): string | undefined;
  onMarketData?(symbol: string, time: number, price: number, prevClose?: number): string | undefined;
  onClock?(time: number): string | undefined;
  /** A market is now traded on bars of `timeframeMs` (breakers that measure silence scale to it). */
  watch?(symbol: string, timeframeMs: number): void;
  /** No session trades `symbol` any more. */
  unwatch?(symbol: string): void;
  /** When a trip at `trippedAt` re-arms by itself; trippedAt + cooldownMs unless the breaker knows better. */
  rearmAt?(trippedAt: number): number;
  /** The measure now against the threshold (the Risk page's bar); undefined before the first reading. */
  use?(): Use | undefined;
  /** Called on re-arm: the breaker measures afresh from `time`, so a re-arm is not undone by the same old numbers. */
  reset(time: number): void;
  /**
   * What the breaker has measured (a drawdown peak, a loss streak) as a small JSON-able value, persisted per scope so a
   * restart does not forget a loss. Breakers whose measures mean nothing after a restart (a call window, silence) omit it.
   */
  measures?(): unknown;
  /**
   * Bumped whenever measures() would return something new (re-arms included); required with measures(). The board
   * compares it on every event, so a breaker that has not changed costs no serialising and no write: equity arrives
   * on every bar.
   */
  readonly measuresRevision?: number;
  /**
   * Takes back what measures() returned before a restart; `now` is the engine clock at start-up. Must check the shape
   * and ignore anything it does not recognise (a corrupt row starts the breaker fresh; it never trips it).
   */
  restore?(measures: unknown, now: number): void;
}
