// The engine's safety desk: one RiskManager on the store, its breaker and kill-switch events turned into alerts and UI events.
import type { Database } from 'better-sqlite3';
import type { Alert } from '../../shared/domain';
import type { KillMode } from '../../shared/risk-contract';
import type { Settings } from '../../shared/settings';
import type { NewAlert } from './store/alerts-repo';
import type { EventBus } from './ipc/event-bus';
import { RiskError } from './errors';
import { RiskManager, type KillSource, type RiskState } from './risk';

export interface SafetyOptions {
  db: Database;
  events: EventBus;
  raiseAlert: (alert: NewAlert) => Alert;
  /** Whether the emergency stop also closes positions (settings.flattenOnEmergencyStop). */
  flattenOnEmergencyStop: () => boolean;
  /** The trader's limits and breaker thresholds (settings.risk). */
  riskSettings: () => Settings['risk'];
  now?: () => number;
}

export class SafetyDesk {
  readonly risk: RiskManager;

  constructor(private readonly o: SafetyOptions) {
    const { limits, breakers } = o.riskSettings();
    this.risk = new RiskManager({ db: o.db, now: o.now, limits, breakers });
    this.risk.onBreakerTripped((e) => {
      o.raiseAlert({ level: 'critical', source: `breaker:${e.name}`, message: `Circuit breaker ${e.name} tripped: ${e.reason}. New entries stopped until ${new Date(e.rearmAt).toISOString()} or re-armed.` });
      this.changed();
    });
    this.risk.onBreakerRearmed((e) => {
      o.raiseAlert({ level: 'info', source: `breaker:${e.name}`, message: `Circuit breaker ${e.name} re-armed (${e.by})` });
      this.changed();
    });
    this.risk.killSwitch.onKillSwitchTripped((e) => {
      o.raiseAlert({ level: 'critical', source: 'kill-switch', message: `Kill switch ${e.escalatedFrom ? `escalated to` : 'tripped:'} ${e.mode} by ${e.source}: ${e.reason}` });
      this.changed();
    });
    this.risk.killSwitch.onKillSwitchRearmed((e) => {
      o.raiseAlert({ level: 'warning', source: 'kill-switch', message: `Kill switch re-armed by the trader (was ${e.mode})` });
      this.changed();
    });
  }

  /** New limits apply to the next order; breaker thresholds are read at start. */
  settingsChanged(): void {
    this.risk.setLimits(this.o.riskSettings().limits);
    this.changed();
  }

  state(): RiskState {
    return this.risk.state();
  }

  /** Tray, hotkey and the UI's big red button: halt, or flatten when the trader chose so in settings. */
  emergencyStop(source: KillSource): RiskState {
    const mode: KillMode = this.o.flattenOnEmergencyStop() ? 'flatten' : 'halt';
    this.risk.killSwitch.trip(mode, 'Emergency stop', source);
    return this.state();
  }

  trip(mode: KillMode, reason: string, source: KillSource): RiskState {
    this.risk.killSwitch.trip(mode, reason, source);
    return this.state();
  }

  rearmKillSwitch(confirm: string): RiskState {
    this.risk.killSwitch.rearm({ confirm });
    return this.state();
  }

  rearmBreaker(name: string): RiskState {
    if (!this.risk.state().breakers.some((b) => b.name === name)) {
      throw new RiskError(`No circuit breaker named ${name}`, 'BREAKER_UNKNOWN', { field: 'name', value: name });
    }
    this.risk.rearm(name);
    return this.state();
  }

  private changed(): void {
    this.o.events.emit('risk.changed', this.state());
  }
}
