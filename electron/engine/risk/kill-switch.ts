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

  /** Trips or escalates; the new state is on disk before any listener (the executor) hears of it. */
  trip(mode: KillMode, reason: string, source: KillSource): TripResult {
    assertMode(mode);
    assertSource(source);
    const previous = this.current;
    if (previous.isTripped && severity(mode) <= severity(previous.mode as KillMode)) {
      return { outcome: 'unchanged', state: this.state() };
    }
    const time = this.now();
    const next: KillSwitchState = { isTripped: true, mode, trippedAt: time, reason, source };
    // Memory first: if the write fails the switch still holds in this process (fail safe), and the error surfaces.
    this.current = next;
    this.store.save(next);
    const event: KillSwitchTripped = { mode, reason, source, time };
    if (previous.isTripped) event.escalatedFrom = previous.mode;
    this.tripped.emit(event);
    return { outcome: previous.isTripped ? 'escalated' : 'tripped', state: this.state() };
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
