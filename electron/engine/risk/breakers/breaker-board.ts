// Runs the breakers: feeds them events, trips (persist, then emit), re-arms after cooldown or by the trader, and keeps
// each breaker's measures on disk so a restart resumes them.
import type { Database } from 'better-sqlite3';
import type { Use } from '../../../../shared/risk-contract';
import { RiskError } from '../../errors';
import { Listeners, type Listener } from '../listeners';
import { BreakerStore } from './breaker-store';
import type { BreakerRearmed, BreakerState, BreakerTripped, CircuitBreaker } from './types';

export class BreakerBoard {
  private readonly store: BreakerStore;
  private readonly states = new Map<string, BreakerState>();
  private readonly tripped = new Listeners<BreakerTripped>();
  private readonly rearmed = new Listeners<BreakerRearmed>();
  /** The breakers that keep measures, and the measuresRevision of each last written (parallel arrays, for a plain loop). */
  private readonly measured: CircuitBreaker[] = [];
  private readonly written: number[] = [];

  /**
   * Loads persisted state: a breaker tripped before a restart is still tripped, with its original re-arm time, and
   * every breaker resumes its measures. `now` is the engine clock at start-up (a day-start only counts the same day).
   */
  constructor(
    db: Database,
    private readonly breakers: readonly CircuitBreaker[],
    scope = 'global',
    now: number = Date.now(),
  ) {
    this.store = new BreakerStore(db, scope);
    const saved = this.store.load();
    for (const b of breakers) this.states.set(b.name, saved.get(b.name) ?? { name: b.name, isTripped: false });
    const measures = this.store.loadMeasures();
    for (const b of breakers) {
      if (!b.measures) continue;
      if (typeof b.measuresRevision !== 'number') {
        // Without a revision the board could only notice a change by serialising the measures on every event.
        throw new RiskError(`Circuit breaker "${b.name}" keeps measures but no measuresRevision`, 'BREAKER_NO_REVISION', { field: 'name', value: b.name });
      }
      if (measures.has(b.name)) restoreSafely(b, measures.get(b.name), now);
      this.measured.push(b);
      this.written.push(b.measuresRevision);
    }
  }

  onBreakerTripped(listener: Listener<BreakerTripped>): () => void {
    return this.tripped.add(listener);
  }

  onBreakerRearmed(listener: Listener<BreakerRearmed>): () => void {
    return this.rearmed.add(listener);
  }

  onEquity(time: number, equity: number): void {
    this.feed(time, (b) => b.onEquity?.(time, equity));
  }

  onTradeClosed(pnl: number, time: number): void {
    this.feed(time, (b) => b.onTradeClosed?.(pnl, time));
  }

  onExchangeCall(ok: boolean, time: number): void {
    this.feed(time, (b) => b.onExchangeCall?.(ok, time));
  }

  watch(symbol: string, timeframeMs: number): void {
    for (const b of this.breakers) b.watch?.(symbol, timeframeMs);
  }

  unwatch(symbol: string): void {
    for (const b of this.breakers) b.unwatch?.(symbol);
  }

  onMarketData(symbol: string, time: number, price: number, prevClose?: number): void {
    this.feed(time, (b) => b.onMarketData?.(symbol, time, price, prevClose));
  }

  /** Re-arms breakers whose cooldown is over, then lets clock-driven breakers (stale data) look. */
  onClock(time: number): void {
    for (const state of this.states.values()) {
      if (state.isTripped && state.rearmAt !== undefined && time >= state.rearmAt) this.release(state.name, time, 'cooldown');
    }
    this.feed(time, (b) => b.onClock?.(time));
  }

  /** The trader's explicit re-arm; false when the breaker was not tripped. */
  rearm(name: string, time: number): boolean {
    const state = this.states.get(name);
    if (!state) throw new RiskError(`No circuit breaker named "${name}"`, 'BREAKER_UNKNOWN', { field: 'name', value: name });
    if (!state.isTripped) return false;
    this.release(name, time, 'trader');
    return true;
  }

  /** Every configured breaker's state, in configuration order (copies). */
  list(): BreakerState[] {
    return this.breakers.map((b) => ({ ...(this.states.get(b.name) as BreakerState) }));
  }

  /** Each breaker's measure against its threshold, for those that have one yet. */
  uses(): Map<string, Use> {
    const out = new Map<string, Use>();
    for (const b of this.breakers) {
      const use = b.use?.();
      if (use && Number.isFinite(use.used)) out.set(b.name, use);
    }
    return out;
  }

  /** What a breaker measures right now (e.g. the daily-loss breaker's equity at the start of the UTC day). */
  measuresOf(name: string): unknown {
    return this.breakers.find((b) => b.name === name)?.measures?.();
  }

  /** The first tripped breaker, if any: what an entry veto names. */
  firstTripped(): BreakerState | undefined {
    for (const b of this.breakers) {
      const state = this.states.get(b.name) as BreakerState;
      if (state.isTripped) return state;
    }
    return undefined;
  }

  private feed(time: number, look: (b: CircuitBreaker) => string | undefined): void {
    let failure: { error: unknown } | undefined;
    for (const b of this.breakers) {
      // Every breaker keeps measuring while tripped (a drawdown peak still moves); only a fresh trip is acted on.
      const reason = look(b);
      if (reason === undefined || (this.states.get(b.name) as BreakerState).isTripped) continue;
      try {
        this.trip(b, time, reason);
      } catch (error) {
        // A failing listener must not keep the next breaker from tripping; the trip itself is already on disk.
        failure ??= { error };
      }
    }
    // After the trips: a failed measures write must never delay or prevent one.
    try {
      this.saveChangedMeasures();
    } catch (error) {
      failure ??= { error };
    }
    if (failure) throw failure.error;
  }

  /**
   * Writes the measures of each breaker whose revision moved since its last write. On every event this is a few
   * number comparisons; a write happens on a new peak, a new day, a trade, a re-arm. A failed write is retried on the
   * next event, since the recorded revision only moves once the row is written.
   */
  private saveChangedMeasures(): void {
    for (let j = 0; j < this.measured.length; j++) {
      const b = this.measured[j];
      const revision = b.measuresRevision as number;
      if (revision === this.written[j]) continue;
      this.store.saveMeasures(b.name, b.measures?.());
      this.written[j] = revision;
    }
  }

  private trip(b: CircuitBreaker, time: number, reason: string): void {
    const rearmAt = b.rearmAt ? b.rearmAt(time) : time + b.cooldownMs;
    const state: BreakerState = { name: b.name, isTripped: true, trippedAt: time, reason, rearmAt };
    // In memory first: if the disk write fails, entries still stop (fail safe); listeners hear only of persisted trips.
    this.states.set(b.name, state);
    this.store.save(state);
    this.tripped.emit({ name: b.name, reason, time, rearmAt });
  }

  private release(name: string, time: number, by: BreakerRearmed['by']): void {
    const state: BreakerState = { name, isTripped: false };
    this.store.save(state);
    this.states.set(name, state);
    try {
      this.breakers.find((b) => b.name === name)?.reset(time);
      // The re-arm cleared the measures; a restart must not bring the old ones back.
      this.saveChangedMeasures();
    } finally {
      // The re-arm itself is on disk: listeners hear of it even if the measures write failed.
      this.rearmed.emit({ name, time, by });
    }
  }
}

/** A restore that throws (a breaker's bug on a strange row) leaves the breaker fresh instead of stopping the engine. */
function restoreSafely(b: CircuitBreaker, measures: unknown, now: number): void {
  if (!b.restore) return;
  try {
    b.restore(measures, now);
  } catch {
    b.reset(now);
  }
}
