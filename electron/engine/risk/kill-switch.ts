// The latched kill switch: trip (persist, then emit), escalate but never downgrade, re-arm only with the confirmation word.
import type { Database } from 'better-sqlite3';
import { RiskError } from '../errors';
import { KillSwitchStore } from './kill-switch-store';
import {
  KILL_MODES,
  KILL_SOURCES,
  REARM_CONFIRMATION,
  severity,
  type KillMode,
  type KillSource,
  type KillSwitchRearmed,
  type KillSwitchState,
  type KillSwitchTripped,
  type TripOutcome,
} from './kill-switch-types';
import { Listeners, type Listener } from './listeners';

export * from './kill-switch-types';

export interface TripResult {
  outcome: TripOutcome;
  state: KillSwitchState;
}

export class KillSwitch {
  private readonly store: KillSwitchStore;
  private current: KillSwitchState;
  private readonly tripped = new Listeners<KillSwitchTripped>();
  private readonly rearmed = new Listeners<KillSwitchRearmed>();
  private readonly persistFailed = new Listeners<Error>();

  /** Reads the latch from disk: a switch tripped before a restart is still tripped. One KillSwitch per DB per process. */
  constructor(
    db: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new KillSwitchStore(db);
    this.current = this.store.load();
  }

  isTripped(): boolean {
    return this.current.isTripped;
  }

  state(): KillSwitchState {
    return { ...this.current };
  }

  onKillSwitchTripped(listener: Listener<KillSwitchTripped>): () => void {
    return this.tripped.add(listener);
  }

  onKillSwitchRearmed(listener: Listener<KillSwitchRearmed>): () => void {
    return this.rearmed.add(listener);
  }

  /**
   * Trips or escalates. Listeners (every account's executor) hear of it before the latch is written, so the cancels
   * go out first; if the write fails the switch still holds in this process, the executors still act, listeners of
   * `onPersistFailed` raise the alarm and the error is thrown to the caller.
   */
  trip(mode: KillMode, reason: string, source: KillSource): TripResult {
    assertMode(mode);
    assertSource(source);
    const previous = this.current;
    if (previous.isTripped && severity(mode) <= severity(previous.mode as KillMode)) {
      return { outcome: 'unchanged', state: this.state() };
    }
    const time = this.now();
    const next: KillSwitchState = { isTripped: true, mode, trippedAt: time, reason, source };
    this.current = next;
    const event: KillSwitchTripped = { mode, reason, source, time };
    if (previous.isTripped) event.escalatedFrom = previous.mode;
    try {
      this.tripped.emit(event);
    } finally {
      this.persist(next);
    }
    return { outcome: previous.isTripped ? 'escalated' : 'tripped', state: this.state() };
  }

  /** Told when a trip could not be written to disk (the switch holds in memory only until a restart). */
  onPersistFailed(listener: Listener<Error>): () => void {
    return this.persistFailed.add(listener);
  }

  /**
   * Another process (the `quorum kill` command) may have latched the switch in the database: adopt it and act as if
   * it was tripped here. Returns true when something new was adopted.
   */
  adoptFromDisk(): boolean {
    const disk = this.store.load();
    if (!disk.isTripped || disk.mode === undefined) return false;
    const mine = this.current;
    if (mine.isTripped && severity(disk.mode) <= severity(mine.mode as KillMode)) return false;
    this.current = disk;
    const event: KillSwitchTripped = { mode: disk.mode, reason: disk.reason ?? '', source: disk.source ?? 'cli', time: disk.trippedAt ?? this.now() };
    if (mine.isTripped) event.escalatedFrom = mine.mode;
    this.tripped.emit(event);
    return true;
  }

  private persist(state: KillSwitchState): void {
    try {
      this.store.save(state);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.persistFailed.emit(error);
      throw new RiskError(`Kill switch acted but could not be saved: ${error.message}. It holds until Quorum restarts.`, 'KILL_SWITCH_NOT_SAVED', {}, { cause: err });
    }
  }

  /** The trader's explicit re-arm; refused without the confirmation word, so nothing re-arms by accident. */
  rearm(confirmation: { confirm?: string } = {}): void {
    if (confirmation.confirm !== REARM_CONFIRMATION) {
      throw new RiskError(`Re-arming the kill switch needs the confirmation "${REARM_CONFIRMATION}"`, 'KILL_SWITCH_CONFIRM_REQUIRED', {
        field: 'confirm',
      });
    }
    if (!this.current.isTripped) return;
    const mode = this.current.mode as KillMode;
    // Disk first: if the write fails the switch stays latched.
    this.store.save({ isTripped: false });
    this.current = { isTripped: false };
    this.rearmed.emit({ time: this.now(), mode });
  }
}

function assertMode(mode: string): asserts mode is KillMode {
  if (!(KILL_MODES as readonly string[]).includes(mode)) {
    throw new RiskError(`Unknown kill-switch mode "${mode}" (expected ${KILL_MODES.join(', ')})`, 'KILL_SWITCH_INVALID', { field: 'mode', value: mode });
  }
}

function assertSource(source: string): asserts source is KillSource {
  if (!(KILL_SOURCES as readonly string[]).includes(source)) {
    throw new RiskError(`Unknown kill-switch source "${source}"`, 'KILL_SWITCH_INVALID', { field: 'source', value: source });
  }
}
