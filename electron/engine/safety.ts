// The engine's safety desk: the one kill switch every trigger goes through (button, tray, hotkey, webhook, CLI), and
// every account's breakers, their events turned into alerts and UI events.
import type { Database } from 'better-sqlite3';
import type { Alert } from '../../shared/domain';
import type { AccountRiskUse, KillMode } from '../../shared/risk-contract';
import type { Settings } from '../../shared/settings';
import type { NewAlert } from './store/alerts-repo';
import type { EventBus } from './ipc/event-bus';
import { RiskError } from './errors';
import { RiskManager, tradingStateOf, type BreakerState, type KillSource, type RiskState } from './risk';

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

/** An account's risk manager, as the safety desk lists it. */
export interface AccountRisk {
  id: string;
  risk: RiskManager;
  /** The account's equity (an Account has it): with it, the state carries the account's use of every limit. */
  equity?(): number;
}

export class SafetyDesk {
  /** Owner of the kill switch (shared by every account) and the breaker list shown before any account opens. */
  readonly risk: RiskManager;
  private readonly boards: AccountRisk[] = [];

  constructor(private readonly o: SafetyOptions) {
    const { limits, breakers } = o.riskSettings();
    this.risk = new RiskManager({ db: o.db, now: o.now, limits, breakers });
    const ks = this.risk.killSwitch;
    ks.onKillSwitchTripped((e) => {
      o.raiseAlert({ level: 'critical', source: 'kill-switch', message: `Kill switch ${e.escalatedFrom ? `escalated to` : 'tripped:'} ${e.mode} by ${e.source}: ${e.reason}` });
      this.changed();
    });
    ks.onKillSwitchRearmed((e) => {
      o.raiseAlert({ level: 'warning', source: 'kill-switch', message: `Kill switch re-armed by the trader (was ${e.mode})` });
      this.changed();
    });
    ks.onPersistFailed((err) => {
      o.raiseAlert({ level: 'critical', source: 'kill-switch', message: `Kill switch acted but could not be saved (${err.message}): it holds only until Quorum restarts` });
    });
  }

  /** An account opened: its breakers alert like the app's and show in the risk state. */
  watchAccount(account: AccountRisk): void {
    this.boards.push(account);
    const label = (name: string) => `${name} on ${account.id}`;
    account.risk.onBreakerTripped((e) => {
      this.o.raiseAlert({ level: 'critical', source: `breaker:${e.name}`, message: `Circuit breaker ${label(e.name)} tripped: ${e.reason}. New entries stopped until ${new Date(e.rearmAt).toISOString()} or re-armed.` });
      this.changed();
    });
    account.risk.onBreakerRearmed((e) => {
      this.o.raiseAlert({ level: 'info', source: `breaker:${e.name}`, message: `Circuit breaker ${label(e.name)} re-armed (${e.by})` });
      this.changed();
    });
  }

  unwatchAccount(account: AccountRisk): void {
    const at = this.boards.indexOf(account);
    if (at >= 0) this.boards.splice(at, 1);
  }

  /** New limits apply to every account's next order; breaker thresholds are read when an account opens. */
  settingsChanged(): void {
    const { limits } = this.o.riskSettings();
    this.risk.setLimits(limits);
    for (const b of this.boards) b.risk.setLimits(limits);
    this.changed();
  }

  state(): RiskState {
    const own = this.risk.state();
    const breakers: BreakerState[] = this.boards.length === 0
      ? withUse(own.breakers, this.risk)
      : this.boards.flatMap((b) => withUse(b.risk.breakers.list(), b.risk).map((s) => ({ ...s, account: b.id })));
    return { ...own, breakers, tradingState: tradingStateOf(own.killSwitch, breakers), usage: this.usage() };
  }

  /** Each account's use of every limit; an account whose books cannot be read now is left out, not the whole state. */
  private usage(): AccountRiskUse[] {
    const out: AccountRiskUse[] = [];
    for (const b of this.boards) {
      const equity = b.equity?.bind(b);
      if (!equity) continue;
      try {
        // The account's risk context reads its own books; the view only carries the equity for other contexts.
        out.push({ account: b.id, ...b.risk.usage({ cash: Number.NaN, equity, position: () => undefined }) });
      } catch {
        continue;
      }
    }
    return out;
  }

  /** Tray, hotkey and the UI's big red button: halt, or flatten when the trader chose so in settings. */
  emergencyStop(source: KillSource): RiskState {
    const mode: KillMode = this.o.flattenOnEmergencyStop() ? 'flatten' : 'halt';
    return this.trip(mode, 'Emergency stop', source);
  }

  trip(mode: KillMode, reason: string, source: KillSource): RiskState {
    this.risk.killSwitch.trip(mode, reason, source);
    return this.state();
  }

  rearmKillSwitch(confirm: string): RiskState {
    this.risk.killSwitch.rearm({ confirm });
    return this.state();
  }

  /** Re-arms a breaker by name on one account, or on every account where it is tripped. */
  rearmBreaker(name: string, account?: string): RiskState {
    const boards = this.boards.length === 0 ? [{ id: 'global', risk: this.risk }] : this.boards.filter((b) => account === undefined || b.id === account);
    const owners = boards.filter((b) => b.risk.state().breakers.some((s) => s.name === name));
    if (owners.length === 0) {
      throw new RiskError(`No circuit breaker named ${name}${account ? ` on ${account}` : ''}`, 'BREAKER_UNKNOWN', { field: 'name', value: name });
    }
    for (const b of owners) b.risk.rearm(name);
    return this.state();
  }

  private changed(): void {
    this.o.events.emit('risk.changed', this.state());
  }
}

function withUse(states: BreakerState[], risk: RiskManager): BreakerState[] {
  const uses = risk.breakers.uses();
  return states.map((s) => {
    const use = uses.get(s.name);
    return use ? { ...s, use } : s;
  });
}
